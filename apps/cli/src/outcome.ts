/**
 * An action's outcome (core's `ActionOutcome`) as `koompi` says it: the text
 * lines for people, the JSON object for scripts (docs/cli.md), and for a
 * refusal or failure the message and exit code. Pure of the terminal: the
 * caller prints, once.
 */
import {
  SERVICES,
  type ActionOutcome,
  type DaemonFailure,
  type Done,
  type InfoTopic,
  type Snapshot,
  type SystemInfo,
} from '@koompi/core';
import { appName, fail, type Context } from './context.js';
import { EXIT, type ExitCode } from './exit-codes.js';

export interface Output {
  readonly json: Record<string, unknown>;
  readonly lines: readonly string[];
}

function size(ctx: Context, bytes: number): string {
  const gb = bytes / 1024 ** 3;
  if (gb >= 1) return ctx.t('info.gigabytes', { value: ctx.t.formatNumber(gb, { maximumFractionDigits: 1 }) });
  return ctx.t('info.megabytes', { value: ctx.t.formatNumber(bytes / 1024 ** 2, { maximumFractionDigits: 0 }) });
}

/** One fact about this computer, in a sentence. */
export function describeInfo(ctx: Context, topic: InfoTopic, v: SystemInfo[InfoTopic]): string {
  const { t } = ctx;
  switch (topic) {
    case 'memory': {
      const m = v as SystemInfo['memory'];
      return t('info.memory', { available: size(ctx, m.availableBytes), total: size(ctx, m.totalBytes) });
    }
    case 'disk': {
      const d = v as SystemInfo['disk'];
      return t('info.disk', { path: d.path, free: size(ctx, d.freeBytes), total: size(ctx, d.totalBytes) });
    }
    case 'battery': {
      const b = v as SystemInfo['battery'];
      if (!b.present) return t('info.batteryNone');
      return t(b.charging ? 'info.batteryCharging' : 'info.battery', { percent: b.percent });
    }
    case 'network': {
      const n = v as SystemInfo['network'];
      return n.online
        ? t('info.networkOnline', { interfaces: n.interfaces.map((i) => i.name).join(', ') })
        : t('info.networkOffline');
    }
    case 'cpu': {
      const c = v as SystemInfo['cpu'];
      return t('info.cpu', { model: c.model, cores: c.cores, load: Math.round(c.load * 100) });
    }
    default: {
      const o = v as SystemInfo['os'];
      return t('info.os', { name: o.name, version: o.version, kernel: o.kernel, hostname: o.hostname });
    }
  }
}

function snapshotRow(ctx: Context, s: Snapshot): string {
  const created = ctx.t.formatDate(s.created, { dateStyle: 'medium', timeStyle: 'short' });
  const kind = ctx.t(`snapshot.kind.${s.kind}`);
  return ctx.t('snapshot.row', { id: s.id, created, kind, reason: s.reason });
}

/** What was done, as text lines and as the JSON object of its command. */
export function output(ctx: Context, done: Done): Output {
  const { t } = ctx;
  const locale = t.locale;
  switch (done.what) {
    case 'package':
      return {
        json: { package: done.package, preSnapshot: done.preSnapshot, postSnapshot: done.postSnapshot },
        lines: [t(`package.done.${done.change}`, { app: done.app.name[locale] })],
      };
    case 'updated':
      return {
        json: { preSnapshot: done.preSnapshot, postSnapshot: done.postSnapshot },
        lines: [t('package.done.update', { app: '' })],
      };
    case 'snapshot-created':
      return { json: { id: done.id }, lines: [t('snapshot.created', { id: done.id })] };
    case 'snapshots':
      return {
        json: { snapshots: done.snapshots.map((s) => ({ ...s, created: s.created.toISOString() })) },
        lines:
          done.snapshots.length === 0
            ? [t('snapshot.none')]
            : [t('snapshot.header'), ...done.snapshots.map((s) => snapshotRow(ctx, s))],
      };
    case 'search': {
      const hits = done.apps.flatMap((found) => {
        const app = ctx.catalog.get(found.id);
        return app ? [{ app, score: found.score }] : [];
      });
      const results = hits.map(({ app, score }) => ({
        id: app.id,
        name: app.name[locale],
        summary: app.summary[locale],
        source: app.source,
        package: app.package,
        categories: app.categories,
        score: Math.round(score * 10) / 10,
      }));
      const query = done.query;
      return {
        json: { query, results },
        lines:
          hits.length === 0
            ? [t('search.none', { query })]
            : [
                t('search.header', { query }),
                ...hits.map(({ app }) =>
                  t('search.row', { id: app.id, name: app.name[locale], summary: app.summary[locale] }),
                ),
              ],
      };
    }
    case 'info':
      return { json: { [done.topic]: done.info }, lines: [describeInfo(ctx, done.topic, done.info)] };
    case 'files': {
      const { query, files } = done;
      return {
        json: {
          query,
          files: files.map((f) => ({ path: f.path, size: f.sizeBytes, modified: f.modified.toISOString() })),
        },
        lines:
          files.length === 0
            ? [t('file.none', { query })]
            : [t('file.found', { query }), ...files.map((f) => `  ${f.path}`)],
      };
    }
    case 'opened':
      return {
        json: { app: done.app.id, started: true, pid: done.pid },
        lines: [t('open.started', { app: done.app.name[locale] })],
      };
    case 'shared':
      return {
        json: { title: done.title, students: done.students },
        lines: [t('class.shared', { title: done.title, count: done.students })],
      };
    case 'collected':
      return {
        json: { submissions: done.submissions },
        lines: [
          t('class.collected', { count: done.submissions.length }),
          ...done.submissions.map((s) => `  ${s.studentName}: ${s.path}`),
        ],
      };
    case 'online': {
      const online = done.students.filter((s) => s.online).length;
      return {
        json: { students: done.students },
        lines: [
          t('class.online', { online, total: done.students.length }),
          ...done.students.map((s) => `  ${s.online ? '●' : '○'} ${s.name}${s.activeApp ? ` (${s.activeApp})` : ''}`),
        ],
      };
    }
    case 'locked':
    case 'unlocked':
      return { json: { report: done.report }, lines: [t('class.report', { done: done.done, total: done.total })] };
  }
}

