/**
 * Pairing a student device with the teacher's, using the class code.
 *
 *   student → teacher  hello   {sid, share}
 *   teacher → student          {share, confirm}          (teacher proves it knows the code)
 *   student → teacher  finish  {sid, confirm, box}       (student proves it; box: its card)
 *   teacher → student          {box}                     (the class: ids, keys, class key)
 *
 * The key exchange is CPace (`cpace.ts`), so the code cannot be tested offline
 * from what was sent; the cards travel sealed under the session key, so no one
 * in between can swap a key. After pairing each side has pinned the other's
 * Ed25519 key and Syncthing device id; the class key is shared by the class.
 */
import { bytesEqual, framed, fromBase64Url, fromUtf8, toBase64Url, utf8 } from './bytes.js';
import { cpaceGenerator, cpaceSessionKey, cpaceShare, type CpaceShare } from './cpace.js';
import type { ClassroomCrypto } from './crypto.js';
import { displayName } from './names.js';

export interface PairHello {
  readonly sid: string;
  readonly share: string;
}
export interface PairHelloReply {
  readonly share: string;
  readonly confirm: string;
}
export interface PairFinish {
  readonly sid: string;
  readonly confirm: string;
  readonly box: string;
}
export interface PairFinishReply {
  readonly box: string;
  /** The teacher's Ed25519 signature over this session's transcript (`proofBytes`): it holds the key in its card. */
  readonly proof: string;
}

/** What a student tells the teacher about itself. */
export interface StudentCard {
  readonly deviceId: string;
  readonly name: string;
  /** base64url Ed25519 public key. */
  readonly publicKey: string;
  /** Its control port (HTTP). */
  readonly port: number;
  /** Its Syncthing device id, empty when it runs without Syncthing. */
  readonly syncthingId: string;
}

/** What the teacher tells a paired student: the class. */
export interface TeacherCard {
  readonly classId: string;
  readonly className: string;
  readonly deviceId: string;
  readonly name: string;
  readonly publicKey: string;
  /** base64url, 32 bytes: shared by the class (tracker access, class membership checks). */
  readonly classKey: string;
  readonly syncthingId: string;
  /** The teacher's Syncthing port (its address is the one the student paired with). */
  readonly syncthingPort: number;
  readonly port: number;
  /** Teacher's clock at pairing, ms: the student stores the offset. */
  readonly now: number;
}

/** A device id derived from its signing key: short, stable, and not chosen by the device. */
export function deviceIdOf(crypto: ClassroomCrypto, publicKey: Uint8Array): string {
  return toBase64Url(crypto.sha256(framed('KOOMPI-device', publicKey))).slice(0, 16);
}

/**
 * The teacher's fingerprint for one class code: eight digits from a slow hash
 * of its public key and the code, shown on the projector next to the code.
 * Bound to the code, so a key with a given fingerprint must be searched for
 * while the code is shown, at the slow hash's cost a try (10^8 tries).
 */
export function teacherFingerprint(crypto: ClassroomCrypto, publicKey: Uint8Array, code: string): string {
  const h = crypto.slowHash(
    framed('KOOMPI-teacher-fingerprint', publicKey, code),
    utf8('KOOMPI-teacher-fingerprint'),
    8,
  );
  let n = 0n;
  for (const b of h) n = (n << 8n) | BigInt(b);
  return (n % 100_000_000n).toString().padStart(8, '0');
}

/** What the teacher signs at pairing: the session id and both CPace shares (so the signature is this session's). */
export function proofBytes(sid: Uint8Array, studentShare: Uint8Array, teacherShare: Uint8Array): Uint8Array {
  return framed('KOOMPI-teacher-proof', sid, studentShare, teacherShare);
}

function keys(crypto: ClassroomCrypto, isk: Uint8Array): { confirm: Uint8Array; seal: Uint8Array } {
  return { confirm: crypto.hmacSha256(isk, utf8('confirm')), seal: crypto.hmacSha256(isk, utf8('seal')) };
}

