/** The teacher's commands as a student's device carries them out: one handler per command. */
import type { CommandOutcome, TeacherCommand, TeacherCommandKind } from '../../protocol.js';
import type { StudentContext } from '../student-context.js';
import type { CommandHandler } from './handler.js';
import { lock } from './lock.js';
import { message } from './message.js';
import { openLesson } from './open-lesson.js';
import { openLink } from './open-link.js';
import { receipt } from './receipt.js';
import { receive } from './receive.js';
import { report } from './report.js';
import { unlock } from './unlock.js';

const HANDLERS: { readonly [K in TeacherCommandKind]: CommandHandler<K> } = {
  lock,
  unlock,
  message,
  'open-link': openLink,
  'open-lesson': openLesson,
  report,
  receive,
  receipt,
};

/** Carries out a verified command (the widget gets a `command` event first). */
export function carryOut(command: TeacherCommand, ctx: StudentContext): Promise<CommandOutcome> {
  ctx.emit('command', command);
  const handler = HANDLERS[command.kind] as (c: TeacherCommand, ctx: StudentContext) => Promise<CommandOutcome>;
  return handler(command, ctx);
}
