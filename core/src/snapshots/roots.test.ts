import { describe, expect, it } from 'vitest';
import {
  bootOrder,
  cleanup,
  compareVersions,
  lastGood,
  nextRootNumber,
  nextVersion,
  parseBootEntry,
  promotion,
  runningSubvolume,
  withLoaderDefault,
  type BootEntry,
} from './roots.js';

// Lines as the kernel writes them (proc(5)): id parent major:minor root mount-point options optional… - type source super-options
const host = [
  '22 27 0:21 / /proc rw,relatime - proc proc rw',
  '27 1 254:0 / / rw,relatime - ext4 /dev/vda rw,discard',
].join('\n');

describe('runningSubvolume (the root actually running, from mountinfo)', () => {
  it('reads the subvol= option of the Btrfs mount at /', () => {
    const info = [
      '20 1 0:31 /@ / ro,noatime shared:1 - btrfs /dev/nvme0n1p2 ro,compress=zstd:1,space_cache=v2,subvolid=256,subvol=/@',
      '21 20 0:31 /@home /home rw,noatime shared:2 - btrfs /dev/nvme0n1p2 rw,subvolid=257,subvol=/@home',
    ].join('\n');
    expect(runningSubvolume(info)).toBe('@');
    expect(runningSubvolume(info.replaceAll('/@ /', '/@root-3 /').replace('subvol=/@\n', 'subvol=/@root-3\n'))).toBe(
      '@root-3',
    );
  });

  it('follows a staged root once booted, even when the configuration still says @', () => {
    const booted = '20 1 0:48 /@root-12 / ro,noatime shared:1 - btrfs /dev/sda2 ro,subvolid=301,subvol=/@root-12';
    expect(runningSubvolume(booted)).toBe('@root-12');
  });

  it('takes the mount on top when / is mounted twice, and the root field when subvol= is missing', () => {
    const info = [
      '20 1 0:31 /@ / ro - btrfs /dev/sda2 ro,subvol=/@',
      '40 20 0:48 /@root-2 / ro - btrfs /dev/sda2 ro,subvolid=300',
    ].join('\n');
    expect(runningSubvolume(info)).toBe('@root-2');
  });

  it('prefers subvol= over a bind-mounted directory in the root field, and unescapes octal', () => {
    expect(runningSubvolume('20 1 0:31 /@/srv/x / ro - btrfs /dev/sda2 ro,subvol=/@')).toBe('@');
    expect(runningSubvolume('20 1 0:31 /my\\040root / ro - btrfs /dev/sda2 ro')).toBe('my root');
  });

  it('is undefined when / is not Btrfs, is the top level, or names a path outside it', () => {
    expect(runningSubvolume(host)).toBeUndefined();
    expect(runningSubvolume('20 1 0:31 / / ro - btrfs /dev/sda2 ro,subvolid=5,subvol=/')).toBeUndefined();
    expect(runningSubvolume('20 1 0:31 /../x / ro - btrfs /dev/sda2 ro,subvol=/../x')).toBeUndefined();
    expect(runningSubvolume('')).toBeUndefined();
    // A Btrfs root mounted, then a tmpfs over it: the tmpfs is what runs.
    expect(
      runningSubvolume('20 1 0:31 /@ / ro - btrfs /dev/sda2 ro,subvol=/@\n30 20 0:40 / / rw - tmpfs none rw'),
    ).toBe(undefined);
  });
});

const entry = (file: string, version: string, subvol: string, sortKey = 'koompi'): BootEntry =>
  parseBootEntry(
    file,
    `title T\nversion ${version}\n${sortKey ? `sort-key ${sortKey}\n` : ''}options root=UUID=1 rootflags=subvol=${subvol},compress=zstd rw\n`,
  )!;

