/** What the parts of the teacher's classroom (routes, events, sharing, work in) share: its state and its channel. */
import type { ClassroomCrypto } from '../crypto.js';
import type { TeacherCommand } from '../protocol.js';
import type { CommandReport, TeacherState } from '../teacher-state.js';
import type { SignedChannel } from './channel.js';
import type { TeacherOptions } from './teacher-options.js';

export interface TeacherContext {
  readonly options: TeacherOptions;
  /** Kept on disk as teacher.json by `save()`; the parts change its fields in place. */
  readonly state: TeacherState;
  readonly crypto: ClassroomCrypto;
  readonly clock: () => number;
  readonly channel: SignedChannel;
  readonly deviceId: string;
  /** The HTTP port students reach the teacher on. */
  port(): number;
  closed(): boolean;
  save(): void;
  log(line: string): void;
  /** Tells the window: `roster`, `arrived`, `submission`, `refused`. */
  emit(event: string, value: unknown): void;
  /** Emits `roster` with the roster now. */
  rosterChanged(): void;
  /** Sends one signed command to one student and checks its signed reply (`teacher-commands.ts`). */
  command(studentId: string, command: TeacherCommand): Promise<CommandReport[string]>;
}
