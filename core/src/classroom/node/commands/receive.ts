/** `receive`: takes a lesson offer; the copy is fetched and checked in the background (`../receiving.ts`). */
import type { CommandHandler } from './handler.js';

export const receive: CommandHandler<'receive'> = async (command, ctx) => {
  ctx.receive(command.offer);
  return { kind: 'done' };
};
