/**
 * Password-authenticated key exchange for pairing, after CPace on X25519
 * (draft-irtf-cfrg-cpace): both sides derive a generator point from the class
 * code with Elligator 2 (RFC 9380 §6.7.1), exchange scalar multiples of it and
 * hash the Diffie-Hellman result into a session key. Someone who listens learns
 * nothing that lets them test codes offline; someone who takes part gets one
 * guess per attempt. The field arithmetic uses BigInt, which is not constant
 * time; the secret it touches is a six-digit code that lives for one lesson.
 */
import { framed, utf8 } from './bytes.js';
import type { ClassroomCrypto } from './crypto.js';

const P = (1n << 255n) - 19n;
const A = 486662n;
const Z = 2n;

function mod(a: bigint): bigint {
  const r = a % P;
  return r < 0n ? r + P : r;
}

function pow(base: bigint, exp: bigint): bigint {
  let result = 1n;
  let b = mod(base);
  let e = exp;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % P;
    b = (b * b) % P;
    e >>= 1n;
  }
  return result;
}

function isSquare(a: bigint): boolean {
  const x = mod(a);
  return x === 0n || pow(x, (P - 1n) / 2n) === 1n;
}

/** Elligator 2 onto Curve25519 (Montgomery u-coordinate). */
export function elligator2(r: bigint): bigint {
  const t = mod(Z * r * r + 1n);
  const x1 = t === 0n ? mod(-A) : mod(-A * pow(t, P - 2n));
  const gx1 = mod(x1 * x1 * x1 + A * x1 * x1 + x1);
  return isSquare(gx1) ? x1 : mod(-x1 - A);
}

/** True when u is the u-coordinate of a point on Curve25519 itself (not its twist). */
export function onCurve(u: bigint): boolean {
  return isSquare(mod(u * u * u + A * u * u + u));
}

export function decodeLittleEndian(bytes: Uint8Array): bigint {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i]!);
  return n;
}

export function encodeLittleEndian(n: bigint, length = 32): Uint8Array {
  const out = new Uint8Array(length);
  let v = n;
  for (let i = 0; i < length; i++) {
    out[i] = Number(v & 255n);
    v >>= 8n;
  }
  return out;
}

/** The generator for this code, class and session. */
export function cpaceGenerator(crypto: ClassroomCrypto, code: string, classId: string, sid: Uint8Array): Uint8Array {
  const h = crypto.sha512(framed('KOOMPI-CPace255', utf8(code), utf8(classId), sid));
  const bytes = h.slice(0, 32);
  bytes[31]! &= 0x7f;
  return encodeLittleEndian(elligator2(mod(decodeLittleEndian(bytes))));
}

export interface CpaceShare {
  readonly scalar: Uint8Array;
  /** Our public share, sent to the other side. */
  readonly share: Uint8Array;
}

export function cpaceShare(crypto: ClassroomCrypto, generator: Uint8Array): CpaceShare {
  for (;;) {
    const scalar = crypto.randomBytes(32);
    const share = crypto.x25519(scalar, generator);
    if (share) return { scalar, share };
  }
}

/**
 * The intermediate session key, from our scalar and the other side's share;
 * undefined when their share is a low-order point. `initiatorShare` and
 * `responderShare` are ordered the same way on both sides.
 */
export function cpaceSessionKey(
  crypto: ClassroomCrypto,
  own: CpaceShare,
  theirShare: Uint8Array,
  sid: Uint8Array,
  initiatorShare: Uint8Array,
  responderShare: Uint8Array,
): Uint8Array | undefined {
  if (theirShare.length !== 32) return undefined;
  const k = crypto.x25519(own.scalar, theirShare);
  if (!k) return undefined;
  return crypto.sha512(framed('KOOMPI-CPace255-ISK', sid, k, initiatorShare, responderShare)).slice(0, 32);
}
