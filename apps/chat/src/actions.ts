/**
 * Chat's side of an action: core's runner carries it out (`@koompi/core`
 * `createActionRunner`, the one table from intent to port) and this file says
 * the outcome once, in the person's language. Nothing here decides what an
 * intent does. Pure: the runner, the catalog and the translators come in.
 */
import {
  INTENT_ACTIONS,
  callForIntent,
  failureMessageKey,
  requestNeedsConfirmation,
  type ActionOutcome,
  type ActionRequest,
  type ActionRunner as CoreRunner,
  type Catalog,
  type Done,
  type InfoTopic,
  type NamedApp,
  type ProposedAction,
  type SystemInfo,
  type Translator,
} from '@koompi/core';
import type { ActionResult, ActionRunner } from './chat-controller.js';

export function createChatActions(options: {
  readonly run: CoreRunner;
  readonly catalog: Catalog;
  readonly t: () => Translator;
  /** koompid's own messages (`error.<kind>`), for its refusals. */
  readonly daemonT: () => Translator;
}): ActionRunner {
  return {
    needsConfirmation: (action) => requestNeedsConfirmation(options.catalog, action),
    async run(action) {
      const request: ActionRequest = { intent: action.intent, slots: action.slots, args: action.call.args };
      return render(await options.run(request), options.t(), options.daemonT());
    },
  };
}

function proposal(request: ActionRequest): ProposedAction | undefined {
  const call = callForIntent(request.intent, request.slots);
  return call ? { intent: request.intent, slots: request.slots, call } : undefined;
}

/** One outcome as the sentence Chat shows, with the undo it offers. */
export function render(outcome: ActionOutcome, t: Translator, daemonT: Translator): ActionResult {
  const name = (app: NamedApp | undefined) => (app ? app.name[t.locale] : '');
  switch (outcome.kind) {
    case 'done': {
      const undo = outcome.undo ? proposal(outcome.undo) : undefined;
      return {
        ok: true,
        message: doneMessage(outcome.done, t),
        data: { intent: outcome.intent, ...outcome.done },
        ...(undo ? { undo } : {}),
      };
    }
    case 'refused': {
      const data = { intent: outcome.intent, refused: outcome.reason };
      switch (outcome.reason) {
        case 'wrong-role':
          return {
            ok: false,
            message: t(outcome.detail === 'teacher' ? 'action.wrongRoleTeacher' : 'action.wrongRoleStudent'),
            data,
          };
        case 'needs-detail':
          return {
            ok: false,
            message: t('action.needsDetail', { example: INTENT_ACTIONS[outcome.intent].example ?? '' }),
            data,
          };
        case 'not-here':
          return { ok: false, message: t('action.notFromChat'), data };
        case 'unknown-app':
          return { ok: false, message: t('action.openUnknown', { app: name(outcome.app) }), data };
        default:
          return { ok: false, message: daemonT(failureMessageKey(outcome.reason)), data: { failure: outcome.reason } };
      }
    }
    case 'unavailable': {
      const key =
        outcome.service === 'daemon'
          ? 'action.systemMissing'
          : outcome.service === 'classroom'
            ? 'action.classroomMissing'
            : 'action.notFromChat';
      return { ok: false, message: t(key), data: { intent: outcome.intent, unavailable: outcome.service } };
    }
    case 'failed': {
      const data = { intent: outcome.intent, failed: outcome.detail };
      if (outcome.cancelled) return { ok: false, message: t('action.jobCancelled'), data };
      if (outcome.preSnapshot !== undefined) {
        return {
          ok: false,
          message: t('action.jobFailed', { detail: outcome.detail, snapshot: outcome.preSnapshot }),
          data: { ...data, preSnapshot: outcome.preSnapshot },
        };
      }
      if (outcome.intent === 'app.open')
        return { ok: false, message: t('action.openFailed', { app: name(outcome.app) }), data };
      if (outcome.intent.startsWith('classroom.')) {
        return { ok: false, message: t('action.classroomFailed', { detail: outcome.detail }), data };
      }
      return { ok: false, message: t('action.error', { detail: outcome.detail }), data };
    }
  }
}

function doneMessage(done: Done, t: Translator): string {
  switch (done.what) {
    case 'package':
      return t(done.change === 'install' ? 'action.installed' : 'action.removed', {
        app: done.app.name[t.locale],
        snapshot: done.preSnapshot,
      });
    case 'updated':
      return t('action.updated', { snapshot: done.preSnapshot });
    case 'snapshot-created':
      return t('action.snapshotCreated', { id: done.id });
    case 'snapshots': {
      const list = done.snapshots.map(
        (s) => `${s.id} · ${t.formatDate(s.created, { dateStyle: 'medium', timeStyle: 'short' })} · ${s.reason}`,
      );
      return list.length ? t('action.snapshots', { list: list.join('\n') }) : t('action.noSnapshots');
    }
    case 'search': {
      const list = done.apps.map((a) => `${a.name[t.locale]} (${a.id})`);
      return list.length ? t('action.found', { list: list.join(', ') }) : t('action.nothingFound');
    }
    case 'opened':
      return t('action.opened', { app: done.app.name[t.locale] });
    case 'shared':
      return t('action.shared', { title: done.title, count: done.students });
    case 'collected':
      return t('action.collected', { count: done.submissions.length });
    case 'online':
      return t('action.online', { online: done.students.filter((s) => s.online).length, total: done.students.length });
    case 'locked':
    case 'unlocked':
      return t(`action.${done.what}`, { done: done.done, total: done.total });
    case 'info':
      return infoMessage(done.topic, done.info, t);
    case 'files': {
      const list = done.files.map((f) => f.path).join('\n');
      return done.files.length
        ? t('action.filesFound', { query: done.query, list })
        : t('action.noFiles', { query: done.query });
    }
  }
}

function size(bytes: number, t: Translator): string {
  const gb = bytes / 1024 ** 3;
  if (gb >= 1) return t('action.info.gigabytes', { value: t.formatNumber(gb, { maximumFractionDigits: 1 }) });
  return t('action.info.megabytes', { value: t.formatNumber(bytes / 1024 ** 2, { maximumFractionDigits: 0 }) });
}

/** One fact about this computer (core's `SystemInfoSource`, as `koompi info` reads it), in a sentence. */
function infoMessage(topic: InfoTopic, value: SystemInfo[InfoTopic], t: Translator): string {
  switch (topic) {
    case 'memory': {
      const m = value as SystemInfo['memory'];
      return t('action.info.memory', { available: size(m.availableBytes, t), total: size(m.totalBytes, t) });
    }
    case 'disk': {
      const d = value as SystemInfo['disk'];
      return t('action.info.disk', { path: d.path, free: size(d.freeBytes, t), total: size(d.totalBytes, t) });
    }
    case 'battery': {
      const b = value as SystemInfo['battery'];
      if (!b.present) return t('action.info.batteryNone');
      return t(b.charging ? 'action.info.batteryCharging' : 'action.info.battery', { percent: b.percent });
    }
    case 'network': {
      const n = value as SystemInfo['network'];
      return n.online
        ? t('action.info.networkOnline', { interfaces: n.interfaces.map((i) => i.name).join(', ') })
        : t('action.info.networkOffline');
    }
    case 'cpu': {
      const c = value as SystemInfo['cpu'];
      return t('action.info.cpu', { model: c.model, cores: c.cores, load: Math.round(c.load * 100) });
    }
    case 'os': {
      const o = value as SystemInfo['os'];
      return t('action.info.os', { name: o.name, version: o.version, kernel: o.kernel, hostname: o.hostname });
    }
  }
}
