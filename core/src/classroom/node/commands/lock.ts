/** `lock`: locks the student's screen with the teacher's message (cut to 200 characters, controls removed). */
import { displayName } from '../../names.js';
import { fromSession, type CommandHandler } from './handler.js';

export const lock: CommandHandler<'lock'> = async (command, ctx) => {
  const r = await ctx.options.session.lock(displayName(command.message, 200));
  if (r.kind === 'done') ctx.setLocked(true);
  return fromSession(r);
};
