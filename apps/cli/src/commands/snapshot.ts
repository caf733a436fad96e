/**
 * `koompi snapshot create|list|delete|rollback`, done by koompid: creating and
 * listing through core's action runner (as Chat does), deleting and rolling
 * back (which only `koompi` offers) through koompid's client directly.
 */
import type { Snapshot } from '@koompi/core';
import { act } from '../actions.js';
import { takeOption } from '../args.js';
import { fail, type Context } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { daemonFailure } from '../outcome.js';

/** The state before the latest change: the newest "pre" or manual snapshot (List is oldest first). */
function latestBeforeAChange(snapshots: readonly Snapshot[]): Snapshot | undefined {
  return [...snapshots].reverse().find((s) => s.kind !== 'post');
}

export async function snapshotCommand(ctx: Context, args: readonly string[]): Promise<ExitCode> {
  const { t, daemon } = ctx;
  const [action, ...rest] = args;
  if (action === undefined) return fail(ctx, EXIT.usage, 'usage', 'error.missingAction', { command: 'snapshot' });
  switch (action) {
    case 'create': {
      // `--reason TEXT`, or the words after `create`
      const reason = takeOption(rest, '--reason');
      const text = typeof reason.value === 'string' ? reason.value : reason.rest.join(' ');
      const args = { reason: text.trim() || t('snapshot.defaultReason') };
      return act(ctx, { intent: 'snapshot.create', slots: {}, args }, { action: 'snapshot.create' });
    }
    case 'list':
      return act(ctx, { intent: 'snapshot.list', slots: {} }, { action: 'snapshot.list' });
    case 'delete': {
      const id = rest[0];
      if (id === undefined) return fail(ctx, EXIT.usage, 'usage', 'error.missingSnapshot');
      const gone = await daemon.deleteSnapshot(id);
      if (!gone.ok) return daemonFailure(ctx, gone.error, { action: 'snapshot.delete', snapshot: id });
      if (ctx.options.json) ctx.io.out(JSON.stringify({ deleted: id }));
      else ctx.io.out(t('snapshot.deleted', { id }));
      return EXIT.ok;
    }
    case 'rollback': {
      const details = { action: 'snapshot.rollback' };
      let id = rest[0];
      if (id === undefined) {
        const list = await daemon.listSnapshots();
        if (!list.ok) return daemonFailure(ctx, list.error, details);
        id = latestBeforeAChange(list.value)?.id;
        if (id === undefined) return fail(ctx, EXIT.failure, 'not-found', 'snapshot.noTarget');
      }
      const staged = await daemon.rollback(id);
      if (!staged.ok) return daemonFailure(ctx, staged.error, { ...details, snapshot: id });
      const r = staged.value;
      if (ctx.options.json) {
        ctx.io.out(JSON.stringify({ staged: { ...r, created: r.created.toISOString() }, rebootNeeded: true }));
      } else {
        const created = t.formatDate(r.created, { dateStyle: 'medium', timeStyle: 'short' });
        const counts = { added: r.added.length, removed: r.removed.length, changed: r.changed.length };
        ctx.io.out(t('snapshot.staged', { id: r.snapshot, created, ...counts }));
      }
      return EXIT.ok;
    }
    default:
      return fail(ctx, EXIT.usage, 'usage', 'error.unknownAction', { command: 'snapshot', action });
  }
}
