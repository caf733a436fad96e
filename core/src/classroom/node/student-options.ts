/** What a student's device is opened with. */
import type { ClassroomCrypto } from '../crypto.js';
import type { Discovery, StudentSession } from '../ports.js';
import type { Syncthing } from './syncthing.js';

export interface StudentDeviceOptions {
  readonly dataDir: string;
  readonly name: string;
  readonly session: StudentSession;
  readonly crypto?: ClassroomCrypto;
  readonly discovery?: Discovery;
  /** Control port (0: any). */
  readonly port?: number;
  readonly host?: string;
  readonly syncthing?: Syncthing;
  /** The port our Syncthing listens on, told to the teacher. */
  readonly syncthingPort?: number;
  /** aria2c path, or false when this device cannot swarm. */
  readonly aria2?: string | false;
  /** Receive multicast lessons (uftpd): group and UDP port. */
  readonly multicast?: { readonly group: string; readonly port: number; readonly binary?: string } | false;
  /** BitTorrent listen port. */
  readonly torrentPort?: number;
  /** After this long with no new file from a multicast, fetch the rest from the teacher (ms). */
  readonly multicastStallMs?: number;
  /** A lesson read over HTTP that brings no byte for this long is abandoned and tried again (ms). */
  readonly fetchIdleMs?: number;
  /** The school's roster of teacher keys (`teacher-keys.ts`; default /etc/koompi/classroom/teachers), false for none. */
  readonly teacherRoster?: string | false;
  /** The uid that must own the roster (root; tests use their own). */
  readonly teacherRosterOwner?: number;
  readonly clock?: () => number;
  readonly log?: (line: string) => void;
}
