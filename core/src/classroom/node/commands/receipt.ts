/** `receipt`: the teacher has a handed-in file; kept with whether our copy still matches it. */
import path from 'node:path';
import type { StoredReceipt } from '../../student-state.js';
import { sha256File } from '../store.js';
import type { CommandHandler } from './handler.js';

export const receipt: CommandHandler<'receipt'> = async (command, ctx) => {
  const { receipt: r } = command;
  const local = path.join(ctx.submitDir, r.path);
  let matches = false;
  try {
    matches = (await sha256File(local)) === r.sha256;
  } catch {
    matches = false;
  }
  const stored: StoredReceipt = { ...r, matches };
  ctx.state.receipts = [...ctx.state.receipts.filter((x) => !(x.path === r.path && x.sha256 === r.sha256)), stored];
  ctx.save();
  ctx.emit('receipt', stored);
  return { kind: 'done' };
};
