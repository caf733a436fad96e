/**
 * The signed command channel both sides use. The teacher signs commands and
 * checks the students' replies and events; a student checks the teacher's
 * commands and signs its replies and events. Every message carries the
 * sender's next counter (kept in its state, saved by the caller) and is
 * checked against the key pinned at pairing (`../envelope.ts`). The class
 * key also derives the shared tokens: the lesson files' and the tracker's.
 */
import crypto from 'node:crypto';
import type http from 'node:http';
import { fromBase64Url, toBase64Url } from '../bytes.js';
import type { ClassroomCrypto } from '../crypto.js';
import {
  nextSequence,
  signMessage,
  verifyMessage,
  type Sender,
  type Verified,
  type VerifyOptions,
} from '../envelope.js';
import type { Envelope, SignedMessage } from '../protocol.js';

export interface ChannelOwner {
  readonly crypto: ClassroomCrypto;
  readonly clock: () => number;
  /** Who signs: our device id, the class id, our private key. */
  sender(): Sender;
  /** The last counter we signed with. */
  lastSeq(): number;
  /** Keeps the counter just used (the caller saves its state). */
  setSeq(seq: number): void;
}

/** What a receiver checks of a peer's message besides the signature; `self` and the time are the channel's. */
export type PeerCheck<T> = Omit<VerifyOptions<T>, 'self' | 'nowMs'>;

export class SignedChannel {
  constructor(private readonly owner: ChannelOwner) {}

  /** Signs `msg` for `to` (a device id, or `*`) with the next counter. */
  sign<T>(to: string, msg: T): { signed: SignedMessage; envelope: Envelope<T> } {
    const { crypto: c, clock } = this.owner;
    const seq = nextSequence(this.owner.lastSeq(), clock());
    this.owner.setSeq(seq);
    return signMessage(c, this.owner.sender(), to, seq, clock(), msg);
  }

  /** Checks a peer's signed message; on success the caller stores `replay` before acting. */
  verify<T>(wire: unknown, check: PeerCheck<T>): Verified<T> {
    return verifyMessage(this.owner.crypto, wire, {
      ...check,
      self: this.owner.sender().deviceId,
      nowMs: this.owner.clock(),
    });
  }
}

/** A token both sides derive from the class key: HMAC-SHA256(key, label), base64url, cut to `length`. */
export function classToken(classKey: string, label: string, length: number): string {
  const key = fromBase64Url(classKey) ?? new Uint8Array();
  return toBase64Url(crypto.createHmac('sha256', key).update(label).digest()).slice(0, length);
}

/** The token a student shows to fetch a share's files over HTTP. */
export const lessonToken = (classKey: string, share: string): string => classToken(classKey, `lesson:${share}`, 32);

/** The token of the teacher's tracker (announce URLs). */
export const trackerToken = (classKey: string): string => classToken(classKey, 'tracker', 24);

/** The peer's address, IPv4-mapped IPv6 written as IPv4. */
export function peerAddress(req: http.IncomingMessage): string {
  return (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
}

export const isIPv4 = (address: string): boolean => /^\d+\.\d+\.\d+\.\d+$/.test(address);

/** Why a peer refused a message: its `reason`, or the HTTP status. */
export function refusal(res: { status: number; body: unknown }): string {
  return String((res.body as { reason?: string } | undefined)?.reason ?? res.status);
}