describe('boot entries', () => {
  it('parses counters, the root and the version', () => {
    expect(entry('koompi-root-3+2-1.conf', '2026.11.0.r3', '/@root-3')).toEqual({
      file: 'koompi-root-3+2-1.conf',
      id: 'koompi-root-3.conf',
      triesLeft: 2,
      triesDone: 1,
      subvolume: '@root-3',
      version: '2026.11.0.r3',
      sortKey: 'koompi',
    });
    expect(entry('koompi-root-3+3.conf', '1', '@root-3')).toMatchObject({ triesLeft: 3, triesDone: 0 });
    expect(entry('koompi.conf', '1', '@')).not.toHaveProperty('triesLeft');
    expect(parseBootEntry('arch.conf', 'options root=x')).toBeUndefined();
  });

  it('orders versions as systemd-boot does for ours', () => {
    expect(compareVersions('2026.11.0.r1', '2026.11.0')).toBeGreaterThan(0);
    expect(compareVersions('2026.11.0.r10', '2026.11.0.r9')).toBeGreaterThan(0);
    expect(compareVersions('2026.11.0.staged.r1', '2026.11.0.staged')).toBeGreaterThan(0);
    expect(compareVersions('2', '1.r7')).toBeGreaterThan(0);
    expect(compareVersions('1.0', '1.0')).toBe(0);
  });

  it('puts bad entries last, sort-keyed ones first, then the newest version', () => {
    const order = bootOrder([
      entry('koompi.conf', '1', '@', ''),
      entry('koompi-root-1.conf', '1.r1', '@root-1'),
      entry('koompi-root-2+0-3.conf', '1.r2', '@root-2'),
      entry('koompi-root-3+1-2.conf', '1.r3', '@root-3'),
    ]).map((e) => e.file);
    expect(order).toEqual(['koompi-root-3+1-2.conf', 'koompi-root-1.conf', 'koompi.conf', 'koompi-root-2+0-3.conf']);
  });

  it('gives every staging a version above all entries and a fresh root number', () => {
    const entries = [
      entry('koompi.conf', '2026.11.0', '@'),
      entry('koompi-root-4+0-3.conf', '2026.11.0.r2', '@root-4'),
    ];
    expect(nextVersion(entries)).toBe('2026.11.0.r3');
    expect(nextRootNumber(['@root-2', '.@root-7.partial', '@staged'], entries)).toBe(8);
    expect(nextRootNumber([], [])).toBe(1);
  });
});

describe('promotion and clean-up', () => {
  const base = [entry('koompi.conf', '2026.11.0', '@'), entry('koompi-root-1.conf', '2026.11.0.r1', '@root-1')];

  it('promotes the running root once its entry is blessed, not while it is assessed', () => {
    expect(promotion({ entries: base, running: '@root-1', loaderDefault: 'koompi.conf' })).toMatchObject({
      default: 'koompi-root-1.conf',
    });
    expect(promotion({ entries: base, running: '@root-1', loaderDefault: 'koompi-root-1.conf' })).toBeUndefined();
    const assessed = [base[0]!, entry('koompi-root-1+2-1.conf', '2026.11.0.r1', '@root-1')];
    expect(promotion({ entries: assessed, running: '@root-1', loaderDefault: 'koompi*.conf' })).toBeUndefined();
  });

  it('does not promote while another staged root waits to be tried (an exact default would hide it)', () => {
    const waiting = [...base, entry('koompi-root-2+3.conf', '2026.11.0.r2', '@root-2')];
    expect(promotion({ entries: waiting, running: '@root-1', loaderDefault: 'koompi*.conf' })).toBeUndefined();
    expect(lastGood({ entries: waiting, running: '@root-1', loaderDefault: 'koompi*.conf' }).current?.file).toBe(
      'koompi-root-1.conf',
    );
  });

  it('gives a root chosen by hand in the menu a version above the others when promoted', () => {
    const p = promotion({ entries: base, running: '@', loaderDefault: 'koompi-root-1.conf' });
    expect(p).toMatchObject({ default: 'koompi.conf', version: '2026.11.0.r2' });
  });

  it('keeps the running, current and fallback roots; removes older and failed staged roots', () => {
    const entries = [
      ...base,
      entry('koompi-root-2.conf', '2026.11.0.r2', '@root-2'),
      entry('koompi-root-3+0-3.conf', '2026.11.0.r3', '@root-3'),
      entry('koompi-root-5+3.conf', '2026.11.0.r5', '@root-5'),
    ];
    const view = { entries, running: '@root-2', loaderDefault: 'koompi-root-2.conf' };
    expect(lastGood(view)).toMatchObject({
      current: { file: 'koompi-root-2.conf' },
      fallback: { file: 'koompi-root-1.conf' },
    });
    const subvolumes = ['@root-1', '@root-2', '@root-3', '@root-4', '@root-5', '@root-6', '@staged'];
    expect(cleanup(view, subvolumes, ['@root-6'])).toEqual({
      entries: ['koompi-root-3+0-3.conf', 'koompi-root-5+3.conf'],
      subvolumes: ['@root-3', '@root-4', '@root-5', '@staged'],
    });
  });

  it('never removes the running root, even an old-style @staged one', () => {
    const entries = [entry('koompi.conf', '1', '@'), entry('koompi-staged.conf', '1.staged', '@staged')];
    const view = { entries, running: '@staged' };
    expect(cleanup(view, ['@staged', '@root-1'], ['@root-1'])).toEqual({ entries: [], subvolumes: [] });
  });

  it('sets loader.conf default, keeping the other settings', () => {
    expect(withLoaderDefault('timeout 3\n', 'koompi*.conf')).toBe('timeout 3\ndefault koompi*.conf\n');
    expect(withLoaderDefault('timeout 3\ndefault a.conf\neditor no\ndefault b\n', 'x.conf')).toBe(
      'timeout 3\ndefault x.conf\neditor no\n',
    );
  });
});