function confirmTag(crypto: ClassroomCrypto, key: Uint8Array, who: 'teacher' | 'student', sid: Uint8Array): Uint8Array {
  return crypto.hmacSha256(key, framed(who, sid));
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function b64(x: unknown, length?: number): Uint8Array | undefined {
  if (typeof x !== 'string' || x.length > 200) return undefined;
  const bytes = fromBase64Url(x);
  return bytes && (length === undefined || bytes.length === length) ? bytes : undefined;
}

// ---- student side ----

export interface StudentPairing {
  readonly hello: PairHello;
  /** Checks the teacher's reply; on success gives the finish message and the session key. */
  answer(
    reply: unknown,
    card: StudentCard,
  ): { kind: 'ok'; finish: PairFinish; isk: Uint8Array } | { kind: 'wrong-code' } | { kind: 'malformed' };
  /**
   * Opens the teacher's card and checks the teacher's signature of this
   * session with the card's key (`unproven` when it does not verify).
   */
  open(
    reply: unknown,
    isk: Uint8Array,
  ): { kind: 'ok'; teacher: TeacherCard } | { kind: 'malformed' } | { kind: 'unproven' };
}

export function startStudentPairing(crypto: ClassroomCrypto, code: string, classId: string): StudentPairing {
  const sid = crypto.randomBytes(16);
  const own = cpaceShare(crypto, cpaceGenerator(crypto, code, classId, sid));
  let teacherShare: Uint8Array | undefined;
  return {
    hello: { sid: toBase64Url(sid), share: toBase64Url(own.share) },
    answer(reply, card) {
      if (!isObject(reply)) return { kind: 'malformed' };
      const theirs = b64(reply['share'], 32);
      const confirm = b64(reply['confirm'], 32);
      if (!theirs || !confirm) return { kind: 'malformed' };
      const isk = cpaceSessionKey(crypto, own, theirs, sid, own.share, theirs);
      if (!isk) return { kind: 'malformed' };
      teacherShare = theirs;
      const k = keys(crypto, isk);
      if (!bytesEqual(confirm, confirmTag(crypto, k.confirm, 'teacher', sid))) return { kind: 'wrong-code' };
      const box = crypto.seal(k.seal, utf8(JSON.stringify(card)), framed('student-card', sid));
      return {
        kind: 'ok',
        isk,
        finish: {
          sid: toBase64Url(sid),
          confirm: toBase64Url(confirmTag(crypto, k.confirm, 'student', sid)),
          box: toBase64Url(box),
        },
      };
    },
    open(reply, isk) {
      if (!isObject(reply)) return { kind: 'malformed' };
      const box = typeof reply['box'] === 'string' ? fromBase64Url(reply['box']) : undefined;
      if (!box) return { kind: 'malformed' };
      const plain = crypto.open(keys(crypto, isk).seal, box, framed('teacher-card', sid));
      if (!plain) return { kind: 'malformed' };
      const teacher = parseJson(fromUtf8(plain));
      if (!isTeacherCard(teacher) || !teacherShare) return { kind: 'malformed' };
      const proof = b64(reply['proof'], 64);
      const key = fromBase64Url(teacher.publicKey)!;
      if (!proof || !crypto.verify(key, proofBytes(sid, own.share, teacherShare), proof)) return { kind: 'unproven' };
      if (deviceIdOf(crypto, key) !== teacher.deviceId) return { kind: 'unproven' };
      return { kind: 'ok', teacher };
    },
  };
}

// ---- teacher side ----

export type JoinRefusal = 'closed' | 'wrong-code' | 'malformed' | 'unknown-session' | 'too-many-attempts';

/**
 * The teacher's side: open while the class code is shown. Each hello counts
 * as a guess against its source address until that student proves the code;
 * a source with more than `maxPerSource` unproven attempts is refused (the
 * rest of the class still joins), and with more than `maxFailures` unproven
 * attempts in all joining closes until the teacher shows a new code (500
 * guesses at a six-digit code succeed once in 2,000, and take 50 addresses).
 */
export class JoinWindow {
  private readonly pending = new Map<
    string,
    { isk: Uint8Array; sid: Uint8Array; theirs: Uint8Array; own: Uint8Array; source: string }
  >();
  private readonly bySource = new Map<string, number>();
  private failures = 0;
  private isOpen = true;

  constructor(
    private readonly crypto: ClassroomCrypto,
    private readonly code: string,
    private readonly classId: string,
    private readonly maxFailures = 500,
    private readonly maxPending = 200,
    private readonly maxPerSource = 10,
  ) {}

  get open(): boolean {
    return this.isOpen;
  }

  close(): void {
    this.isOpen = false;
    this.pending.clear();
  }

  get failedAttempts(): number {
    return this.failures;
  }

  /** Unproven attempts from one source address. */
  attemptsFrom(source: string): number {
    return this.bySource.get(source) ?? 0;
  }

  hello(
    message: unknown,
    source = '',
  ): { kind: 'ok'; reply: PairHelloReply } | { kind: 'refused'; reason: JoinRefusal } {
    if (!this.isOpen)
      return { kind: 'refused', reason: this.failures >= this.maxFailures ? 'too-many-attempts' : 'closed' };
    if (this.attemptsFrom(source) >= this.maxPerSource) return { kind: 'refused', reason: 'too-many-attempts' };
    if (!isObject(message)) return { kind: 'refused', reason: 'malformed' };
    const sid = b64(message['sid'], 16);
    const theirs = b64(message['share'], 32);
    if (!sid || !theirs || typeof message['sid'] !== 'string') return { kind: 'refused', reason: 'malformed' };
    const own: CpaceShare = cpaceShare(this.crypto, cpaceGenerator(this.crypto, this.code, this.classId, sid));
    const isk = cpaceSessionKey(this.crypto, own, theirs, sid, theirs, own.share);
    if (!isk) return { kind: 'refused', reason: 'malformed' };
    // Every hello is a potential guess: count it as one until the student proves the code.
    this.failures++;
    this.bySource.set(source, this.attemptsFrom(source) + 1);
    if (this.failures > this.maxFailures) {
      this.close();
      return { kind: 'refused', reason: 'too-many-attempts' };
    }
    if (this.pending.size >= this.maxPending) this.pending.delete(this.pending.keys().next().value as string);
    this.pending.set(message['sid'], { isk, sid, theirs, own: own.share, source });
    const k = keys(this.crypto, isk);
    return {
      kind: 'ok',
      reply: {
        share: toBase64Url(own.share),
        confirm: toBase64Url(confirmTag(this.crypto, k.confirm, 'teacher', sid)),
      },
    };
  }

  /** `prove` signs with the teacher's key (`proofBytes`): the student checks it against the card's key. */
  finish(
    message: unknown,
    teacher: (student: StudentCard) => TeacherCard,
    prove: (transcript: Uint8Array) => Uint8Array,
  ): { kind: 'ok'; student: StudentCard; reply: PairFinishReply } | { kind: 'refused'; reason: JoinRefusal } {
    if (!this.isOpen) return { kind: 'refused', reason: 'closed' };
    if (!isObject(message) || typeof message['sid'] !== 'string') return { kind: 'refused', reason: 'malformed' };
    const session = this.pending.get(message['sid']);
    if (!session) return { kind: 'refused', reason: 'unknown-session' };
    this.pending.delete(message['sid']);
    const k = keys(this.crypto, session.isk);
    const confirm = b64(message['confirm'], 32);
    if (!confirm || !bytesEqual(confirm, confirmTag(this.crypto, k.confirm, 'student', session.sid))) {
      return { kind: 'refused', reason: 'wrong-code' };
    }
    // The code was right: this attempt was not a guess.
    this.failures = Math.max(0, this.failures - 1);
    this.bySource.set(session.source, Math.max(0, this.attemptsFrom(session.source) - 1));
    const box = typeof message['box'] === 'string' ? fromBase64Url(message['box']) : undefined;
    const plain = box && this.crypto.open(k.seal, box, framed('student-card', session.sid));
    const card = plain ? parseJson(fromUtf8(plain)) : undefined;
    if (!isStudentCard(card)) return { kind: 'refused', reason: 'malformed' };
    const pub = fromBase64Url(card.publicKey);
    if (!pub || deviceIdOf(this.crypto, pub) !== card.deviceId) return { kind: 'refused', reason: 'malformed' };
    const student: StudentCard = { ...card, name: displayName(card.name) };
    const sealed = this.crypto.seal(
      k.seal,
      utf8(JSON.stringify(teacher(student))),
      framed('teacher-card', session.sid),
    );
    const proof = prove(proofBytes(session.sid, session.theirs, session.own));
    return { kind: 'ok', student, reply: { box: toBase64Url(sealed), proof: toBase64Url(proof) } };
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const SYNCTHING_ID = /^([A-Z2-7]{7}-){7}[A-Z2-7]{7}$/;

export function isStudentCard(x: unknown): x is StudentCard {
  return (
    isObject(x) &&
    typeof x['deviceId'] === 'string' &&
    /^[A-Za-z0-9_-]{16}$/.test(x['deviceId']) &&
    typeof x['name'] === 'string' &&
    x['name'].length <= 200 &&
    b64(x['publicKey'], 32) !== undefined &&
    Number.isInteger(x['port']) &&
    (x['port'] as number) > 0 &&
    (x['port'] as number) < 65536 &&
    typeof x['syncthingId'] === 'string' &&
    (x['syncthingId'] === '' || SYNCTHING_ID.test(x['syncthingId']))
  );
}

export function isTeacherCard(x: unknown): x is TeacherCard {
  return (
    isObject(x) &&
    typeof x['classId'] === 'string' &&
    /^[A-Za-z0-9_-]{8,64}$/.test(x['classId']) &&
    typeof x['className'] === 'string' &&
    x['className'].length <= 200 &&
    typeof x['deviceId'] === 'string' &&
    /^[A-Za-z0-9_-]{16}$/.test(x['deviceId']) &&
    typeof x['name'] === 'string' &&
    x['name'].length <= 200 &&
    b64(x['publicKey'], 32) !== undefined &&
    b64(x['classKey'], 32) !== undefined &&
    typeof x['syncthingId'] === 'string' &&
    (x['syncthingId'] === '' || SYNCTHING_ID.test(x['syncthingId'])) &&
    Number.isInteger(x['syncthingPort']) &&
    Number.isInteger(x['port']) &&
    Number.isSafeInteger(x['now'])
  );
}
