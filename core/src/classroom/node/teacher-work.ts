/**
 * Work back, the teacher's side: the collector (`collector.ts`) wired to the
 * teacher's state, and the signed receipt for each collected file, delivered
 * now or when the student is next seen.
 */
import { DEFAULT_LIMITS } from '../collect.js';
import type { Submission } from '../teacher-state.js';
import { WorkCollector } from './collector.js';
import type { Syncthing } from './syncthing.js';
import type { TeacherContext } from './teacher-context.js';

export function collectorFor(ctx: TeacherContext, syncthing: Syncthing): WorkCollector {
  return new WorkCollector({
    syncthing,
    dataDir: ctx.options.dataDir,
    limits: ctx.options.limits ?? DEFAULT_LIMITS,
    clock: ctx.clock,
    students: () => Object.values(ctx.state.students),
    known: (student, rel, sha256) =>
      ctx.state.submissions.some((x) => x.student === student && x.path === rel && x.sha256 === sha256),
    collected: async (submission) => {
      ctx.state.submissions = [...ctx.state.submissions, submission];
      ctx.save();
      ctx.log(`collected ${submission.path} from ${submission.studentName}`);
      ctx.emit('submission', submission);
      await deliverReceipt(ctx, submission);
    },
    refusedChanged: (student, refused) => {
      student.refused = refused;
      ctx.save();
      ctx.emit('refused', { student: student.card.deviceId, refused });
    },
  });
}

/** Tells the student its file arrived (path, size, SHA-256); marked delivered once it answers. */
export async function deliverReceipt(ctx: TeacherContext, sub: Submission): Promise<void> {
  const r = await ctx.command(sub.student, {
    kind: 'receipt',
    receipt: { path: sub.path, size: sub.size, sha256: sub.sha256, receivedAt: sub.receivedAt },
  });
  if (r.kind === 'done') {
    ctx.state.submissions = ctx.state.submissions.map((x) =>
      x === sub || (x.student === sub.student && x.sha256 === sub.sha256 && x.path === sub.path)
        ? { ...x, receiptDelivered: true }
        : x,
    );
    ctx.save();
  }
}

/** Receipts the student has not had yet, delivered in order. */
export async function deliverPendingReceipts(ctx: TeacherContext, studentId: string): Promise<void> {
  for (const sub of ctx.state.submissions) {
    if (sub.student === studentId && !sub.receiptDelivered) await deliverReceipt(ctx, sub);
  }
}
