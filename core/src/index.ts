// The public surface of @koompi/core: named exports only. What is not listed
// here is private to core.
export {
  LOCALES,
  MissingMessageError,
  MissingParamError,
  createTranslator,
  flattenMessages,
  intlTag,
  placeholdersOf,
  resolveLocale,
} from './i18n/i18n.js';
export type {
  DigitStyle,
  Locale,
  LocalePreferences,
  MessageParams,
  Messages,
  Translator,
  TranslatorOptions,
} from './i18n/i18n.js';
export {
  BundleError,
  defaultBundleDir,
  listDomains,
  loadTranslator,
  readBundle,
  readPreferences,
} from './i18n/node/bundles.js';
export type { LoadTranslatorOptions } from './i18n/node/bundles.js';
// koompid clients (issue 4)
export {
  DAEMON_ERRORS,
  KOOMPID_BUS_NAME,
  KOOMPID_INTERFACES,
  KOOMPID_JOB_PATH_PREFIX,
  KOOMPID_PATH,
  KOOMPID_XML_FILE,
  failureKindOf,
  failureMessageKey,
} from './dbus/names.js';
export type { DaemonFailure, DaemonFailureKind, Result as DaemonResult } from './dbus/names.js';
export { ACTIONS, ROLES, ROLE_GROUPS, polkitActionId, roleAllows, roleOfGroups } from './dbus/roles.js';
export type { Action, Role } from './dbus/roles.js';
export { IntrospectionError, parseIntrospection, renderIntrospection, splitSignature } from './dbus/introspection.js';
export type { InterfaceSpec, MethodSpec, PropertySpec, SignalSpec } from './dbus/introspection.js';
export { DbusCallError, DbusConnection, unwrapVariant, variant } from './dbus/node/connection.js';
export type { IncomingSignal, SignalMatch } from './dbus/node/connection.js';
export { DbusServer, MethodError } from './dbus/node/server.js';
export type { CallContext, MethodHandler, ObjectSpec } from './dbus/node/server.js';
export { Authority, AuthorityError } from './dbus/node/authority.js';
export type { Caller, Decision } from './dbus/node/authority.js';
export { DaemonProtocolError, encodeHit, encodeInfo, encodeReport, encodeSnapshot } from './dbus/node/codec.js';
export { KoompidConnection } from './dbus/node/daemon-client.js';
export { CommandError } from './dbus/node/run.js';
export {
  DEFAULT_KEEP,
  MAX_REASON_LENGTH,
  SnapshotStoreError,
  checkReason,
  checkSnapshotId,
  comparePackages,
  nextSnapshotId,
  snapshotsToPrune,
} from './snapshots/snapshots.js';
export type { InputProblem, RollbackReport, Snapshot, SnapshotKind, SnapshotStore } from './snapshots/snapshots.js';
export { BtrfsSnapshotStore } from './snapshots/node/btrfs-store.js';
export { BootStager, STAGED_SUBVOLUME, stagedEntry } from './snapshots/node/boot-staging.js';
export { SnapshotsClient } from './snapshots/node/client.js';
export { JOB_STAGES, checkQuery, classifyPackageName } from './packages/packages.js';
export type {
  ChangeOutcome,
  JobKind,
  JobProgress,
  JobStage,
  JobState,
  PackageBackend,
  PackageHit,
  PackageSource,
} from './packages/packages.js';
export { PackageKitBackend, PackageKitError } from './packages/node/packagekit.js';
export { FlatpakBackend } from './packages/node/flatpak.js';
export { PackageJob, PackagesClient } from './packages/node/client.js';
export type { JobEvent, JobOutcome } from './packages/node/client.js';
export { parseMeminfo, parseOsRelease } from './sysinfo/sysinfo.js';
export type { SystemInfo as KoompidSystemInfo } from './sysinfo/sysinfo.js';
export { probeSystem } from './sysinfo/node/probe.js';
export { SystemInfoClient } from './sysinfo/node/client.js';
