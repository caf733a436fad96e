/**
 * A student joining a class by what the teacher shows: the six-digit code and
 * the teacher's eight-digit fingerprint (`482 913 · 5170 2284`). The code runs
 * CPace pairing (`../pairing.ts`) over the teacher's `/pair/*` routes; the
 * fingerprint says which key is the teacher's. The code alone never makes a
 * teacher: the student accepts a teacher only when its key matches the
 * fingerprint typed with the code, or is on the school's roster of teacher
 * keys (`teacher-keys.ts`), and the teacher has signed this pairing with that
 * key. On mDNS only teachers whose signed record (`../presence.ts`) carries
 * such a key are tried; the first one that fails verification ends the join.
 */
import { parseJoinCode } from '../code.js';
import { EMPTY_REPLAY_STATE } from '../envelope.js';
import { displayName } from '../names.js';
import { startStudentPairing, teacherFingerprint, type TeacherCard } from '../pairing.js';
import type { FoundService } from '../ports.js';
import { verifyPresence } from '../presence.js';
import type { JoinResult } from '../student-state.js';
import { fromBase64Url } from '../bytes.js';
import { refusal } from './channel.js';
import { sleep } from './process.js';
import { hostFor, postJson } from './store.js';
import type { StudentContext } from './student-context.js';
import { readTeacherRoster } from './teacher-keys.js';

export interface TeacherAddress {
  readonly host: string;
  readonly port: number;
  readonly classId: string;
  /** The key its signed mDNS record carries (checked again against the card). */
  readonly publicKey?: string;
  /** Its clock in that record. */
  readonly presenceAt?: number;
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

/** At most this many announced keys are checked against the fingerprint per join (each costs a slow hash). */
const MAX_CHECKED_KEYS = 32;

/** How long to keep looking when every joining teacher's key differs from the fingerprint typed. */
const MISMATCH_WAIT_MS = 3000;

/** Whether a key is the teacher the student means: its fingerprint for this code, or on the school's roster. */
type KeyCheck = (publicKey: string) => boolean;

function keyCheck(ctx: StudentContext, code: string, fingerprint: string | undefined): KeyCheck | undefined {
  const { options } = ctx;
  let roster: ReadonlySet<string> = new Set();
  if (options.teacherRoster !== false) {
    const r = readTeacherRoster(options.teacherRoster, options.teacherRosterOwner ?? 0);
    if (r.kind === 'ok') roster = r.keys;
    else if (r.kind === 'untrusted') ctx.log(`ignoring the teacher roster: ${r.reason}`);
  }
  if (!fingerprint && roster.size === 0) return undefined;
  const cache = new Map<string, boolean>();
  return (publicKey) => {
    const known = cache.get(publicKey);
    if (known !== undefined) return known;
    if (cache.size >= MAX_CHECKED_KEYS) return roster.has(publicKey);
    const key = fromBase64Url(publicKey);
    const ok =
      roster.has(publicKey) ||
      (fingerprint !== undefined && key?.length === 32 && teacherFingerprint(ctx.crypto, key, code) === fingerprint);
    cache.set(publicKey, ok);
    return ok;
  };
}

export async function joinClass(host: JoinHost, codeText: string, options: JoinOptions = {}): Promise<JoinResult> {
  const { ctx } = host;
  const parsed = parseJoinCode(codeText);
  if (parsed.kind !== 'ok') return { kind: 'invalid-code' };
  const isTeacher = keyCheck(ctx, parsed.code, parsed.fingerprint);
  if (!isTeacher) return { kind: 'needs-fingerprint' };
  const candidates: TeacherAddress[] = [];
  if (options.teacher) candidates.push(options.teacher);
  else {
    const deadline = ctx.clock() + (options.waitMs ?? 30_000);
    // When signed teachers are joining but none has this code and fingerprint, the code (or the
    // fingerprint) was mistyped: say so after a short wait instead of waiting for the deadline.
    let mismatchSince: number | undefined;
    while (candidates.length === 0 && ctx.clock() < deadline) {
      for (const s of host.teachers()) {
        if (s.txt['join'] !== '1' || !s.txt['cls']) continue;
        // Only a record signed by a key the student means is a teacher to try.
        const presence = verifyPresence(ctx.crypto, s);
        if (presence.kind !== 'ok') continue;
        if (!isTeacher(presence.publicKey)) {
          mismatchSince ??= ctx.clock();
          continue;
        }
        const address = presence.addresses.find((a) => s.addresses.includes(a)) ?? presence.addresses[0];
        if (!address) continue;
        candidates.push({
          host: address,
          port: s.port,
          classId: s.txt['cls'],
          publicKey: presence.publicKey,
          presenceAt: presence.at,
        });
      }
      if (candidates.length === 0 && mismatchSince !== undefined && ctx.clock() - mismatchSince >= MISMATCH_WAIT_MS)
        return { kind: 'wrong-code' };
      if (candidates.length === 0) await sleep(200);
    }
  }
  if (candidates.length === 0) return { kind: 'no-teacher' };
  let last: JoinResult = { kind: 'no-teacher' };
  for (const c of candidates) {
    last = await pairWith(host, parsed.code, c, isTeacher);
    // Another verified teacher may be the one with this code; anything else ends the join.
    if (last.kind !== 'wrong-code') return last;
  }
  return last;
}

async function pairWith(
  host: JoinHost,
  code: string,
  teacher: TeacherAddress,
  isTeacher: KeyCheck,
): Promise<JoinResult> {
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
    if (opened.kind === 'unproven') return unverified(ctx, base, 'did not sign the pairing with its key');
    if (opened.kind !== 'ok') return { kind: 'refused', reason: 'malformed' };
    const card = opened.teacher;
    if (teacher.publicKey !== undefined && card.publicKey !== teacher.publicKey)
      return unverified(ctx, base, 'its card has another key than its announcement');
    if (!isTeacher(card.publicKey))
      return unverified(ctx, base, 'its key is not the fingerprint typed nor on the roster');
    const roundTrip = ctx.clock() - sentAt;
    ctx.state.membership = {
      teacher: card,
      teacherHost: teacher.host,
      clockOffsetMs: card.now - (sentAt + roundTrip / 2),
      ...(teacher.presenceAt !== undefined ? { presenceAt: teacher.presenceAt } : {}),
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

function unverified(ctx: StudentContext, base: string, why: string): JoinResult {
  ctx.log(`not joining ${base}: ${why}`);
  ctx.emit('refused', 'unverified-teacher');
  return { kind: 'unverified-teacher' };
}
