/** What a student's device reports (join and submit results, lessons, receipts) and keeps on disk (student.json). */
import { toBase64Url } from './bytes.js';
import type { ClassroomCrypto } from './crypto.js';
import { EMPTY_REPLAY_STATE, type ReplayState } from './envelope.js';
import type { Receipt } from './lessons.js';
import type { TeacherCard } from './pairing.js';
import type { StudentEvent } from './protocol.js';

export interface Membership {
  readonly teacher: TeacherCard;
  /** The address the teacher answered on. */
  readonly teacherHost: string;
  readonly clockOffsetMs: number;
  /** The teacher's clock in the last signed presence the student followed (`../presence.ts`). */
  readonly presenceAt?: number;
}

export interface ReceivedLesson {
  readonly share: string;
  readonly title: string;
  /** Absolute folder the lesson's files are in. */
  readonly dir: string;
  readonly files: readonly string[];
  readonly bytes: number;
  readonly arrivedAt: number;
}

export interface StoredReceipt extends Receipt {
  /** Whether the file we have still matches what the teacher received. */
  readonly matches: boolean;
}

export type JoinResult =
  | { kind: 'joined'; className: string; teacher: string }
  | { kind: 'invalid-code' }
  | { kind: 'wrong-code' }
  | { kind: 'no-teacher' }
  /** Only the code was typed and no teacher key is provisioned by the school: the fingerprint is needed. */
  | { kind: 'needs-fingerprint' }
  /** A teacher answered with the code but its key is not the one the fingerprint (or the school) names. */
  | { kind: 'unverified-teacher' }
  | { kind: 'refused'; reason: string };

export type SubmitResult =
  { kind: 'submitted'; path: string } | { kind: 'refused'; reason: string } | { kind: 'not-joined' };

export interface StudentState {
  publicKey: string;
  privateKey: string;
  membership?: Membership;
  replay: ReplayState;
  seq: number;
  lessons: ReceivedLesson[];
  receipts: StoredReceipt[];
  /** Events not yet taken by the teacher, oldest first. */
  outbox: StudentEvent[];
}

export function isStudentState(x: unknown): x is StudentState {
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof (x as StudentState).publicKey === 'string' &&
    Array.isArray((x as StudentState).lessons)
  );
}

/** A device that has joined no class yet: its own signing key only. */
export function newStudentState(crypto: ClassroomCrypto): StudentState {
  const keys = crypto.generateSigningKey();
  return {
    publicKey: toBase64Url(keys.publicKey),
    privateKey: toBase64Url(keys.privateKey),
    replay: EMPTY_REPLAY_STATE,
    seq: 0,
    lessons: [],
    receipts: [],
    outbox: [],
  };
}
