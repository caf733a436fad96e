/**
 * Carries out one action the person asked for (and confirmed, when the table
 * says so): resolves the app once through the catalog (app id → Flatpak id,
 * pacman name or launch command), calls the port that does it and returns a
 * typed outcome that each app says in the person's language. Pure: the ports
 * come in.
 *
 * @example
 * const run = createActionRunner(ports);
 * const outcome = await run({ intent: 'package.install', slots: { app: 'firefox' } });
 * // daemon.changePackages('install', 'org.mozilla.firefox'); outcome.kind === 'done', with an undo
 */
import type { Catalog } from '../catalog/catalog.js';
import type { CatalogApp } from '../catalog/types.js';
import type { DaemonFailure, DaemonResult } from '../koompid/names.js';
import type { IntentId, InfoTopic } from '../intent/types.js';
import type { JobOutcome } from '../packages/packages.js';
import { INTENT_ACTIONS, missingDetail, needsConfirmation } from './actions.js';
import type {
  ActionOutcome,
  ActionPorts,
  ActionRequest,
  ClassroomAnswer,
  ClassroomPort,
  ClassReport,
  Done,
  NamedApp,
  Service,
} from './ports.js';

/** A program name that can be started as is (no path, no options, no shell). */
const SAFE_COMMAND = /^[a-z0-9][a-z0-9._+-]{0,63}$/;

/** The catalog app a name stands for: its id, or a name or alias people use ("Firefox", "ហ្វាយហ្វក"). */
export function resolveApp(catalog: Catalog, name: string): CatalogApp | undefined {
  return catalog.get(name) ?? catalog.findByName(name);
}

/** The package koompid is asked for: the catalog's Flatpak ref or pacman name, else the name as given. */
export function packageFor(catalog: Catalog, name: string): string {
  return resolveApp(catalog, name)?.package ?? name;
}

/** The app to start for `name`, and how; only catalog apps have a launch command. */
export function launchableApp(catalog: Catalog, name: string): CatalogApp | undefined {
  const app = resolveApp(catalog, name) ?? catalog.search(name)[0]?.app;
  return app?.exec ? app : undefined;
}

/** Whether `request` needs the person's yes before it runs (a non-catalog program always does). */
export function requestNeedsConfirmation(catalog: Catalog, request: ActionRequest): boolean {
  return needsConfirmation(request.intent, () => launchableApp(catalog, request.slots.app ?? '') !== undefined);
}

function named(app: CatalogApp | undefined, said: string): NamedApp {
  return app ? { id: app.id, name: app.name } : { id: said, name: { en: said, km: said } };
}

export type ActionRunner = (request: ActionRequest) => Promise<ActionOutcome>;

