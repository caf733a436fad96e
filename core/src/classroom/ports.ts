/**
 * What the classroom needs from the world, as ports. Adapters live in `node/`;
 * tests use fakes that implement the same interfaces.
 */

/** One service on the local network, as published or found over mDNS (`_koompi._tcp`). */
export interface Announcement {
  /** Instance name, unique on the network. */
  readonly name: string;
  readonly port: number;
  /** TXT record: `v`, `role` (teacher|student), `id` (device id), `st` (Syncthing id), `cls` (class id), `join` (1 while joining is open). */
  readonly txt: Readonly<Record<string, string>>;
}

export interface FoundService extends Announcement {
  /** IPv4 addresses, best first. */
  readonly addresses: readonly string[];
}

export interface Discovery {
  /** Publishes (or replaces) this device's announcement. */
  announce(announcement: Announcement): Promise<void>;
  withdraw(): Promise<void>;
  /** Calls `up` for every `_koompi._tcp` service found (again when it changes) and `down` when one leaves. */
  browse(up: (service: FoundService) => void, down?: (name: string) => void): { stop(): void };
  close(): Promise<void>;
}

export const KOOMPI_SERVICE_TYPE = 'koompi';

/**
 * The student's desktop session, as the agent sees it. On the image the agent
 * runs in koompid (root) and reaches the session through logind and the
 * session bus; a session agent can implement the same port.
 */
export interface StudentSession {
  /** Locks the screen (loginctl lock-session / org.freedesktop.ScreenSaver.Lock) and shows the message. */
  lock(message: string): Promise<SessionResult>;
  unlock(): Promise<SessionResult>;
  /** Shows a message from the teacher (a notification). */
  notify(text: string): Promise<SessionResult>;
  /** Opens an http(s) link in the student's browser. */
  openLink(url: string): Promise<SessionResult>;
  /** Opens a received lesson file (an absolute path inside the lessons folder). */
  openFile(path: string): Promise<SessionResult>;
  /** The application in front: a desktop id or window class, empty when unknown. */
  activeApp(): Promise<string>;
  isLocked(): Promise<boolean>;
}

export type SessionResult =
  { kind: 'done' } | { kind: 'failed'; reason: string } | { kind: 'unavailable'; reason: string };
