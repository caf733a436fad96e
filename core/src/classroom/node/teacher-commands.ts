/**
 * The teacher's end of the command channel: one signed command to one
 * student, whose signed reply must name it; a broadcast sends to many at once.
 * What the student answers updates the roster (its status, locked or not).
 */
import { fromBase64Url } from '../bytes.js';
import type { ReplayState } from '../envelope.js';
import { isStudentEvent, type StudentEvent, type TeacherCommand } from '../protocol.js';
import { statusAfter } from '../roster.js';
import type { CommandReport, TeacherState } from '../teacher-state.js';
import { refusal, type PeerCheck } from './channel.js';
import { hostFor, postJson } from './store.js';
import type { TeacherContext } from './teacher-context.js';

/** Students answer on the LAN at once; a device that is off should not hold a broadcast up for long. */
const COMMAND_TIMEOUT_MS = 5_000;

/** How a student's events and replies are checked: its pinned key, its counters, a day of clock drift. */
export function studentCheck(
  state: TeacherState,
  keyOf: (deviceId: string) => Uint8Array | undefined,
  replayOf: (deviceId: string) => ReplayState,
): PeerCheck<StudentEvent> {
  return {
    classId: state.classId,
    acceptBroadcast: false,
    keyOf,
    replayOf,
    clockOffsetMs: 0,
    maxAgeMs: 24 * 3600_000,
    isMessage: isStudentEvent,
  };
}

export async function sendCommand(
  ctx: TeacherContext,
  studentId: string,
  command: TeacherCommand,
): Promise<CommandReport[string]> {
  const s = ctx.state.students[studentId];
  if (!s) return { kind: 'unreachable' };
  const { signed, envelope } = ctx.channel.sign(studentId, command);
  ctx.save();
  try {
    const res = await postJson(`http://${hostFor(s.address)}:${s.card.port}/command`, signed, COMMAND_TIMEOUT_MS);
    if (res.status !== 200) return { kind: 'rejected', reason: refusal(res) };
    const reply = ctx.channel.verify(
      res.body,
      studentCheck(
        ctx.state,
        (id) => (id === studentId ? fromBase64Url(s.card.publicKey) : undefined),
        () => s.replay,
      ),
    );
    if (reply.kind !== 'ok' || reply.envelope.msg.kind !== 'reply' || reply.envelope.msg.re !== envelope.nonce) {
      return { kind: 'rejected', reason: reply.kind === 'ok' ? 'wrong-reply' : reply.reason };
    }
    s.replay = reply.replay;
    s.lastSeen = ctx.clock();
    const result = reply.envelope.msg.result;
    const status = statusAfter(s.status, command, result);
    if (status) s.status = status;
    ctx.save();
    return result;
  } catch {
    return { kind: 'unreachable' };
  }
}

/** Sends `command` to every paired student (or `only` these) at once; the roster is told after. */
export async function broadcast(
  ctx: TeacherContext,
  command: TeacherCommand,
  only?: readonly string[],
): Promise<CommandReport> {
  const ids = only ?? Object.keys(ctx.state.students);
  const results = await Promise.all(ids.map(async (id) => [id, await ctx.command(id, command)] as const));
  ctx.rosterChanged();
  return Object.fromEntries(results);
}
