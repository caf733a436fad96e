/** One teacher command carried out on a student's device: the shape every handler in this folder has. */
import type { CommandOutcome, TeacherCommand, TeacherCommandKind } from '../../protocol.js';
import type { SessionResult } from '../../ports.js';
import type { StudentContext } from '../student-context.js';

export type CommandHandler<K extends TeacherCommandKind> = (
  command: Extract<TeacherCommand, { kind: K }>,
  ctx: StudentContext,
) => Promise<CommandOutcome>;

/** The session's answer as the command's outcome (unavailable counts as failed). */
export const fromSession = (r: SessionResult): CommandOutcome =>
  r.kind === 'done' ? { kind: 'done' } : { kind: 'failed', reason: r.reason };
