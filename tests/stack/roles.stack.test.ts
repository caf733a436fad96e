// Roles and bad input against the real stack: real non-root users (made with
// useradd) call koompid through core's clients as their own uid; polkitd runs
// KOOMPI's policy and rules. Hostile names and wrong signatures change nothing.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DbusCallError,
  DbusConnection,
  KOOMPID_BUS_NAME,
  KOOMPID_INTERFACES,
  KOOMPID_PATH,
  parseIntrospection,
} from '@koompi/core';
import { asUser, canRunStack, ensureUser, repoRoot, startStack, type Stack, type TestUser } from './harness.js';

interface Reply {
  ok: boolean;
  value?: unknown;
  error?: { kind: string; message: string };
}

describe.skipIf(!canRunStack)('koompid roles and hostile input (real polkitd, real users)', () => {
  let stack: Stack;
  let student: TestUser;
  let teacher: TestUser;
  let admin: TestUser;
  let nobody: TestUser;
  let bus: DbusConnection;
  const call = (user: TestUser | 'root', ...args: string[]): Reply => asUser(stack, user, args) as Reply;
  const flatpakDir = (): string[] => fs.readdirSync(path.join(stack.top, '@var/lib/flatpak')).sort();
  const entries = (): string[] => fs.readdirSync(path.join(stack.esp, 'loader/entries')).sort();

  beforeAll(async () => {
    stack = await startStack('roles');
    student = ensureUser('koompi-t-student', 'koompi-student');
    teacher = ensureUser('koompi-t-teacher', 'koompi-teacher');
    admin = ensureUser('koompi-t-admin', 'koompi-admin');
    nobody = ensureUser('koompi-t-nobody', undefined);
    bus = await DbusConnection.connect(stack.env['DBUS_SYSTEM_BUS_ADDRESS']);
  });
  afterAll(() => {
    bus?.close();
    stack?.down();
  });

  it('runs the client as the student, not as root', () => {
    const me = call(student, 'whoami').value as { uid: number };
    expect(me.uid).toBe(student.uid);
    expect(student.uid).not.toBe(0);
  });

  it('lets a student read but refuses every change, and nothing changes', () => {
    const before = { list: call('root', 'list'), flatpak: flatpakDir(), entries: entries() };
    expect(call(student, 'list').ok).toBe(true);
    expect(call(student, 'info')).toMatchObject({
      ok: true,
      value: {
        battery: { present: expect.any(Boolean) },
        cpu: { cores: expect.any(Number) },
        disk: { path: expect.any(String) },
      },
    });
    expect(call(student, 'health')).toMatchObject({ ok: true, value: { healthy: true } });
    expect((call(student, 'search', 'TestDraw').value as { id: string }[]).map((h) => h.id)).toContain(
      'org.koompi.TestDraw',
    );
    for (const args of [
      ['create', 'student was here'],
      ['delete', '1'],
      ['rollback', '1'],
      ['install', 'org.koompi.TestDraw'],
      ['install', 'scribus'],
      ['remove', 'org.koompi.TestDraw'],
      ['update'],
    ]) {
      expect(call(student, ...args), args.join(' ')).toMatchObject({ ok: false, error: { kind: 'not-authorized' } });
    }
    expect(call('root', 'list')).toEqual(before.list);
    expect(flatpakDir()).toEqual(before.flatpak);
    expect(entries()).toEqual(before.entries);
    expect(stack.log()).toMatch(/refused snapshots\.create to koompi-t-student/);
  });

  it('refuses changes to a user with no KOOMPI role', () => {
    expect(call(nobody, 'list').ok).toBe(true);
    expect(call(nobody, 'create', 'x')).toMatchObject({ ok: false, error: { kind: 'not-authorized' } });
    expect(call(nobody, 'install', 'org.koompi.TestDraw')).toMatchObject({
      ok: false,
      error: { kind: 'not-authorized' },
    });
  });

  it('lets a teacher install an app, but not system packages or snapshots', () => {
    const installed = call(teacher, 'install', 'org.koompi.TestDraw') as Reply & {
      value: { outcome: { kind: string; preSnapshot: string; postSnapshot: string } };
    };
    expect(installed.value.outcome).toMatchObject({ kind: 'succeeded' });
    expect(call(teacher, 'install', 'scribus')).toMatchObject({ ok: false, error: { kind: 'not-authorized' } });
    expect(call(teacher, 'create', 'teacher snapshot')).toMatchObject({ ok: false, error: { kind: 'not-authorized' } });
  });

  it('lets a non-root admin change the system (polkit says yes for koompi-admin)', () => {
    const made = call(admin, 'create', 'made by the admin') as { ok: boolean; value: { id: string } };
    expect(made.ok).toBe(true);
    expect(call(admin, 'delete', made.value.id)).toEqual({ ok: true });
  });

  it('refuses hostile names and wrong signatures; koompid lives on and nothing changes', async () => {
    const pid = stack.daemonPid();
    const before = { list: call('root', 'list'), flatpak: flatpakDir(), entries: entries() };
    const raw = async (iface: string, member: string, signature: string, body: unknown[]): Promise<string> => {
      try {
        await bus.call(KOOMPID_BUS_NAME, KOOMPID_PATH, iface, member, signature, body, 10_000);
        return 'ok';
      } catch (error) {
        return error instanceof DbusCallError ? error.errorName : String(error);
      }
    };
    const S = KOOMPID_INTERFACES.snapshots;
    const P = KOOMPID_INTERFACES.packages;
    const invalid = 'org.koompi.System1.Error.InvalidArgument';
    const hostile = ['../x', '-rf', '--help', 'a/b', '/etc/passwd', 'x'.repeat(10_240), 'bell\u0007', 'tab\tname'];
    hostile.push('org.koompi.TestDraw; rm -rf /', '$(reboot)', '`id`', 'ök', ' ', '');
    for (const name of hostile) {
      expect(await raw(P, 'Install', 's', [name]), name.slice(0, 40)).toBe(invalid);
      expect(await raw(P, 'Remove', 's', [name]), name.slice(0, 40)).toBe(invalid);
      expect(await raw(S, 'Delete', 's', [name]), name.slice(0, 40)).toBe(invalid);
      expect(await raw(S, 'Rollback', 's', [name]), name.slice(0, 40)).toBe(invalid);
    }
    expect(await raw(S, 'Create', 's', ['x'.repeat(10_240)])).toBe(invalid);
    expect(await raw(P, 'Search', 's', ['q'.repeat(10_240)])).toBe(invalid);
    expect(await raw(P, 'Search', 's', ['\u0000'])).toBe('org.freedesktop.DBus.Error.InvalidArgs');
    const wrongArgs = 'org.freedesktop.DBus.Error.InvalidArgs';
    expect(await raw(S, 'Create', 'i', [5])).toBe(wrongArgs);
    expect(await raw(S, 'Create', 'ss', ['a', 'b'])).toBe(wrongArgs);
    expect(await raw(S, 'Create', '', [])).toBe(wrongArgs);
    expect(await raw(S, 'Delete', 'as', [['1']])).toBe(wrongArgs);
    expect(await raw(P, 'Install', 'a{sv}', [{}])).toBe(wrongArgs);
    expect(await raw(S, 'Explode', '', [])).toBe('org.freedesktop.DBus.Error.UnknownMethod');
    // The bus policy lets only koompid's interfaces through.
    expect(await raw('org.koompi.Nope1', 'List', '', [])).toBe('org.freedesktop.DBus.Error.AccessDenied');

    expect(stack.daemonPid()).toBe(pid);
    expect(() => process.kill(pid!, 0)).not.toThrow();
    expect(call('root', 'health')).toMatchObject({ ok: true, value: { healthy: true } });
    expect(call('root', 'list')).toEqual(before.list);
    expect(flatpakDir()).toEqual(before.flatpak);
    expect(entries()).toEqual(before.entries);
  });

  it('introspects exactly the interfaces of plasma-integration/dbus/org.koompi.System1.xml', async () => {
    const [xml] = await bus.call(KOOMPID_BUS_NAME, KOOMPID_PATH, 'org.freedesktop.DBus.Introspectable', 'Introspect');
    const file = fs.readFileSync(path.join(repoRoot, 'plasma-integration/dbus/org.koompi.System1.xml'), 'utf8');
    const strip = (i: ReturnType<typeof parseIntrospection>[number]) => ({
      ...i,
      methods: i.methods.map((m) => ({ name: m.name, inSignature: m.inSignature, outSignature: m.outSignature })),
    });
    const live = parseIntrospection(String(xml)).filter((i) => i.name.startsWith('org.koompi.'));
    const spec = parseIntrospection(file).filter((i) => i.name !== KOOMPID_INTERFACES.job);
    expect(live.map(strip)).toEqual(spec.map(strip));
  });

  it('answers the boot-success check (koompid --health-check), in Khmer where the locale is km', () => {
    const bin = path.join(repoRoot, 'apps/daemon/bin/koompid.js');
    const run = (env: Record<string, string>, ...args: string[]) =>
      spawnSync(process.execPath, [bin, ...args], {
        encoding: 'utf8',
        env: { PATH: process.env['PATH'] ?? '', ...env },
      });
    const bus = { DBUS_SYSTEM_BUS_ADDRESS: stack.env['DBUS_SYSTEM_BUS_ADDRESS']! };
    const healthy = run(bus, '--health-check', '--json');
    expect(healthy.status).toBe(0);
    expect(JSON.parse(healthy.stdout)).toEqual({ healthy: true, problems: [] });
    expect(run({ ...bus, LANG: 'km_KH.UTF-8' }, '--health-check').stdout).toMatch(/ប្រព័ន្ធមានសុខភាពល្អ/);
    const gone = run(
      { DBUS_SYSTEM_BUS_ADDRESS: `unix:path=${stack.dir}/no-such-socket`, LANG: 'km_KH.UTF-8' },
      '--health-check',
    );
    expect(gone.status).toBe(2);
    expect(gone.stderr).toMatch(/[\u1780-\u17FF]/);
  });

  // Last: it restarts koompid with a small read budget for the rest of this stack.
  it("refuses a student who hammers Search from many connections (one budget per uid); an admin's Search still works", () => {
    stack.restartDaemon(undefined, { KOOMPI_READ_BURST: '5', KOOMPI_READ_PER_MINUTE: '1' });
    const hammered = call(student, 'hammer-search', '30', '3', 'TestDraw');
    const { kinds, fresh } = hammered.value as { kinds: string[]; fresh: string };
    const served = kinds.filter((k) => k !== 'rate-limited');
    expect(served.length).toBeGreaterThan(0);
    // 5 tokens, plus one more only if the hammering took over a minute.
    expect(served.length).toBeLessThanOrEqual(6);
    expect(kinds.filter((k) => k === 'rate-limited').length).toBe(30 - served.length);
    // A fresh connection of the same student draws on the same, empty bucket.
    expect(fresh).toBe('rate-limited');
    const refused = call(student, 'search', 'TestDraw');
    expect(refused).toMatchObject({ ok: false, error: { kind: 'rate-limited' } });
    expect(refused.error?.message).toContain(student.name);
    expect(stack.log()).toContain(`throttled ${student.name} (uid ${student.uid})`);
    const ids = (call(admin, 'search', 'TestDraw').value as { id: string }[]).map((h) => h.id);
    expect(ids).toContain('org.koompi.TestDraw');
  });
});
