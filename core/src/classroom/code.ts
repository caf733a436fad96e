/**
 * The short class code a teacher shows and students type to join: six digits,
 * typed in Latin or Khmer digits, spaces and dashes ignored. Six digits are
 * enough because pairing is a PAKE (see `cpace.ts`): each wrong try costs an
 * attacker a live attempt, and the teacher closes joining after a few.
 */
import type { ClassroomCrypto } from './crypto.js';

export const CLASS_CODE_LENGTH = 6;

export type ClassCodeResult = { kind: 'ok'; code: string } | { kind: 'invalid'; reason: 'length' | 'characters' };

/** A uniformly random code (rejection sampling, so no digit is more likely). */
export function generateClassCode(crypto: ClassroomCrypto): string {
  let code = '';
  while (code.length < CLASS_CODE_LENGTH) {
    for (const b of crypto.randomBytes(CLASS_CODE_LENGTH * 2)) {
      if (b < 250 && code.length < CLASS_CODE_LENGTH) code += String(b % 10);
    }
  }
  return code;
}

const KHMER_ZERO = 0x17e0;

/** Accepts `482913`, `482 913`, `482-913` and `៤៨២៩១៣`. */
export function normalizeClassCode(input: string): ClassCodeResult {
  let digits = '';
  for (const ch of input.trim()) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch >= '0' && ch <= '9') digits += ch;
    else if (cp >= KHMER_ZERO && cp <= KHMER_ZERO + 9) digits += String(cp - KHMER_ZERO);
    else if (ch === ' ' || ch === '-' || ch === '\u00a0') continue;
    else return { kind: 'invalid', reason: 'characters' };
  }
  if (digits.length !== CLASS_CODE_LENGTH) return { kind: 'invalid', reason: 'length' };
  return { kind: 'ok', code: digits };
}

/** Digits of the teacher's key fingerprint shown next to the code (`pairing.ts` `teacherFingerprint`). */
export const FINGERPRINT_LENGTH = 8;

export type JoinCodeResult =
  { kind: 'ok'; code: string; fingerprint?: string } | { kind: 'invalid'; reason: 'length' | 'characters' };

/**
 * What a student types from the projector: the six-digit code, then (unless
 * the school provisioned the teacher's key) the teacher's eight-digit
 * fingerprint: `482 913 · 5170 2284`, in Latin or Khmer digits, spaces,
 * dashes and dots ignored.
 */
export function parseJoinCode(input: string): JoinCodeResult {
  const digits = normalizeClassCode(input.replace(/[·.\u00b7\u2022]/g, ' ').replace(/\s+/g, ''));
  if (digits.kind === 'ok') return digits;
  if (digits.reason === 'characters') return digits;
  let all = '';
  for (const ch of input) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch >= '0' && ch <= '9') all += ch;
    else if (cp >= KHMER_ZERO && cp <= KHMER_ZERO + 9) all += String(cp - KHMER_ZERO);
  }
  if (all.length !== CLASS_CODE_LENGTH + FINGERPRINT_LENGTH) return { kind: 'invalid', reason: 'length' };
  return { kind: 'ok', code: all.slice(0, CLASS_CODE_LENGTH), fingerprint: all.slice(CLASS_CODE_LENGTH) };
}

/** `51702284` → `5170 2284`. */
export function formatFingerprint(fingerprint: string): string {
  return `${fingerprint.slice(0, 4)} ${fingerprint.slice(4)}`;
}

/** `482913` → `482 913`, easier to read off a projector. */
export function formatClassCode(code: string): string {
  return `${code.slice(0, 3)} ${code.slice(3)}`;
}
