import path from 'node:path';
import { KOOMPID_XML_FILE, findUpward } from '@koompi/core';

/** koompid's settings, from its environment (systemd sets them in koompid.service). */
export interface DaemonConfig {
  /** Where the Btrfs top level (subvolid=5) is mounted. */
  readonly btrfsTop: string;
  /** The mount table koompid finds the running root in (tests: a fake one that says which root "booted"). */
  readonly mountinfo: string;
  /** The EFI system partition, for systemd-boot entries. */
  readonly esp: string;
  readonly flatpakRemote: string;
  readonly usePackageKit: boolean;
  readonly keep: number;
  readonly introspectionXml: string;
  /** koompid's own state (the job journal in `<stateDir>/jobs`): systemd's StateDirectory, /var/lib/koompi. */
  readonly stateDir: string;
  /** Search and CheckHealth calls one uid may make at once, and per minute on average (ReadThrottle). */
  readonly readBurst: number;
  readonly readPerMinute: number;
  /** Tests only: a checkpoint at which koompid kills itself (SIGKILL), to prove crash safety. */
  readonly fault: string | undefined;
}

export function readConfig(env: NodeJS.ProcessEnv): DaemonConfig {
  const keep = Number(env['KOOMPI_KEEP_SNAPSHOTS'] ?? '10');
  return {
    btrfsTop: env['KOOMPI_BTRFS_TOP'] || '/run/koompi/btrfs',
    mountinfo: env['KOOMPI_MOUNTINFO'] || '/proc/self/mountinfo',
    esp: env['KOOMPI_ESP'] || '/boot',
    flatpakRemote: env['KOOMPI_FLATPAK_REMOTE'] || 'koompi',
    usePackageKit: env['KOOMPI_PACKAGEKIT'] !== '0',
    keep: Number.isInteger(keep) && keep > 0 ? keep : 10,
    introspectionXml: env['KOOMPI_DBUS_XML'] || findXml(),
    stateDir: env['KOOMPI_STATE_DIR'] || env['STATE_DIRECTORY']?.split(':')[0] || '/var/lib/koompi',
    readBurst: positive(env['KOOMPI_READ_BURST'], 20),
    readPerMinute: positive(env['KOOMPI_READ_PER_MINUTE'], 60),
    fault: env['KOOMPID_FAULT'] || undefined,
  };
}

function positive(value: string | undefined, fallback: number): number {
  const n = Number(value ?? fallback);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

/** The introspection XML: the repository's in development, the installed copy on the OS. */
function findXml(): string {
  return (
    findUpward(import.meta.url, path.join('plasma-integration', 'dbus', KOOMPID_XML_FILE)) ??
    path.join('/usr/share/dbus-1/interfaces', KOOMPID_XML_FILE)
  );
}
