/** `message`: shows the teacher's text (a notification; the widget gets a `message` event). */
import { fromSession, type CommandHandler } from './handler.js';

export const message: CommandHandler<'message'> = async (command, ctx) => {
  ctx.emit('message', command.text);
  return fromSession(await ctx.options.session.notify(command.text));
};
