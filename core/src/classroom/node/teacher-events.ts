/**
 * What students tell the teacher unasked (POST /events): `hello` (back
 * online: its port and status; it then gets what it missed), `arrived` (a
 * lesson's copy verified or failed) and late replies. Each is a signed
 * message from a paired student, checked like a reply.
 */
import type http from 'node:http';
import { fromBase64Url } from '../bytes.js';
import { EMPTY_REPLAY_STATE } from '../envelope.js';
import { displayName } from '../names.js';
import type { StudentEvent } from '../protocol.js';
import { isIPv4 } from './channel.js';
import { sendJson } from './store.js';
import { studentCheck } from './teacher-commands.js';
import type { TeacherContext } from './teacher-context.js';

export async function takeEvent(
  ctx: TeacherContext,
  wire: unknown,
  address: string,
  res: http.ServerResponse,
  catchUp: (studentId: string) => Promise<void>,
): Promise<void> {
  const { state } = ctx;
  const verified = ctx.channel.verify(
    wire,
    studentCheck(
      state,
      (id) => {
        const s = state.students[id];
        return s ? fromBase64Url(s.card.publicKey) : undefined;
      },
      (id) => state.students[id]?.replay ?? EMPTY_REPLAY_STATE,
    ),
  );
  if (verified.kind !== 'ok') {
    ctx.log(`refused an event from ${address}: ${verified.reason}`);
    sendJson(res, 403, { reason: verified.reason });
    return;
  }
  const student = state.students[verified.envelope.from]!;
  student.replay = verified.replay;
  student.lastSeen = ctx.clock();
  if (isIPv4(address)) student.address = address;
  const event: StudentEvent = verified.envelope.msg;
  switch (event.kind) {
    case 'hello':
      student.card = { ...student.card, port: event.port };
      student.status = event.status;
      ctx.save();
      sendJson(res, 200, { ok: true });
      ctx.rosterChanged();
      // A student back online gets what it missed.
      void catchUp(student.card.deviceId);
      return;
    case 'arrived': {
      const share = state.shares.find((s) => s.offer.share === event.share);
      if (share) {
        const progress = share.progress;
        share.progress = {
          ...progress,
          students: {
            ...progress.students,
            [student.card.deviceId]: {
              state: event.verified ? 'verified' : 'failed',
              at: ctx.clock(),
              problem: displayName(event.problem, 300),
            },
          },
        };
        ctx.emit('arrived', {
          share: event.share,
          student: student.card.deviceId,
          verified: event.verified,
          at: ctx.clock(),
        });
      }
      ctx.save();
      sendJson(res, 200, { ok: true });
      return;
    }
    case 'reply':
      ctx.save();
      sendJson(res, 200, { ok: true });
      return;
  }
}
