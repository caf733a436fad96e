/**
 * Signing and checking control messages. A receiver obeys a message only when
 * it is signed by the key it pinned at pairing, names this class and this
 * device, is recent by the sender's clock (corrected by the offset measured at
 * pairing), and its counter has not been seen: a replay window accepts
 * counters a little out of order (commands to 40 devices travel in parallel)
 * and never the same one twice.
 */
import { fromBase64Url, toBase64Url, utf8 } from './bytes.js';
import type { ClassroomCrypto } from './crypto.js';
import { PROTOCOL_VERSION, isEnvelope, isSignedMessage, type Envelope, type SignedMessage } from './protocol.js';

export interface Sender {
  readonly deviceId: string;
  readonly classId: string;
  readonly privateKey: Uint8Array;
}

/** The sender's counter: microseconds since the epoch, or one more than the last, whichever is larger. */
export function nextSequence(last: number, nowMs: number): number {
  return Math.max(last + 1, Math.floor(nowMs) * 1000);
}

export function signMessage<T>(
  crypto: ClassroomCrypto,
  sender: Sender,
  to: string,
  seq: number,
  nowMs: number,
  msg: T,
): { signed: SignedMessage; envelope: Envelope<T> } {
  const envelope: Envelope<T> = {
    v: PROTOCOL_VERSION,
    cls: sender.classId,
    from: sender.deviceId,
    to,
    seq,
    ts: Math.floor(nowMs),
    nonce: toBase64Url(crypto.randomBytes(16)),
    msg,
  };
  const body = JSON.stringify(envelope);
  return { signed: { body, sig: toBase64Url(crypto.sign(sender.privateKey, utf8(body))) }, envelope };
}

/** Remembers which counters were accepted from one sender. Serialisable (persist it before acting). */
export interface ReplayState {
  readonly highest: number;
  /** Counters accepted within the window below `highest`. */
  readonly seen: readonly number[];
  /** Everything at or below this is refused (what the bounded memory had to forget). */
  readonly floor: number;
}

export const EMPTY_REPLAY_STATE: ReplayState = { highest: 0, seen: [], floor: 0 };

/** How far below the highest counter a late message is still taken (30 s of microsecond counters). */
export const REPLAY_WINDOW = 30_000_000;
const MAX_SEEN = 4096;

export function checkReplay(
  state: ReplayState,
  seq: number,
): { kind: 'fresh'; next: ReplayState } | { kind: 'replayed' } {
  if (seq <= state.highest - REPLAY_WINDOW || seq <= state.floor || state.seen.includes(seq))
    return { kind: 'replayed' };
  const highest = Math.max(state.highest, seq);
  let seen = [...state.seen, seq].filter((s) => s > highest - REPLAY_WINDOW);
  let floor = state.floor;
  // Bounded memory: forgetting the oldest is safe only if we also refuse everything at or below it.
  if (seen.length > MAX_SEEN) {
    seen = seen.sort((a, b) => a - b);
    floor = Math.max(floor, ...seen.slice(0, seen.length - MAX_SEEN));
    seen = seen.slice(-MAX_SEEN);
  }
  return { kind: 'fresh', next: { highest, seen, floor } };
}

export type Rejection =
  | 'malformed'
  | 'bad-signature'
  | 'unknown-sender'
  | 'wrong-class'
  | 'not-for-us'
  | 'stale'
  | 'replayed'
  | 'unexpected-message';

export interface VerifyOptions<T> {
  readonly classId: string;
  /** Our device id; messages to `*` are accepted when `acceptBroadcast`. */
  readonly self: string;
  readonly acceptBroadcast: boolean;
  /** The sender's pinned public key, by device id. */
  readonly keyOf: (deviceId: string) => Uint8Array | undefined;
  readonly replayOf: (deviceId: string) => ReplayState;
  readonly nowMs: number;
  /** Sender's clock minus ours, as measured at pairing. */
  readonly clockOffsetMs: number;
  /** How far a message's time may be from ours (after correction). */
  readonly maxAgeMs: number;
  readonly isMessage: (msg: unknown) => msg is T;
}

export type Verified<T> =
  { kind: 'ok'; envelope: Envelope<T>; replay: ReplayState } | { kind: 'rejected'; reason: Rejection };

/** Checks a signed message; on success the caller stores `replay` for the sender before acting. */
export function verifyMessage<T>(crypto: ClassroomCrypto, wire: unknown, options: VerifyOptions<T>): Verified<T> {
  if (!isSignedMessage(wire)) return { kind: 'rejected', reason: 'malformed' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(wire.body);
  } catch {
    return { kind: 'rejected', reason: 'malformed' };
  }
  if (!isEnvelope(parsed)) return { kind: 'rejected', reason: 'malformed' };
  const key = options.keyOf(parsed.from);
  if (!key) return { kind: 'rejected', reason: 'unknown-sender' };
  const sig = fromBase64Url(wire.sig);
  if (!sig || !crypto.verify(key, utf8(wire.body), sig)) return { kind: 'rejected', reason: 'bad-signature' };
  // Only now is the content the sender's: check what it says.
  if (parsed.cls !== options.classId) return { kind: 'rejected', reason: 'wrong-class' };
  if (parsed.to !== options.self && !(options.acceptBroadcast && parsed.to === '*'))
    return { kind: 'rejected', reason: 'not-for-us' };
  if (Math.abs(parsed.ts - options.clockOffsetMs - options.nowMs) > options.maxAgeMs)
    return { kind: 'rejected', reason: 'stale' };
  if (!options.isMessage(parsed.msg)) return { kind: 'rejected', reason: 'unexpected-message' };
  const replay = checkReplay(options.replayOf(parsed.from), parsed.seq);
  if (replay.kind === 'replayed') return { kind: 'rejected', reason: 'replayed' };
  return { kind: 'ok', envelope: parsed as Envelope<T>, replay: replay.next };
}

/** Reads the sender of a signed message without trusting anything else in it. */
export function claimedSender(wire: unknown): string | undefined {
  if (!isSignedMessage(wire)) return undefined;
  try {
    const parsed: unknown = JSON.parse(wire.body);
    return isEnvelope(parsed) ? parsed.from : undefined;
  } catch {
    return undefined;
  }
}
