// koompid's snapshots against the real stack: Btrfs on a loop device, a private
// system bus, polkitd, koompid itself. Clients are core's typed clients.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KoompidConnection, SnapshotsClient, type DaemonFailure, type DaemonResult } from '@koompi/core';
import { canRunStack, startStack, type Stack } from './harness.js';

function value<T>(r: DaemonResult<T>): T {
  if (!r.ok) throw new Error(`${r.error.kind}: ${r.error.message}`);
  return r.value;
}
function failure<T>(r: DaemonResult<T>): DaemonFailure {
  if (r.ok) throw new Error('expected a failure');
  return r.error;
}

describe.skipIf(!canRunStack)('koompid snapshots (real Btrfs, D-Bus, polkit)', () => {
  let stack: Stack;
  let conn: KoompidConnection;
  let snapshots: SnapshotsClient;

  const connect = async (): Promise<void> => {
    conn = value(await KoompidConnection.connect(stack.env['DBUS_SYSTEM_BUS_ADDRESS']));
    snapshots = new SnapshotsClient(conn);
  };

  beforeAll(async () => {
    stack = await startStack('snapshots');
    await connect();
  });
  afterAll(() => {
    conn?.close();
    stack?.down();
  });

  it('creates a read-only snapshot, lists it and signals it', async () => {
    const seen: string[] = [];
    const unsubscribe = value(await snapshots.onCreated((id) => seen.push(id)));
    const { id } = value(await snapshots.create('before the exam ប្រឡង'));
    const listed = value(await snapshots.list()).find((s) => s.id === id);
    expect(listed).toMatchObject({ id, kind: 'single', reason: 'before the exam ប្រឡង', pinned: false });
    const sub = path.join(stack.top, '@snapshots', id, 'snapshot');
    expect(fs.readFileSync(path.join(sub, 'etc/os-release'), 'utf8')).toContain('KOOMPI');
    expect(() => fs.writeFileSync(path.join(sub, 'etc/x'), 'x')).toThrow(/EROFS|read-only/i);
    await expect.poll(() => seen).toContain(id);
    await unsubscribe();
  });

  it('refuses bad reasons and ids with InvalidArgument and changes nothing', async () => {
    const before = value(await snapshots.list());
    for (const reason of ['', '   ', 'x'.repeat(201), 'a\u0000b', 'line\nbreak', '\u001b[31mred']) {
      expect(failure(await snapshots.create(reason)).kind).toBe('invalid-argument');
    }
    for (const id of ['../x', '-rf', '0', '01', '1/..', 'x'.repeat(10_240), '1\u0000', '']) {
      expect(failure(await snapshots.delete(id)).kind).toBe('invalid-argument');
      expect(failure(await snapshots.rollback(id)).kind).toBe('invalid-argument');
    }
    expect(failure(await snapshots.delete('999999')).kind).toBe('not-found');
    expect(value(await snapshots.list())).toEqual(before);
  });

  it('keeps the last 10 unpinned snapshots, and pinned ones', async () => {
    const first = value(await snapshots.create('pin me'));
    value(await snapshots.setPinned(first.id, true));
    for (let i = 0; i < 11; i++) value(await snapshots.create(`batch ${i}`));
    const list = value(await snapshots.list());
    expect(list.filter((s) => !s.pinned)).toHaveLength(10);
    expect(list.find((s) => s.id === first.id)?.pinned).toBe(true);
    expect(list.map((s) => s.reason)).toContain('batch 10');
    expect(list.map((s) => s.reason)).not.toContain('batch 0');
  });

  it('deletes a snapshot and its subvolume', async () => {
    const { id } = value(await snapshots.create('to delete'));
    value(await snapshots.delete(id));
    expect(value(await snapshots.list()).some((s) => s.id === id)).toBe(false);
    expect(fs.existsSync(path.join(stack.top, '@snapshots', id))).toBe(false);
  });

  it('stages a rollback as a counted boot entry and reports the package changes', async () => {
    const { id } = value(await snapshots.create('good state'));
    // After the snapshot, a package is "installed" and one upgraded in the live root.
    const db = path.join(stack.top, '@', 'usr/lib/pacman/local');
    fs.mkdirSync(path.join(db, 'broken-driver-1.0-1'));
    fs.renameSync(path.join(db, 'fcitx5-5.1.12-1'), path.join(db, 'fcitx5-5.2.0-1'));
    const preview = value(await snapshots.previewRollback(id));
    expect(preview).toMatchObject({ snapshot: id, added: [], removed: ['broken-driver'] });
    expect(preview.changed).toEqual([{ name: 'fcitx5', from: '5.2.0-1', to: '5.1.12-1' }]);
    expect(fs.readdirSync(path.join(stack.esp, 'loader/entries'))).toEqual(['koompi.conf']);

    const report = value(await snapshots.rollback(id));
    expect(report).toEqual(preview);
    const entries = fs.readdirSync(path.join(stack.esp, 'loader/entries')).sort();
    expect(entries).toEqual(['koompi-root-1+3.conf', 'koompi.conf']);
    const entry = fs.readFileSync(path.join(stack.esp, 'loader/entries/koompi-root-1+3.conf'), 'utf8');
    expect(entry).toMatch(/^options .*rootflags=subvol=@root-1\b/m);
    expect(entry).toMatch(/^linux \/vmlinuz-linux$/m);
    // The staged root is a writable copy of the snapshot; the running root is untouched.
    const staged = path.join(stack.top, '@root-1');
    expect(fs.existsSync(path.join(staged, 'usr/lib/pacman/local/fcitx5-5.1.12-1'))).toBe(true);
    expect(fs.existsSync(path.join(stack.top, '@', 'usr/lib/pacman/local/broken-driver-1.0-1'))).toBe(true);
  });

  it('keeps the snapshots folder readable by root only', () => {
    expect(fs.statSync(path.join(stack.top, '@snapshots')).mode & 0o777).toBe(0o700);
  });

  it('lists a snapshot whose record is damaged as damaged, refuses to roll back to it, and deletes it', async () => {
    const { id } = value(await snapshots.create('will be damaged'));
    fs.writeFileSync(path.join(stack.top, '@snapshots', id, 'info.json'), '{"id": "'); // a torn write
    const listed = value(await snapshots.list()).find((s) => s.id === id);
    expect(listed).toMatchObject({ id, damaged: true });
    expect(failure(await snapshots.rollback(id)).kind).toBe('not-found');
    value(await snapshots.delete(id));
    expect(value(await snapshots.list()).some((s) => s.id === id)).toBe(false);
    expect(fs.existsSync(path.join(stack.top, '@snapshots', id))).toBe(false);
  });

  it('leaves no half-made snapshot listed when koompid is killed in the middle of Create', async () => {
    const before = value(await snapshots.list());
    conn.close();
    stack.restartDaemon('snapshot-subvolume-made');
    await connect();
    const r = await snapshots.create('killed half-way');
    expect(r.ok).toBe(false); // the daemon died before replying
    const partials = (): string[] =>
      fs.readdirSync(path.join(stack.top, '@snapshots')).filter((n) => n.startsWith('.partial-'));
    expect(partials()).toHaveLength(1); // the crash left its temporary snapshot …
    conn.close();
    stack.restartDaemon();
    await connect();
    expect(partials()).toEqual([]); // … which the next start removed
    expect(value(await snapshots.list())).toEqual(before);
    expect(stack.log()).toMatch(/removed 1 half-made snapshot/);
    const { id } = value(await snapshots.create('after the crash'));
    expect(value(await snapshots.list()).map((s) => s.id)).toContain(id);
  });
});
