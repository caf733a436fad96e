// Rollback that stays true, on the real stack (Btrfs on a loop device, koompid
// over D-Bus): a staged root is "booted" — the systemd-boot stand-in picks and
// counts down the entry, the mount table koompid reads (KOOMPI_MOUNTINFO) says
// that root is `/`, koompid restarts as on a boot, systemd-bless-boot's rename
// follows — and then rolled back again, twice, and once more into a root that
// never comes up. The boot loader itself is the qemu boot test's part.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KoompidConnection, SnapshotsClient, type DaemonResult } from '@koompi/core';
import { bless, boot, mountinfo } from '../support/sd-boot.js';
import { canRunStack, startStack, type Stack } from './harness.js';

function value<T>(r: DaemonResult<T>): T {
  if (!r.ok) throw new Error(`${r.error.kind}: ${r.error.message}`);
  return r.value;
}

describe.skipIf(!canRunStack)('rollback follows the root actually running (real Btrfs, koompid)', () => {
  let stack: Stack;
  let conn: KoompidConnection;
  let snapshots: SnapshotsClient;
  const ids: Record<string, string> = {};

  const connect = async (): Promise<void> => {
    conn = value(await KoompidConnection.connect(stack.env['DBUS_SYSTEM_BUS_ADDRESS']));
    snapshots = new SnapshotsClient(conn);
  };
  const entries = (): string[] => fs.readdirSync(path.join(stack.esp, 'loader/entries')).sort();
  const loaderConf = (): string => fs.readFileSync(path.join(stack.esp, 'loader/loader.conf'), 'utf8');
  const db = (root: string): string => path.join(stack.top, root, 'usr/lib/pacman/local');
  const packages = (root: string): string[] => fs.readdirSync(db(root)).sort();
  const install = (root: string, pkg: string): void => fs.mkdirSync(path.join(db(root), pkg));
  const subvolumes = (): string[] =>
    fs
      .readdirSync(stack.top)
      .filter((n) => n.startsWith('@root-'))
      .sort();

  /** A power cycle: the boot loader's choice, the kernel's mount table, koompid's start; blessed if the desktop came up. */
  const reboot = async (healthy = true): Promise<{ entry: string; subvolume: string }> => {
    conn.close();
    const booted = boot(stack.esp);
    const device = fs.readFileSync(path.join(stack.dir, 'loopdev'), 'utf8').trim();
    fs.writeFileSync(stack.env['KOOMPI_MOUNTINFO']!, mountinfo(booted.subvolume, device));
    stack.restartDaemon();
    await connect();
    return { ...booted, entry: healthy ? bless(stack.esp, booted.entry) : booted.entry };
  };

  beforeAll(async () => {
    stack = await startStack('rollback');
    await connect();
  });
  afterAll(() => {
    conn?.close();
    stack?.down();
  });

  it('starts on @ with koompi.conf as the default entry', () => {
    expect(fs.readFileSync(stack.env['KOOMPI_MOUNTINFO']!, 'utf8')).toMatch(
      / \/@ \/ .* - btrfs \/dev\/loop\d+ .*subvol=\/@$/m,
    );
    expect(loaderConf()).toMatch(/^default koompi\.conf$/m);
  });

  it('stages the first rollback on a fresh root and, once booted and kept, snapshots and previews read that root', async () => {
    ids['good'] = value(await snapshots.create('good state')).id;
    install('@', 'broken-driver-1.0-1');
    value(await snapshots.rollback(ids['good']));
    expect(entries()).toEqual(['koompi-root-1+3.conf', 'koompi.conf']);
    expect(packages('@root-1')).not.toContain('broken-driver-1.0-1');

    expect(await reboot()).toEqual({ entry: 'koompi-root-1.conf', subvolume: '@root-1' });
    // The running root matches the snapshot: nothing to change (reading @ would say broken-driver goes).
    expect(value(await snapshots.previewRollback(ids['good']))).toMatchObject({ added: [], removed: [], changed: [] });

    install('@root-1', 'teacher-tool-2.0-1');
    ids['teacher'] = value(await snapshots.create('with the teacher tool')).id;
    // Booted and blessed: at koompid's next change the root's entry is the default; @ stays as the fallback.
    expect(loaderConf()).toMatch(/^default koompi-root-1\.conf$/m);
    expect(stack.log()).toMatch(/the running root's entry koompi-root-1\.conf is now the default/);
    const copy = path.join(stack.top, '@snapshots', ids['teacher'], 'snapshot/usr/lib/pacman/local');
    expect(fs.readdirSync(copy)).toContain('teacher-tool-2.0-1');
    expect(fs.readdirSync(copy)).not.toContain('broken-driver-1.0-1');
    expect(value(await snapshots.previewRollback(ids['good']))).toMatchObject({ removed: ['teacher-tool'] });
  });

  it('a second and a third rollback keep the running root and its entry, and boot the chosen snapshot', async () => {
    value(await snapshots.rollback(ids['teacher']!));
    expect(entries()).toEqual(['koompi-root-1.conf', 'koompi-root-2+3.conf', 'koompi.conf']);
    expect(subvolumes()).toEqual(['@root-1', '@root-2']);
    expect(loaderConf()).toMatch(/^default koompi\*\.conf$/m);
    expect(await reboot()).toEqual({ entry: 'koompi-root-2.conf', subvolume: '@root-2' });
    expect(packages('@root-2')).toContain('teacher-tool-2.0-1');

    install('@root-2', 'exam-app-1.0-1');
    ids['exam'] = value(await snapshots.create('exam day')).id;
    value(await snapshots.rollback(ids['good']!));
    // @root-2 runs and @root-1 is the fallback: both stay, with their entries.
    expect(entries()).toEqual(['koompi-root-1.conf', 'koompi-root-2.conf', 'koompi-root-3+3.conf', 'koompi.conf']);
    expect(subvolumes()).toEqual(['@root-1', '@root-2', '@root-3']);
    expect(packages('@root-2')).toContain('exam-app-1.0-1');
    expect(await reboot()).toEqual({ entry: 'koompi-root-3.conf', subvolume: '@root-3' });
    expect(packages('@root-3')).not.toContain('teacher-tool-2.0-1');
    expect(packages('@root-3')).not.toContain('broken-driver-1.0-1');
    expect(value(await snapshots.previewRollback(ids['exam']))).toMatchObject({
      added: ['exam-app', 'teacher-tool'],
      removed: [],
    });
  });

  it('falls back to the last good root after three failed boots; the next rollback clears the failed root', async () => {
    value(await snapshots.rollback(ids['exam']!));
    expect(entries()).toContain('koompi-root-4+3.conf');
    const tries = [];
    for (let i = 0; i < 3; i++) tries.push(await reboot(false));
    expect(tries.map((t) => t.entry)).toEqual([
      'koompi-root-4+2-1.conf',
      'koompi-root-4+1-2.conf',
      'koompi-root-4+0-3.conf',
    ]);
    expect(await reboot()).toEqual({ entry: 'koompi-root-3.conf', subvolume: '@root-3' });

    value(await snapshots.rollback(ids['teacher']!));
    // Gone: the failed @root-4 and @root-1 (no longer the fallback). Kept: @root-3 (running, default), @root-2 (fallback), @.
    expect(entries()).toEqual(['koompi-root-2.conf', 'koompi-root-3.conf', 'koompi-root-5+3.conf', 'koompi.conf']);
    expect(subvolumes()).toEqual(['@root-2', '@root-3', '@root-5']);
    expect(fs.existsSync(path.join(stack.top, '@'))).toBe(true);
    expect(stack.log()).toMatch(/staged for the next boot: @root-5, koompi-root-5\+3\.conf/);
    expect(await reboot()).toEqual({ entry: 'koompi-root-5.conf', subvolume: '@root-5' });
    expect(packages('@root-5')).toContain('teacher-tool-2.0-1');
  });
});
