/**
 * Carries out the assistant's system actions through koompid (packages,
 * snapshots) and says what happened in the person's language. Every change
 * koompid makes sits between a pre and a post snapshot; a successful install
 * or removal comes back with its inverse, which Chat offers as "Undo". Pure:
 * the daemon port and the translators come in.
 */
import {
  failureMessageKey,
  type DaemonFailure,
  type JobOutcome,
  type ProposedAction,
  type SystemDaemon,
  type Translator,
} from '@koompi/core';
import type { ActionResult } from './chat-controller.js';
import type { SystemActions } from './actions.js';

export function createSystemActions(options: {
  readonly daemon: SystemDaemon;
  readonly t: () => Translator;
  /** koompid's own messages (`error.<kind>`), for its failures. */
  readonly daemonT: () => Translator;
}): SystemActions {
  const refused = (error: DaemonFailure): ActionResult => ({
    ok: false,
    message: options.daemonT()(failureMessageKey(error.kind)),
    data: { failure: error.kind },
  });

  const job = (outcome: JobOutcome, app: string, done: string, undo?: ProposedAction): ActionResult => {
    const t = options.t();
    switch (outcome.kind) {
      case 'succeeded':
        return {
          ok: true,
          message: t(done, { app, snapshot: outcome.preSnapshot }),
          data: { preSnapshot: outcome.preSnapshot, postSnapshot: outcome.postSnapshot },
          ...(undo ? { undo } : {}),
        };
      case 'failed':
        return {
          ok: false,
          message: t('action.jobFailed', { detail: outcome.failure.message, snapshot: outcome.preSnapshot }),
          data: { failure: outcome.failure.kind, preSnapshot: outcome.preSnapshot },
        };
      case 'cancelled':
        return { ok: false, message: t('action.jobCancelled') };
    }
  };

  return {
    async run(action) {
      const { daemon } = options;
      const t = options.t();
      const app = action.slots.app ?? '';
      const inverse = (name: 'install_package' | 'remove_package'): ProposedAction => ({
        intent: name === 'install_package' ? 'package.install' : 'package.remove',
        slots: { app },
        call: { name, args: { app } },
      });
      switch (action.intent) {
        case 'package.install': {
          const r = await daemon.changePackages('install', app);
          return r.ok ? job(r.value, app, 'action.installed', inverse('remove_package')) : refused(r.error);
        }
        case 'package.remove': {
          const r = await daemon.changePackages('remove', app);
          return r.ok ? job(r.value, app, 'action.removed', inverse('install_package')) : refused(r.error);
        }
        case 'system.update': {
          const r = await daemon.changePackages('update');
          return r.ok ? job(r.value, '', 'action.updated') : refused(r.error);
        }
        case 'snapshot.create': {
          const reason =
            typeof action.call.args['reason'] === 'string' ? action.call.args['reason'] : t('action.snapshotReason');
          const r = await daemon.createSnapshot(reason.slice(0, 200));
          return r.ok
            ? { ok: true, message: t('action.snapshotCreated', { id: r.value.id }), data: { id: r.value.id } }
            : refused(r.error);
        }
        case 'snapshot.list': {
          const r = await daemon.listSnapshots();
          if (!r.ok) return refused(r.error);
          const list = r.value.map(
            (s) => `${s.id} · ${t.formatDate(s.created, { dateStyle: 'medium', timeStyle: 'short' })} · ${s.reason}`,
          );
          return {
            ok: true,
            message: list.length ? t('action.snapshots', { list: list.join('\n') }) : t('action.noSnapshots'),
          };
        }
        case 'package.search': {
          const r = await daemon.searchPackages(action.slots.query ?? app);
          if (!r.ok) return refused(r.error);
          const list = r.value.slice(0, 8).map((h) => `${h.name} (${h.id})`);
          return {
            ok: true,
            message: list.length ? t('action.found', { list: list.join(', ') }) : t('action.nothingFound'),
          };
        }
        default:
          return { ok: false, message: t('action.notFromChat') };
      }
    },
  };
}
