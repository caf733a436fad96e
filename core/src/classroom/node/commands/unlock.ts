/** `unlock`: unlocks the student's screen. */
import { fromSession, type CommandHandler } from './handler.js';

export const unlock: CommandHandler<'unlock'> = async (_command, ctx) => {
  const r = await ctx.options.session.unlock();
  if (r.kind === 'done') ctx.setLocked(false);
  return fromSession(r);
};
