/** What a teacher's classroom is opened with. */
import type { SubmissionLimits } from '../collect.js';
import type { ClassroomCrypto } from '../crypto.js';
import type { NetworkShape } from '../lessons.js';
import type { Discovery } from '../ports.js';
import type { Syncthing } from './syncthing.js';

export interface TeacherOptions {
  readonly dataDir: string;
  readonly name: string;
  readonly className: string;
  readonly crypto?: ClassroomCrypto;
  readonly discovery?: Discovery;
  readonly port?: number;
  readonly host?: string;
  readonly syncthing?: Syncthing;
  readonly syncthingPort?: number;
  readonly network?: NetworkShape;
  /** Each device's link rate, bits per second (for the plan and the multicast rate). */
  readonly linkBitsPerSecond?: number;
  readonly aria2?: string | false;
  readonly torrentPort?: number;
  readonly multicast?:
    | { readonly group: string; readonly port: number; readonly binary?: string; readonly interfaceAddress?: string }
    | false;
  /** What is let in from each student; unset fields keep `DEFAULT_LIMITS`. */
  readonly limits?: Partial<SubmissionLimits>;
  /** How long one pass over one student's folder may take before the others go on without it, ms. */
  readonly studentPassMs?: number;
  /** How often the collector looks at students' folders, ms. */
  readonly pollMs?: number;
  /** How often an offer that did not reach a student is sent again, ms. */
  readonly offerRetryMs?: number;
  readonly clock?: () => number;
  readonly log?: (line: string) => void;
}
