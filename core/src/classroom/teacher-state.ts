/** What the teacher reports (roster, shares, submissions, command reports) and what it keeps on disk (teacher.json). */
import { toBase64Url } from './bytes.js';
import type { ClassroomCrypto } from './crypto.js';
import type { ReplayState } from './envelope.js';
import type { DistributionPlan, LessonOffer, LessonTransport } from './lessons.js';
import type { StudentCard } from './pairing.js';
import type { CommandOutcome, StudentStatus } from './protocol.js';

export interface RosterEntry {
  readonly deviceId: string;
  readonly name: string;
  readonly online: boolean;
  readonly lastSeen: number;
  readonly activeApp: string;
  readonly locked: boolean;
  readonly address: string;
  /** Files collected from this student. */
  readonly submitted: number;
  /** Files refused (bad name, too large), with why. */
  readonly refused: ReadonlyArray<{ readonly path: string; readonly reason: string }>;
}

export interface ShareProgress {
  readonly share: string;
  readonly title: string;
  readonly bytes: number;
  readonly transport: LessonTransport['kind'];
  readonly plan: DistributionPlan;
  readonly startedAt: number;
  /** Per student: offered, verified (with when) or failed (with why). */
  readonly students: Readonly<
    Record<string, { state: 'offered' | 'verified' | 'failed'; at: number; problem: string }>
  >;
}

export interface Submission {
  readonly student: string;
  readonly studentName: string;
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
  /** Where the collected copy is. */
  readonly stored: string;
  readonly receivedAt: number;
  readonly receiptDelivered: boolean;
}

export type CommandReport = Readonly<
  Record<string, CommandOutcome | { kind: 'unreachable' } | { kind: 'rejected'; reason: string }>
>;

export interface StudentRecord {
  card: StudentCard;
  address: string;
  replay: ReplayState;
  lastSeen: number;
  status?: StudentStatus;
  refused: Array<{ path: string; reason: string }>;
}

export interface ShareRecord {
  offer: LessonOffer;
  progress: ShareProgress;
  /** Files on the teacher's disk, by manifest path (for HTTP). */
  sources: Record<string, string>;
}

export interface TeacherState {
  publicKey: string;
  privateKey: string;
  classId: string;
  classKey: string;
  seq: number;
  students: Record<string, StudentRecord>;
  submissions: Submission[];
  shares: ShareRecord[];
}

export function isTeacherState(x: unknown): x is TeacherState {
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof (x as TeacherState).classId === 'string' &&
    typeof (x as TeacherState).students === 'object'
  );
}

/** A new class: the teacher's signing key, a class id and a class key, no students yet. */
export function newTeacherState(crypto: ClassroomCrypto): TeacherState {
  const keys = crypto.generateSigningKey();
  return {
    publicKey: toBase64Url(keys.publicKey),
    privateKey: toBase64Url(keys.privateKey),
    classId: toBase64Url(crypto.randomBytes(12)),
    classKey: toBase64Url(crypto.randomBytes(32)),
    seq: 0,
    students: {},
    submissions: [],
    shares: [],
  };
}
