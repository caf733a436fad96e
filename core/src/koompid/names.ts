/**
 * Names of koompid's D-Bus API: the bus name, object paths, interfaces and error
 * names. The introspection XML in `plasma-integration/dbus/org.koompi.System1.xml`
 * is the source of truth; a test keeps these constants in step with it.
 */
import type { Result } from '../base/result.js';

export const KOOMPID_BUS_NAME = 'org.koompi.System1';
export const KOOMPID_PATH = '/org/koompi/System1';
export const KOOMPID_JOB_PATH_PREFIX = '/org/koompi/System1/jobs/';
export const KOOMPID_XML_FILE = 'org.koompi.System1.xml';

export const KOOMPID_INTERFACES = {
  snapshots: 'org.koompi.Snapshots1',
  packages: 'org.koompi.Packages1',
  sysinfo: 'org.koompi.SystemInfo1',
  job: 'org.koompi.Job1',
} as const;

/**
 * What went wrong, as a value: one kind per D-Bus error koompid sends, plus
 * `unavailable` (no daemon) and `interrupted` (koompid stopped while a job of
 * the caller's ran: it reports the job when it starts again).
 */
export type DaemonFailureKind =
  | 'not-authorized'
  | 'invalid-argument'
  | 'not-found'
  | 'busy'
  | 'rate-limited'
  | 'failed'
  | 'unavailable'
  | 'interrupted';

export const DAEMON_ERRORS: Readonly<Record<Exclude<DaemonFailureKind, 'unavailable' | 'interrupted'>, string>> = {
  'not-authorized': 'org.koompi.System1.Error.NotAuthorized',
  'invalid-argument': 'org.koompi.System1.Error.InvalidArgument',
  'not-found': 'org.koompi.System1.Error.NotFound',
  busy: 'org.koompi.System1.Error.Busy',
  'rate-limited': 'org.koompi.System1.Error.RateLimited',
  failed: 'org.koompi.System1.Error.Failed',
};

/** Errors of the bus itself that mean nobody is there to answer: no owner, or it could not be started. */
const NOT_THERE = new Set([
  'org.freedesktop.DBus.Error.ServiceUnknown',
  'org.freedesktop.DBus.Error.NameHasNoOwner',
  'org.freedesktop.DBus.Error.NoReply',
  'org.freedesktop.DBus.Error.Disconnected',
  'org.freedesktop.DBus.Error.TimedOut',
]);

/**
 * Whether a D-Bus error says the service is not there: nobody owns its name,
 * or D-Bus activation could not start it (dbus-daemon's `Spawn.*` errors, or
 * systemd's, such as a masked or missing unit).
 */
export function isServiceMissing(errorName: string): boolean {
  return (
    NOT_THERE.has(errorName) ||
    errorName.startsWith('org.freedesktop.DBus.Error.Spawn.') ||
    errorName.startsWith('org.freedesktop.systemd1.')
  );
}

/** The failure kind of a D-Bus error name; names from the bus itself mean the daemon is not there. */
export function failureKindOf(errorName: string): DaemonFailureKind {
  for (const [kind, name] of Object.entries(DAEMON_ERRORS)) {
    if (name === errorName) return kind as DaemonFailureKind;
  }
  if (isServiceMissing(errorName)) return 'unavailable';
  if (errorName === 'org.freedesktop.DBus.Error.InvalidArgs') return 'invalid-argument';
  if (errorName === 'org.freedesktop.DBus.Error.AccessDenied') return 'not-authorized';
  return 'failed';
}

/** An expected failure of a koompid call. `message` is the daemon's own (English) text, for logs. */
export interface DaemonFailure {
  readonly kind: DaemonFailureKind;
  readonly message: string;
}

/** The outcome of a koompid call: its value, or why it failed. */
export type DaemonResult<T> = Result<T, DaemonFailure>;

/**
 * The i18n key (domain `daemon`) that explains a failure to a person.
 *
 * @example
 * const t = loadTranslator('daemon');
 * if (!result.ok) console.error(t(failureMessageKey(result.error.kind)));
 */
export function failureMessageKey(kind: DaemonFailureKind): string {
  return `error.${kind}`;
}
