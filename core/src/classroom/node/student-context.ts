/** What the parts of a student's device (routes, commands, lessons in, outbox, joining) share. */
import type { ClassroomCrypto } from '../crypto.js';
import type { LessonOffer } from '../lessons.js';
import type { StudentEvent, StudentStatus } from '../protocol.js';
import type { StudentState } from '../student-state.js';
import type { SignedChannel } from './channel.js';
import type { StudentDeviceOptions } from './student-options.js';

export interface StudentContext {
  readonly options: StudentDeviceOptions;
  /** Kept on disk as student.json by `save()`; the parts change its fields in place. */
  readonly state: StudentState;
  readonly crypto: ClassroomCrypto;
  readonly clock: () => number;
  readonly channel: SignedChannel;
  readonly deviceId: string;
  readonly lessonsDir: string;
  readonly submitDir: string;
  readonly returnedDir: string;
  /** The port the teacher sends commands to. */
  port(): number;
  closed(): boolean;
  save(): void;
  log(line: string): void;
  /** Tells the widget: `joined`, `command`, `message`, `refused`, `lesson`, `receipt`, `teacher-found`. */
  emit(event: string, value: unknown): void;
  /** The status the teacher's roster shows: locked, the app in front, the lessons here. */
  status(): Promise<StudentStatus>;
  setLocked(locked: boolean): void;
  /** Starts taking a lesson offered by the teacher (`receiving.ts`). */
  receive(offer: LessonOffer): void;
  /** Queues an event for the teacher and tries to send it (`outbox.ts`). */
  queue(event: StudentEvent): Promise<void>;
}
