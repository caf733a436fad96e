import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bless, boot, mountinfo } from '../../../../tests/support/sd-boot.js';
import { BootStager, stagedEntry, withVersion } from './boot-staging.js';
import { BtrfsSnapshotStore } from './btrfs-store.js';
import { RunningRoot } from './running-root.js';

describe('stagedEntry', () => {
  it('copies the current entry onto the new root, titled, sort-keyed and versioned to sort first', () => {
    const current = [
      'title KOOMPI OS',
      'sort-key koompi',
      'version 2026.11.0',
      'linux /vmlinuz-linux',
      'initrd /initramfs-linux.img',
      'options root=UUID=abcd rootflags=subvol=@,compress=zstd rw quiet',
      '',
    ].join('\n');
    expect(stagedEntry(current, 'rollback to snapshot 7', '@root-4', '2026.11.0.r4')).toBe(
      [
        'title KOOMPI OS (rollback to snapshot 7)',
        'version 2026.11.0.r4',
        'sort-key koompi',
        'linux /vmlinuz-linux',
        'initrd /initramfs-linux.img',
        'options root=UUID=abcd rootflags=subvol=@root-4,compress=zstd rw quiet',
        '',
      ].join('\n'),
    );
  });

  it('adds rootflags and a sort-key when the entry has none, and keeps only safe title characters', () => {
    const entry = stagedEntry(
      'title X\noptions root=UUID=1 rw\n',
      'ត្រឡប់ទៅរូបថតលេខ 3\noptions init=/bin/sh',
      '@root-1',
      '1.r1',
    );
    expect(entry).toMatch(/^options root=UUID=1 rw rootflags=subvol=@root-1$/m);
    expect(entry).toMatch(/^sort-key koompi$/m);
    expect(entry.split('\n').filter((l) => l.startsWith('options'))).toHaveLength(1);
    expect(entry).toMatch(/^title KOOMPI OS \(ត្រឡប់ទៅរូបថតលេខ 3options initbinsh\)$/m);
  });

  it('rewrites only the version (and adds a sort-key) when promoting by hand', () => {
    expect(withVersion('title KOOMPI OS\nversion 1\noptions rootflags=subvol=@ ro\n', '1.r3')).toBe(
      'title KOOMPI OS\noptions rootflags=subvol=@ ro\nversion 1.r3\nsort-key koompi\n',
    );
  });
});

