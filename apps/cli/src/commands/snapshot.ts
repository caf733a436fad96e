/** `koompi snapshot create|list|delete|rollback`, done by koompid. */
import type { Snapshot } from '@koompi/core';
import { takeOption } from '../args.js';
import { fail, type Context } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { daemonFailure, unavailable } from './service.js';

function row(ctx: Context, s: Snapshot): string {
  const created = ctx.t.formatDate(s.created, { dateStyle: 'medium', timeStyle: 'short' });
  const kind = ctx.t(`snapshot.kind.${s.kind}`);
  return ctx.t('snapshot.row', { id: s.id, created, kind, reason: s.reason });
}

const asJson = (s: Snapshot): Record<string, unknown> => ({ ...s, created: s.created.toISOString() });

/** The state before the latest change: the newest "pre" or manual snapshot (List is oldest first). */
function latestBeforeAChange(snapshots: readonly Snapshot[]): Snapshot | undefined {
  return [...snapshots].reverse().find((s) => s.kind !== 'post');
}

export async function snapshotCommand(ctx: Context, args: readonly string[]): Promise<ExitCode> {
  const { t } = ctx;
  const [action, ...rest] = args;
  if (action === undefined) return fail(ctx, EXIT.usage, 'usage', 'error.missingAction', { command: 'snapshot' });
  if (!['create', 'list', 'delete', 'rollback'].includes(action)) {
    return fail(ctx, EXIT.usage, 'usage', 'error.unknownAction', { command: 'snapshot', action });
  }
  if (action === 'delete' && rest.length === 0) return fail(ctx, EXIT.usage, 'usage', 'error.missingSnapshot');
  const down = await unavailable(ctx, 'system', { action: `snapshot.${action}` });
  if (down !== undefined) return down;
  const { daemon } = ctx;

  switch (action) {
    case 'create': {
      // `--reason TEXT`, or the words after `create`
      const reason = takeOption(rest, '--reason');
      const text = typeof reason.value === 'string' ? reason.value : reason.rest.join(' ');
      const made = await daemon.createSnapshot(text.trim() || t('snapshot.defaultReason'));
      if (!made.ok) return daemonFailure(ctx, made.error);
      if (ctx.options.json) ctx.io.out(JSON.stringify({ id: made.value.id }));
      else ctx.io.out(t('snapshot.created', { id: made.value.id }));
      return EXIT.ok;
    }
    case 'list': {
      const list = await daemon.listSnapshots();
      if (!list.ok) return daemonFailure(ctx, list.error);
      if (ctx.options.json) ctx.io.out(JSON.stringify({ snapshots: list.value.map(asJson) }));
      else if (list.value.length === 0) ctx.io.out(t('snapshot.none'));
      else for (const line of [t('snapshot.header'), ...list.value.map((s) => row(ctx, s))]) ctx.io.out(line);
      return EXIT.ok;
    }
    case 'delete': {
      const id = rest[0]!;
      const gone = await daemon.deleteSnapshot(id);
      if (!gone.ok) return daemonFailure(ctx, gone.error, { snapshot: id });
      if (ctx.options.json) ctx.io.out(JSON.stringify({ deleted: id }));
      else ctx.io.out(t('snapshot.deleted', { id }));
      return EXIT.ok;
    }
    default: {
      let id = rest[0];
      if (id === undefined) {
        const list = await daemon.listSnapshots();
        if (!list.ok) return daemonFailure(ctx, list.error);
        id = latestBeforeAChange(list.value)?.id;
        if (id === undefined) return fail(ctx, EXIT.failure, 'not-found', 'snapshot.noTarget');
      }
      const staged = await daemon.rollback(id);
      if (!staged.ok) return daemonFailure(ctx, staged.error, { snapshot: id });
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
  }
}
