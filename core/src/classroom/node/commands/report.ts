/** `report`: answers with the device's status now (the teacher's roster). */
import type { CommandHandler } from './handler.js';

export const report: CommandHandler<'report'> = async (_command, ctx) => ({ kind: 'done', status: await ctx.status() });
