/**
 * The port `koompi class …` (apps/cli) talks to a running classroom through;
 * `node/control.ts` serves it on the local control socket and connects to it.
 */
import type { JoinResult } from './student-state.js';
import type { CommandReport, RosterEntry, ShareProgress, Submission } from './teacher-state.js';

export type ControlResult<T> =
  | { kind: 'ok'; value: T }
  /** Nothing listens on the socket: no classroom is running for this user. */
  | { kind: 'no-service'; socket: string }
  /** The running classroom is the other role (e.g. `share` on a student device). */
  | { kind: 'wrong-role'; role: 'teacher' | 'student' }
  | { kind: 'failed'; message: string };

export interface ClassroomStatus {
  readonly role: 'teacher' | 'student';
  readonly deviceId: string;
  /** Teacher: its class id; student: the class joined, if any. */
  readonly classId?: string;
  readonly className?: string;
  readonly joining?: boolean;
}

/** What `koompi class …` calls. Every method resolves; failures are values. */
export interface ClassroomClient {
  status(): Promise<ControlResult<ClassroomStatus>>;
  /** `koompi class start`: opens joining with a new six-digit code. */
  start(): Promise<ControlResult<{ code: string; display: string; classId: string }>>;
  /** `koompi class join CODE` (student). */
  join(code: string): Promise<ControlResult<JoinResult>>;
  /** `koompi class share PATH`: PATH is made absolute against the caller's directory. */
  share(file: string, cwd?: string): Promise<ControlResult<ShareProgress>>;
  /** `koompi class collect`: looks at every student's folder now; what has been handed in. */
  collect(): Promise<ControlResult<readonly Submission[]>>;
  /** `koompi class online`: asks every student now; the roster. */
  online(): Promise<ControlResult<RosterEntry[]>>;
  lock(message?: string): Promise<ControlResult<CommandReport>>;
  unlock(): Promise<ControlResult<CommandReport>>;
  message(text: string): Promise<ControlResult<CommandReport>>;
}
