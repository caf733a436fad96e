/**
 * Work back, the teacher's side: the collector (`collector.ts`) wired to the
 * teacher's state, and the signed receipt for each collected file, delivered
 * after the collector's pass or when the student is next seen. The ledger
 * (teacher.json's submissions) is written once per batch, and what was
 * collected before is looked up in an index, not by scanning the ledger.
 */
import { DEFAULT_LIMITS } from '../collect.js';
import { WorkCollector } from './collector.js';
import type { Syncthing } from './syncthing.js';
import type { TeacherContext } from './teacher-context.js';

/** How long one pass over one student's folder may hold the others up. */
const STUDENT_PASS_MS = 20_000;

export function collectorFor(ctx: TeacherContext, syncthing: Syncthing): WorkCollector {
  // student \0 path → the contents (SHA-256) collected under that name
  const index = new Map<string, Set<string>>();
  const versionsOf = (student: string, rel: string): Set<string> => {
    const key = `${student}\0${rel}`;
    let set = index.get(key);
    if (!set) index.set(key, (set = new Set()));
    return set;
  };
  for (const x of ctx.state.submissions) versionsOf(x.student, x.path).add(x.sha256);
  return new WorkCollector({
    syncthing,
    dataDir: ctx.options.dataDir,
    limits: { ...DEFAULT_LIMITS, ...ctx.options.limits },
    clock: ctx.clock,
    studentPassMs: ctx.options.studentPassMs ?? STUDENT_PASS_MS,
    students: () => Object.values(ctx.state.students),
    known: (student, rel, sha256) => index.get(`${student}\0${rel}`)?.has(sha256) ?? false,
    versions: (student, rel) => index.get(`${student}\0${rel}`)?.size ?? 0,
    collected: (submission) => {
      ctx.state.submissions.push(submission);
      versionsOf(submission.student, submission.path).add(submission.sha256);
      ctx.log(`collected ${submission.path} from ${submission.studentName}`);
      ctx.emit('submission', submission);
    },
    flush: (student) => {
      ctx.save();
      void deliverPendingReceipts(ctx, student);
    },
    refusedChanged: (student, refused) => {
      student.refused = refused;
      ctx.save();
      ctx.emit('refused', { student: student.card.deviceId, refused });
    },
  });
}

/** Per classroom, students whose receipts are being delivered now → whether to look again when done. */
const delivering = new WeakMap<TeacherContext, Map<string, boolean>>();

/**
 * Receipts (path, size, SHA-256) the student has not had yet, delivered in
 * order; stops at the first the student does not take, and the rest go when
 * it is next seen. One run per student at a time (a call during a run makes
 * it look again at the end). Marked delivered in the ledger, written once.
 */
export async function deliverPendingReceipts(ctx: TeacherContext, studentId: string): Promise<void> {
  let running = delivering.get(ctx);
  if (!running) delivering.set(ctx, (running = new Map()));
  if (running.has(studentId)) {
    running.set(studentId, true);
    return;
  }
  let delivered = 0;
  try {
    for (let again = true; again && !ctx.closed();) {
      running.set(studentId, false);
      if (!(await deliverRun(ctx, studentId, () => delivered++))) break;
      again = running.get(studentId) === true;
    }
  } finally {
    running.delete(studentId);
    if (delivered > 0) ctx.save();
  }
}

/** One run over the ledger; false when the student did not take a receipt. */
async function deliverRun(ctx: TeacherContext, studentId: string, onDelivered: () => void): Promise<boolean> {
  const subs = ctx.state.submissions;
  for (let i = 0; i < subs.length && !ctx.closed(); i++) {
    const sub = subs[i]!;
    if (sub.student !== studentId || sub.receiptDelivered) continue;
    const r = await ctx.command(studentId, {
      kind: 'receipt',
      receipt: { path: sub.path, size: sub.size, sha256: sub.sha256, receivedAt: sub.receivedAt },
    });
    if (r.kind !== 'done') return false;
    subs[i] = { ...sub, receiptDelivered: true };
    onDelivered();
  }
  return true;
}
