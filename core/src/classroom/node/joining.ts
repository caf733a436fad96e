/**
 * A student joining a class by the code the teacher shows: teachers that
 * accept joins are found on mDNS (or one is given), and CPace pairing
 * (`../pairing.ts`) over the teacher's `/pair/*` routes pins the teacher's
 * card and measures the clock offset.
 */
import { normalizeClassCode } from '../code.js';
import { EMPTY_REPLAY_STATE } from '../envelope.js';
import { displayName } from '../names.js';
import { startStudentPairing, type TeacherCard } from '../pairing.js';
import type { FoundService } from '../ports.js';
import type { JoinResult } from '../student-state.js';
import { refusal } from './channel.js';
import { sleep } from './process.js';
import { hostFor, postJson } from './store.js';
import type { StudentContext } from './student-context.js';

export interface TeacherAddress {
  readonly host: string;
  readonly port: number;
  readonly classId: string;
}

export interface JoinOptions {
  readonly teacher?: TeacherAddress;
  readonly waitMs?: number;
}

export interface JoinHost {
  readonly ctx: StudentContext;
  /** Teachers announcing on the network now. */
  teachers(): Iterable<FoundService>;
  /** Paired: set up what the class needs (Syncthing, multicast, hello). */
  joined(card: TeacherCard): Promise<void>;
}

export async function joinClass(host: JoinHost, codeText: string, options: JoinOptions = {}): Promise<JoinResult> {
  const { ctx } = host;
  const parsed = normalizeClassCode(codeText);
  if (parsed.kind !== 'ok') return { kind: 'invalid-code' };
  const candidates: TeacherAddress[] = [];
  if (options.teacher) candidates.push(options.teacher);
  else {
    const deadline = ctx.clock() + (options.waitMs ?? 30_000);
    while (candidates.length === 0 && ctx.clock() < deadline) {
      for (const s of host.teachers()) {
        if (s.txt['join'] === '1' && s.txt['cls'] && s.addresses[0])
          candidates.push({ host: s.addresses[0], port: s.port, classId: s.txt['cls'] });
      }
      if (candidates.length === 0) await sleep(200);
    }
  }
  if (candidates.length === 0) return { kind: 'no-teacher' };
  let last: JoinResult = { kind: 'no-teacher' };
  for (const c of candidates) {
    last = await pairWith(host, parsed.code, c);
    if (last.kind === 'joined') return last;
  }
  return last;
}

async function pairWith(host: JoinHost, code: string, teacher: TeacherAddress): Promise<JoinResult> {
  const { ctx } = host;
  const base = `http://${hostFor(teacher.host)}:${teacher.port}`;
  const pairing = startStudentPairing(ctx.crypto, code, teacher.classId);
  try {
    const hello = await postJson(`${base}/pair/hello`, pairing.hello);
    if (hello.status !== 200) return { kind: 'refused', reason: refusal(hello) };
    const answer = pairing.answer(hello.body, {
      deviceId: ctx.deviceId,
      name: ctx.options.name,
      publicKey: ctx.state.publicKey,
      port: ctx.port(),
      syncthingId: ctx.options.syncthing?.deviceId ?? '',
    });
    if (answer.kind !== 'ok')
      return answer.kind === 'wrong-code' ? { kind: 'wrong-code' } : { kind: 'refused', reason: 'malformed' };
    const sentAt = ctx.clock();
    const finish = await postJson(`${base}/pair/finish`, answer.finish);
    if (finish.status !== 200) return { kind: 'refused', reason: refusal(finish) };
    const opened = pairing.open(finish.body, answer.isk);
    if (opened.kind !== 'ok') return { kind: 'refused', reason: 'malformed' };
    const roundTrip = ctx.clock() - sentAt;
    const card = opened.teacher;
    ctx.state.membership = {
      teacher: card,
      teacherHost: teacher.host,
      clockOffsetMs: card.now - (sentAt + roundTrip / 2),
    };
    ctx.state.replay = EMPTY_REPLAY_STATE;
    ctx.save();
    ctx.log(`joined ${card.className}`);
    await host.joined(card);
    return { kind: 'joined', className: displayName(card.className), teacher: displayName(card.name) };
  } catch (error) {
    ctx.log(`pairing with ${base} failed: ${String(error)}`);
    return { kind: 'no-teacher' };
  }
}