export function createActionRunner(ports: ActionPorts): ActionRunner {
  const { catalog } = ports;

  const daemonFailure = (intent: IntentId, error: DaemonFailure, app?: NamedApp): ActionOutcome => {
    switch (error.kind) {
      case 'unavailable':
        return { kind: 'unavailable', intent, service: 'daemon' };
      case 'failed':
        return { kind: 'failed', intent, detail: error.message, ...(app ? { app } : {}) };
      default:
        return { kind: 'refused', intent, reason: error.kind, detail: error.message, ...(app ? { app } : {}) };
    }
  };

  const job = (
    intent: IntentId,
    r: DaemonResult<JobOutcome>,
    done: (pre: string, post: string) => Done,
    app?: NamedApp,
    undo?: ActionRequest,
  ): ActionOutcome => {
    if (!r.ok) return daemonFailure(intent, r.error, app);
    const outcome = r.value;
    switch (outcome.kind) {
      case 'succeeded':
        return {
          kind: 'done',
          intent,
          done: done(outcome.preSnapshot, outcome.postSnapshot),
          ...(undo ? { undo } : {}),
        };
      case 'failed':
        // koompid died mid-job: not a failure of the change, and it says what happened when it starts again.
        if (outcome.failure.kind === 'interrupted') return daemonFailure(intent, outcome.failure, app);
        return {
          kind: 'failed',
          intent,
          detail: outcome.failure.message,
          preSnapshot: outcome.preSnapshot,
          ...(app ? { app } : {}),
        };
      case 'cancelled':
        return { kind: 'failed', intent, detail: '', cancelled: true, ...(app ? { app } : {}) };
    }
  };

  const classroom = async <T>(
    intent: IntentId,
    call: (port: ClassroomPort) => Promise<ClassroomAnswer<T>>,
    done: (value: T) => Done,
  ): Promise<ActionOutcome> => {
    if (ports.classroom.kind !== 'ready') return { kind: 'unavailable', intent, service: 'classroom' };
    const r = await call(ports.classroom.port);
    switch (r.kind) {
      case 'ok':
        return { kind: 'done', intent, done: done(r.value) };
      case 'no-service':
        return { kind: 'unavailable', intent, service: 'classroom' };
      case 'wrong-role':
        return { kind: 'refused', intent, reason: 'wrong-role', detail: r.role };
      case 'failed':
        return { kind: 'failed', intent, detail: r.message };
    }
  };

  const reportDone =
    (what: 'locked' | 'unlocked') =>
    (report: ClassReport): Done => {
      const outcomes = Object.values(report);
      return { what, done: outcomes.filter((o) => o.kind === 'done').length, total: outcomes.length, report };
    };

  const use = <T>(service: Service<T>): T | undefined => (service.kind === 'ready' ? service.port : undefined);

  return async (request) => {
    const { intent, slots } = request;
    const spec = INTENT_ACTIONS[intent];
    if (missingDetail(intent, slots)) return { kind: 'refused', intent, reason: 'needs-detail' };
    if (spec.needs === 'none') return { kind: 'refused', intent, reason: 'not-here' };
    if (spec.needs !== 'catalog' && ports[spec.needs].kind !== 'ready') {
      return { kind: 'unavailable', intent, service: spec.needs };
    }
    const daemon = use(ports.daemon);
    const said = slots.app ?? '';
    switch (intent) {
      case 'package.install':
      case 'package.remove': {
        const change = intent === 'package.install' ? 'install' : 'remove';
        const app = resolveApp(catalog, said);
        const pkg = app?.package ?? said;
        const shown = named(app, said);
        const undo: ActionRequest = {
          intent: change === 'install' ? 'package.remove' : 'package.install',
          slots: { app: app?.id ?? said },
        };
        return job(
          intent,
          await daemon!.changePackages(change, pkg),
          (preSnapshot, postSnapshot) => ({
            what: 'package',
            change,
            app: shown,
            package: pkg,
            preSnapshot,
            postSnapshot,
          }),
          shown,
          undo,
        );
      }
      case 'system.update':
        return job(intent, await daemon!.changePackages('update'), (preSnapshot, postSnapshot) => ({
          what: 'updated',
          preSnapshot,
          postSnapshot,
        }));
      case 'snapshot.create': {
        const reason = typeof request.args?.['reason'] === 'string' ? request.args['reason'] : '';
        const r = await daemon!.createSnapshot(reason.slice(0, 200));
        return r.ok
          ? { kind: 'done', intent, done: { what: 'snapshot-created', id: r.value.id } }
          : daemonFailure(intent, r.error);
      }
      case 'snapshot.list': {
        const r = await daemon!.listSnapshots();
        return r.ok
          ? { kind: 'done', intent, done: { what: 'snapshots', snapshots: r.value } }
          : daemonFailure(intent, r.error);
      }
      case 'package.search': {
        const query = slots.query ?? '';
        const apps = catalog.search(query, 8).map(({ app, score }) => ({ ...named(app, app.id), score }));
        return { kind: 'done', intent, done: { what: 'search', query, apps } };
      }
      case 'system.info': {
        const topic: InfoTopic = slots.topic ?? 'os';
        const info = await use(ports.info)!.read(topic);
        return { kind: 'done', intent, done: { what: 'info', topic, info } };
      }
      case 'file.find': {
        const query = slots.query ?? '';
        const files = await use(ports.files)!.find(query, { limit: 10 });
        return { kind: 'done', intent, done: { what: 'files', query, files } };
      }
      case 'app.open': {
        const app = launchableApp(catalog, said);
        // Anything the catalog cannot start is a bare program name, and only after the person's yes.
        const argv = app?.exec ?? (SAFE_COMMAND.test(said.toLowerCase()) ? [said.toLowerCase()] : undefined);
        const shown = named(app, said);
        if (!argv) return { kind: 'refused', intent, reason: 'unknown-app', app: shown };
        const launched = await use(ports.launcher)!.launch(argv);
        switch (launched.kind) {
          case 'started':
            return { kind: 'done', intent, done: { what: 'opened', app: shown, argv, pid: launched.pid } };
          case 'not-found':
            return { kind: 'refused', intent, reason: 'unknown-app', app: shown, detail: launched.command };
          case 'exited':
            return { kind: 'failed', intent, app: shown, detail: String(launched.code ?? launched.signal ?? '') };
        }
        break;
      }
      case 'classroom.share':
        return classroom(
          intent,
          (c) => c.share(slots.path ?? ''),
          (v) => ({ what: 'shared', title: v.title, students: Object.keys(v.students).length }),
        );
      case 'classroom.collect':
        return classroom(
          intent,
          (c) => c.collect(),
          (submissions) => ({ what: 'collected', submissions }),
        );
      case 'classroom.online':
        return classroom(
          intent,
          (c) => c.online(),
          (students) => ({ what: 'online', students }),
        );
      case 'classroom.lock': {
        const message =
          typeof request.args?.['message'] === 'string' ? request.args['message'].slice(0, 200) : undefined;
        return classroom(intent, (c) => c.lock(message), reportDone('locked'));
      }
      case 'classroom.unlock':
        return classroom(intent, (c) => c.unlock(), reportDone('unlocked'));
      default:
        break;
    }
    return { kind: 'refused', intent, reason: 'not-here' };
  };
}
