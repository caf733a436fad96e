/**
 * The student's HTTP server: one route, `POST /command`. A command counts
 * only when it is the pinned teacher's, for this class and this device (or
 * every student), recent by the teacher's clock and never seen before; its
 * counter is saved before it runs, and the outcome goes back signed.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fromBase64Url } from '../bytes.js';
import { isLessonOffer, isReceipt } from '../lessons.js';
import { isTeacherCommand, type CommandOutcome, type StudentEvent, type TeacherCommand } from '../protocol.js';
import { readBody, sendJson } from './store.js';
import type { StudentContext } from './student-context.js';

/** How far the teacher's clock (corrected by the offset measured at pairing) may be from ours. */
const MAX_AGE_MS = 10 * 60_000;

/** Starts the server on the options' host and port; resolves with it and the port it got. */
export async function listenStudent(
  ctx: StudentContext,
  carryOut: (command: TeacherCommand) => Promise<CommandOutcome>,
): Promise<{ server: http.Server; port: number }> {
  const server = http.createServer((req, res) => void handle(ctx, carryOut, req, res));
  // A peer that sends its request slowly (or never finishes it) is cut off: headers in 10 s, the body in 30 s.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(ctx.options.port ?? 0, ctx.options.host ?? '0.0.0.0', () => resolve());
  });
  return { server, port: (server.address() as AddressInfo).port };
}

async function handle(
  ctx: StudentContext,
  carryOut: (command: TeacherCommand) => Promise<CommandOutcome>,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  if (req.method !== 'POST' || req.url !== '/command') {
    sendJson(res, 404, { reason: 'not-found' });
    return;
  }
  const m = ctx.state.membership;
  if (!m) {
    sendJson(res, 403, { reason: 'not-joined' });
    return;
  }
  let wire: unknown;
  try {
    wire = JSON.parse(await readBody(req, 4_500_000));
  } catch {
    sendJson(res, 400, { reason: 'malformed' });
    return;
  }
  const verified = ctx.channel.verify(wire, {
    classId: m.teacher.classId,
    acceptBroadcast: true,
    keyOf: (id) => (id === m.teacher.deviceId ? fromBase64Url(m.teacher.publicKey) : undefined),
    replayOf: () => ctx.state.replay,
    clockOffsetMs: m.clockOffsetMs,
    maxAgeMs: MAX_AGE_MS,
    isMessage: (x): x is TeacherCommand => isTeacherCommand(x, isLessonOffer, isReceipt),
  });
  if (verified.kind !== 'ok') {
    ctx.log(`refused a command: ${verified.reason}`);
    ctx.emit('refused', verified.reason);
    sendJson(res, 403, { reason: verified.reason });
    return;
  }
  // Remember the counter before acting: a crash mid-command must not let it run twice.
  ctx.state.replay = verified.replay;
  ctx.save();
  // Where the command came from moves nothing: anyone can relay a signed command. The teacher's
  // address changes only by its signed announcement (`student.ts` followTeacher).
  const outcome = await carryOut(verified.envelope.msg);
  const reply = ctx.channel.sign(m.teacher.deviceId, {
    kind: 'reply',
    re: verified.envelope.nonce,
    result: outcome,
  } satisfies StudentEvent);
  ctx.save();
  sendJson(res, 200, reply.signed);
}