// The file work over a directory tree, with a stand-in for btrfs (snapshot =
// copy, delete = remove); tests/stack/rollback.stack.test.ts does the same on
// real Btrfs through koompid.
describe('BootStager over three rollbacks (booting the staged root each time)', () => {
  let dir: string;
  let top: string;
  let esp: string;
  let info: string;
  let store: BtrfsSnapshotStore;
  let stager: BootStager;
  const marker = (sub: string): string => fs.readFileSync(path.join(top, sub, 'etc/marker'), 'utf8');
  const entries = (): string[] => fs.readdirSync(path.join(esp, 'loader/entries')).sort();
  const loaderConf = (): string => fs.readFileSync(path.join(esp, 'loader/loader.conf'), 'utf8');
  const bootAndKeep = (): string => {
    const booted = boot(esp);
    fs.writeFileSync(info, mountinfo(booted.subvolume));
    return bless(esp, booted.entry);
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-staging-'));
    top = path.join(dir, 'top');
    esp = path.join(dir, 'esp');
    info = path.join(dir, 'mountinfo');
    fs.mkdirSync(path.join(top, '@/etc'), { recursive: true });
    fs.mkdirSync(path.join(top, '@snapshots'));
    fs.writeFileSync(path.join(top, '@/etc/marker'), 'installed');
    fs.mkdirSync(path.join(esp, 'loader/entries'), { recursive: true });
    fs.writeFileSync(path.join(esp, 'loader/loader.conf'), 'timeout 3\n');
    // As an earlier koompi-install wrote it: no sort-key, no default in loader.conf.
    fs.writeFileSync(
      path.join(esp, 'loader/entries/koompi.conf'),
      'title   KOOMPI OS\nversion 1\nlinux   /vmlinuz-linux-lts\ninitrd  /initramfs-linux-lts.img\noptions root=LABEL=KOOMPI rootflags=subvol=@ ro quiet splash\n',
    );
    fs.writeFileSync(info, mountinfo('@'));
    const btrfs = path.join(dir, 'btrfs');
    fs.writeFileSync(
      btrfs,
      [
        '#!/bin/sh',
        '# btrfs -q subvolume snapshot [-r] -- SRC DST | btrfs -q subvolume delete -- PATH',
        'shift; cmd=$2; shift 2',
        '[ "$1" = -r ] && shift',
        '[ "$1" = -- ] && shift',
        'case $cmd in snapshot) cp -a "$1" "$2" ;; delete) rm -rf "$1" ;; *) exit 2 ;; esac',
        '',
      ].join('\n'),
      { mode: 0o755 },
    );
    const root = new RunningRoot({ top, mountinfo: info });
    const running = (): Promise<string> => root.subvolume();
    store = new BtrfsSnapshotStore({ top, running, btrfs });
    stager = new BootStager({ top, esp, running, btrfs });
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('stages a fresh root each time, never touches the running one, and promotes what was booted and kept', async () => {
    // koompid's start: the installed entry becomes the default (and gets a sort-key and a version to order by).
    expect(await stager.promote()).toBe('koompi.conf');
    expect(loaderConf()).toBe('timeout 3\ndefault koompi.conf\n');
    expect(fs.readFileSync(path.join(esp, 'loader/entries/koompi.conf'), 'utf8')).toMatch(/^version 1\.r1$/m);

    // First rollback, from @.
    const good = await store.create({ kind: 'single', reason: 'good' });
    fs.writeFileSync(path.join(top, '@/etc/marker'), 'broken on @');
    const first = await stager.stage(store.snapshotPath(good.id), 'snapshot 1');
    expect(first).toEqual({ subvolume: '@root-1', entry: 'koompi-root-1+3.conf', removed: [] });
    expect(entries()).toEqual(['koompi-root-1+3.conf', 'koompi.conf']);
    expect(loaderConf()).toBe('timeout 3\ndefault koompi*.conf\n');
    expect(marker('@root-1')).toBe('installed');
    expect(marker('@')).toBe('broken on @');

    // Boot it and keep it: it is promoted; @ stays as the fallback.
    expect(bootAndKeep()).toBe('koompi-root-1.conf');
    expect(await stager.promote()).toBe('koompi-root-1.conf');
    expect(loaderConf()).toMatch(/^default koompi-root-1\.conf$/m);
    expect(await stager.status()).toMatchObject({
      running: '@root-1',
      runningEntry: 'koompi-root-1.conf',
      current: 'koompi-root-1.conf',
      fallback: 'koompi.conf',
    });

    // Snapshots and previews now read the running root, @root-1, not @.
    fs.writeFileSync(path.join(top, '@root-1/etc/marker'), 'root-1 after a while');
    const second = await store.create({ kind: 'single', reason: 'on root-1' });
    expect(fs.readFileSync(path.join(store.snapshotPath(second.id), 'etc/marker'), 'utf8')).toBe(
      'root-1 after a while',
    );
    fs.writeFileSync(path.join(top, '@root-1/etc/marker'), 'broken on root-1');

    // Second rollback: a new root and entry; the running root and its entry survive.
    const again = await stager.stage(store.snapshotPath(second.id), 'snapshot 2');
    expect(again).toMatchObject({ subvolume: '@root-2', entry: 'koompi-root-2+3.conf' });
    expect(entries()).toEqual(['koompi-root-1.conf', 'koompi-root-2+3.conf', 'koompi.conf']);
    expect(marker('@root-1')).toBe('broken on root-1');
    expect(marker('@root-2')).toBe('root-1 after a while');
    expect(bootAndKeep()).toBe('koompi-root-2.conf');
    expect(marker((await stager.status()).running)).toBe('root-1 after a while');

    // Third rollback, from @root-2: @root-2 runs, @root-1 is the fallback, both stay.
    const third = await stager.stage(store.snapshotPath(good.id), 'snapshot 1 again');
    expect(third).toMatchObject({ subvolume: '@root-3', entry: 'koompi-root-3+3.conf' });
    expect(entries()).toEqual(['koompi-root-1.conf', 'koompi-root-2.conf', 'koompi-root-3+3.conf', 'koompi.conf']);
    expect(loaderConf()).toMatch(/^default koompi\*\.conf$/m);

    // It never comes up: three failed boots, then systemd-boot boots the last good root, @root-2.
    const tries = [boot(esp), boot(esp), boot(esp)].map((b) => `${b.entry} ${b.subvolume}`);
    expect(tries).toEqual([
      'koompi-root-3+2-1.conf @root-3',
      'koompi-root-3+1-2.conf @root-3',
      'koompi-root-3+0-3.conf @root-3',
    ]);
    expect(bootAndKeep()).toBe('koompi-root-2.conf');
    expect(marker('@root-2')).toBe('root-1 after a while');

    // The next staging clears the failed root; the running root, the fallback and @ stay.
    const fourth = await stager.stage(store.snapshotPath(second.id), 'snapshot 2 again');
    expect(fourth).toEqual({
      subvolume: '@root-4',
      entry: 'koompi-root-4+3.conf',
      removed: ['koompi-root-3+0-3.conf', '@root-3'],
    });
    expect(fs.readdirSync(top).sort()).toEqual(['@', '@root-1', '@root-2', '@root-4', '@snapshots']);
    expect(boot(esp)).toEqual({ entry: 'koompi-root-4+2-1.conf', subvolume: '@root-4' });
  });

  it('keeps a running root that is still being assessed when another rollback is staged', async () => {
    await stager.promote();
    const s = await store.create({ kind: 'single', reason: 'a' });
    await stager.stage(store.snapshotPath(s.id), 'a');
    const booted = boot(esp); // not blessed yet: koompi-boot-check has not passed
    fs.writeFileSync(info, mountinfo(booted.subvolume));
    const t = await store.create({ kind: 'single', reason: 'b' });
    const next = await stager.stage(store.snapshotPath(t.id), 'b');
    expect(next.subvolume).toBe('@root-2');
    expect(next.removed).toEqual([]);
    expect(entries()).toEqual(['koompi-root-1+2-1.conf', 'koompi-root-2+3.conf', 'koompi.conf']);
    expect(fs.existsSync(path.join(top, '@root-1/etc/marker'))).toBe(true);
    expect(boot(esp).subvolume).toBe('@root-2');
  });

  it('refuses to stage or snapshot when / is not a Btrfs root on the top level', async () => {
    fs.writeFileSync(info, '27 1 254:0 / / rw,relatime - ext4 /dev/vda rw\n');
    await expect(store.create({ kind: 'single', reason: 'x' })).rejects.toThrow(/could not create snapshot/);
    await expect(stager.stage(path.join(top, '@'), 'x')).rejects.toThrow(/not a Btrfs subvolume/);
    fs.writeFileSync(info, mountinfo('@root-9'));
    expect(await store.check()).toEqual([`the running root @root-9 is not on ${top}`]);
  });
});
