/**
 * Work out, the student's side: the send-only Submit/ folder and the
 * receive-only Returned/ folder shared with the teacher's Syncthing only, and
 * handing a file in (a copy into Submit/, then a scan).
 */
import fs from 'node:fs';
import path from 'node:path';
import { checkRelativePath, displayName } from '../names.js';
import type { SubmitResult } from '../student-state.js';
import { returnFolderId, workFolderId } from './collector.js';
import { hostFor } from './store.js';
import type { StudentContext } from './student-context.js';

/** Adds the teacher's Syncthing (at the address pairing gave) and the two folders shared with it. */
export async function shareWorkFolders(ctx: StudentContext): Promise<void> {
  const m = ctx.state.membership;
  const st = ctx.options.syncthing;
  if (!m || !st || !m.teacher.syncthingId) return;
  await st.addDevice(m.teacher.syncthingId, displayName(m.teacher.name), [
    `tcp://${hostFor(m.teacherHost)}:${m.teacher.syncthingPort}`,
  ]);
  await st.putFolder({
    id: workFolderId(ctx.deviceId),
    label: 'Submit',
    path: ctx.submitDir,
    type: 'sendonly',
    devices: [m.teacher.syncthingId],
  });
  await st.putFolder({
    id: returnFolderId(ctx.deviceId),
    label: 'Returned',
    path: ctx.returnedDir,
    type: 'receiveonly',
    devices: [m.teacher.syncthingId],
  });
}

/** Puts a copy of a file into the Submit folder (Syncthing sends it to the teacher). */
export function submitWork(ctx: StudentContext, file: string, name: string): SubmitResult {
  if (!ctx.state.membership) return { kind: 'not-joined' };
  const check = checkRelativePath(name);
  if (check.kind !== 'ok') return { kind: 'refused', reason: check.reason };
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return { kind: 'refused', reason: 'missing' };
  }
  if (!stat.isFile()) return { kind: 'refused', reason: 'not-a-file' };
  const dest = path.join(ctx.submitDir, check.path);
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  fs.copyFileSync(file, dest, fs.constants.COPYFILE_FICLONE);
  void ctx.options.syncthing?.scan(workFolderId(ctx.deviceId)).catch(() => undefined);
  return { kind: 'submitted', path: check.path };
}