/** False when a command to the class reached only some of the computers (exit 1). */
export function succeeded(done: Done): boolean {
  return done.what === 'locked' || done.what === 'unlocked' ? done.done === done.total : true;
}

/** Tells the person why koompid refused or failed, and returns the matching exit code. */
export function daemonFailure(ctx: Context, failure: DaemonFailure, details: Record<string, unknown> = {}): ExitCode {
  const extra = { daemonError: failure.kind, ...details };
  const params = { message: failure.message };
  switch (failure.kind) {
    case 'not-authorized':
      return fail(ctx, EXIT.notPermitted, 'not-authorized', 'daemon.notAuthorized', params, extra);
    case 'invalid-argument':
      return fail(ctx, EXIT.usage, 'invalid-argument', 'daemon.invalidArgument', params, extra);
    case 'not-found':
      return fail(ctx, EXIT.failure, 'not-found', 'daemon.notFound', params, extra);
    case 'busy':
      return fail(ctx, EXIT.busy, 'busy', 'daemon.busy', params, extra);
    case 'rate-limited':
      return fail(ctx, EXIT.busy, 'rate-limited', 'daemon.rateLimited', params, extra);
    case 'unavailable':
      return systemMissing(ctx, extra);
    case 'interrupted':
      return fail(ctx, EXIT.failure, 'interrupted', 'daemon.interrupted', params, extra);
    case 'failed':
      return fail(ctx, EXIT.failure, 'failed', 'daemon.failed', params, extra);
  }
}

/** koompid is not there: its name has no owner, or D-Bus could not start it. Nothing changed. */
function systemMissing(ctx: Context, details: Record<string, unknown>): ExitCode {
  const extra = { service: SERVICES.system.name, daemonError: 'unavailable', ...details };
  return fail(ctx, EXIT.unavailable, 'service-not-running', 'service.systemNotRunning', {}, extra);
}

/** A refusal or a failure, said once, with its exit code. `details` go into the JSON error. */
export function failure(
  ctx: Context,
  outcome: Exclude<ActionOutcome, { kind: 'done' }>,
  details: Record<string, unknown> = {},
): ExitCode {
  const shown =
    'app' in outcome && outcome.app ? outcome.app.name[ctx.t.locale] : appName(ctx, String(details['app'] ?? ''));
  switch (outcome.kind) {
    case 'unavailable':
      switch (outcome.service) {
        case 'daemon':
          return systemMissing(ctx, details);
        case 'classroom':
          return fail(ctx, EXIT.unavailable, 'no-service', 'class.noService', {}, details);
        case 'launcher':
          return fail(ctx, EXIT.failure, 'no-display', 'open.noDisplay', { app: shown }, details);
        default:
          return fail(ctx, EXIT.unavailable, 'not-supported', 'service.notSupported', {}, details);
      }
    case 'refused':
      switch (outcome.reason) {
        case 'needs-detail':
          return fail(ctx, EXIT.usage, 'usage', 'error.tryHelp', {}, details);
        case 'not-here':
          return fail(ctx, EXIT.unavailable, 'not-supported', 'service.notSupported', {}, details);
        case 'wrong-role':
          return fail(ctx, EXIT.usage, 'wrong-role', `class.wrongRole.${outcome.detail ?? 'student'}`, {}, details);
        case 'unknown-app': {
          const id = outcome.app?.id ?? '';
          // The catalog knows it, but its program is not on this computer.
          if (outcome.detail !== undefined) {
            return fail(ctx, EXIT.failure, 'not-installed', 'open.notInstalled', { app: shown, id }, { app: id });
          }
          return fail(ctx, EXIT.usage, 'unknown-app', 'open.unknownApp', { app: shown }, details);
        }
        default:
          return daemonFailure(ctx, { kind: outcome.reason, message: outcome.detail ?? '' }, details);
      }
    case 'failed': {
      if (outcome.cancelled) return fail(ctx, EXIT.cancelled, 'cancelled', 'package.cancelled', {}, details);
      const { intent, detail } = outcome;
      if (intent === 'app.open') {
        const exitCode = /^\d+$/.test(detail) ? Number(detail) : null;
        const id = outcome.app?.id ?? '';
        return fail(ctx, EXIT.failure, 'exited', 'open.failed', { app: shown }, { app: id, exitCode });
      }
      if (intent.startsWith('classroom.'))
        return fail(ctx, EXIT.failure, 'failed', 'class.failed', { detail }, details);
      if (intent === 'system.info' || intent === 'file.find') {
        return fail(ctx, EXIT.failure, 'failed', 'error.internal', { message: detail }, details);
      }
      const pre = outcome.preSnapshot !== undefined ? { preSnapshot: outcome.preSnapshot } : {};
      return daemonFailure(ctx, { kind: 'failed', message: detail }, { ...details, ...pre });
    }
  }
}
