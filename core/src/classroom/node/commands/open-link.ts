/** `open-link`: opens an http(s) link in the student's browser (the protocol let only http(s) through). */
import { fromSession, type CommandHandler } from './handler.js';

export const openLink: CommandHandler<'open-link'> = async (command, ctx) =>
  fromSession(await ctx.options.session.openLink(command.url));
