// First boot without open doors (docs/first-boot.md), run for real on a small
// Debian root (tests/iso/first-boot/scratch-root.sh, cached): the installer's
// setup asks the admin's password, koompi-first-boot makes the accounts, and
// Linux-PAM itself (pamtester) logs people in through `login`, through SDDM's
// own PAM service file from Debian's sddm package, and through Arch's stacks
// (pambase's system-login, SDDM's sddm.pam). The root is read-only for the
// logins, with /var and /home writable, as on an installed KOOMPI.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = path.resolve(import.meta.dirname, '..', '..');
const here = path.join(repo, 'tests', 'iso', 'first-boot');
const airootfs = path.join(repo, 'iso', 'airootfs');
const has = (cmd: string) => spawnSync('sh', ['-c', 'command -v "$1"', 'sh', cmd]).status === 0;
const canRun = process.getuid?.() === 0 && has('debootstrap') && has('unshare');

let dir = '';
let root = '';
const mounts: string[] = [];

function host(cmd: string, args: string[], input = '') {
  const r = spawnSync(cmd, args, { input, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}`, stdout: r.stdout ?? '' };
}
function inRoot(args: string[], input = '', env: Record<string, string> = {}) {
  const vars = Object.entries({ LANG: 'en_US.UTF-8', ...env }).map(([k, v]) => `${k}=${v}`);
  return host(
    'chroot',
    [root, 'env', '-i', 'PATH=/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin', ...vars, ...args],
    input,
  );
}
function mount(args: string[], at: string) {
  const r = host('mount', [...args, at]);
  if (r.code !== 0) throw new Error(`mount ${args.join(' ')} ${at}: ${r.out}`);
  mounts.push(at);
}
/** pamtester SERVICE USER OPS…, typing `typed` at every password prompt. */
const pam = (service: string, user: string, ops: string[], typed: string) =>
  inRoot(['pamtester', service, user, ...ops], `${typed}\n`.repeat(4));
const status = () =>
  Object.fromEntries(
    inRoot(['passwd', '-S', '-a'])
      .stdout.trim()
      .split('\n')
      .map((l) => l.split(' ').slice(0, 2)),
  ) as Record<string, string>;
const setup = (args: string[], typed: string) =>
  inRoot(['/usr/lib/koompi/koompi-install-setup', '/etc/koompi', ...args], typed);
const firstLogin = (args: string[], input = '', env: Record<string, string> = {}) =>
  inRoot(['/usr/lib/koompi/koompi-first-login', ...args], input, env);
const uid = (user: string) => inRoot(['id', '-u', user]).stdout.trim();

let codes: Record<string, string> = {};

beforeAll(() => {
  if (!canRun) return;
  const cached = host(path.join(here, 'scratch-root.sh'), []);
  if (cached.code !== 0) throw new Error(`scratch root: ${cached.out}`);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-first-boot-'));
  root = path.join(dir, 'root');
  if (host('cp', ['-a', cached.stdout.trim(), root]).code !== 0) throw new Error('copy of the scratch root failed');
  // The image's own files; what only Arch's systemd/glibc images have is stood in for.
  for (const rel of [
    'usr/lib/koompi/accounts.sh',
    'usr/lib/koompi/koompi-first-boot',
    'usr/lib/koompi/koompi-first-login',
    'usr/lib/koompi/koompi-install-setup',
    'etc/pam.d/koompi-first-login',
    'etc/sysusers.d/koompi.conf',
  ]) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.copyFileSync(path.join(airootfs, rel), path.join(root, rel));
    fs.chmodSync(path.join(root, rel), fs.statSync(path.join(airootfs, rel)).mode);
  }
  fs.writeFileSync(path.join(root, 'usr/local/sbin/locale-gen'), '#!/bin/sh\n', { mode: 0o755 });
  fs.writeFileSync(
    path.join(root, 'usr/local/sbin/systemd-sysusers'),
    '#!/bin/sh\nawk \'$1 == "g" { print $2 }\' /etc/sysusers.d/*.conf | while read -r g; do groupadd -f "$g"; done\n',
    { mode: 0o755 },
  );
  mount(['-t', 'proc', 'proc'], path.join(root, 'proc'));
}, 300_000);

afterAll(() => {
  for (const at of mounts.reverse()) host('umount', ['-l', at]);
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!canRun)('first boot without open doors', () => {
  it('the installer refuses a short or mistyped admin password and keeps only its hash', () => {
    expect(setup(['--admin', 'kru'], 'short\nshort\n')).toMatchObject({ code: 1 });
    expect(setup(['--admin', 'kru'], 'longenough1\nlongenough2\n').out).toMatch(/ពាក្យសម្ងាត់ទាំងពីរមិនដូចគ្នាទេ/);
    expect(fs.existsSync(path.join(root, 'etc/koompi/admin.shadow'))).toBe(false);
    const ok = setup(
      ['--admin', 'kru', '--language', 'en', '--school', 'Sala', '--teachers', 'sokha', '--students', 'dara,bopha'],
      'kru-secret-1\nkru-secret-1\n',
    );
    expect(ok).toMatchObject({ code: 0 });
    const shadow = fs.statSync(path.join(root, 'etc/koompi/admin.shadow'));
    expect(shadow.mode & 0o777).toBe(0o600);
    const text = fs.readFileSync(path.join(root, 'etc/koompi/admin.shadow'), 'utf8');
    expect(text).toMatch(/^\$6\$/);
    expect(text).not.toContain('kru-secret-1');
  });

  it('first boot leaves no empty password and lists one-time codes for the admin only', () => {
    // A live image's root with an empty password must not survive into the installed system.
    inRoot(['passwd', '-d', 'root']);
    const r = inRoot(['/usr/lib/koompi/koompi-first-boot', '/etc/koompi/setup.conf']);
    expect(r).toMatchObject({ code: 0 });
    expect(r.out).toMatch(/one-time codes are in \/home\/kru\/koompi-class-list\.csv/);
    const st = status();
    expect(Object.entries(st).filter(([, s]) => s === 'NP')).toEqual([]);
    expect(st).toMatchObject({ kru: 'P', sokha: 'P', dara: 'P', bopha: 'P', root: 'L' });
    expect(fs.existsSync(path.join(root, 'etc/koompi/admin.shadow'))).toBe(false);
    const list = path.join(root, 'home/kru/koompi-class-list.csv');
    const s = fs.statSync(list);
    expect({ mode: s.mode & 0o777, owner: s.uid }).toEqual({ mode: 0o600, owner: Number(uid('kru')) });
    const lines = fs.readFileSync(list, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('name,role,one-time code');
    codes = Object.fromEntries(lines.slice(1).map((l) => [l.split(',')[0], l.split(',')[2]]));
    expect(Object.keys(codes)).toEqual(['sokha', 'dara', 'bopha']);
    for (const code of Object.values(codes)) expect(code).toMatch(/^[a-hjkmnp-z2-9]{8}$/);
    expect(new Set(Object.values(codes)).size).toBe(3);
  });

  it('PAM: empty passwords fail; the admin password and the codes work through login and SDDM', () => {
    // From here on / is read-only, /var and /home writable, as installed.
    host('umount', [path.join(root, 'proc')]);
    mount(['--bind', root], root);
    mount(['--bind', path.join(root, 'var')], path.join(root, 'var'));
    mount(['--bind', path.join(root, 'home')], path.join(root, 'home'));
    mount(['-o', 'remount,bind,ro'], root);
    mount(['-t', 'proc', 'proc'], path.join(root, 'proc'));
    mount(['-t', 'tmpfs', 'tmpfs'], path.join(root, 'run'));
    expect(host('touch', [path.join(root, 'etc/koompi/probe')]).code).not.toBe(0);
    for (const service of ['login', 'sddm'])
      for (const user of ['kru', 'sokha', 'dara', 'bopha', 'root'])
        expect({ service, user, ...pam(service, user, ['authenticate'], '') }).toMatchObject({ code: 1 });
    expect(pam('login', 'kru', ['authenticate'], 'kru-secret-1')).toMatchObject({ code: 0 });
    expect(pam('sddm', 'kru', ['authenticate', 'acct_mgmt'], 'kru-secret-1')).toMatchObject({ code: 0 });
    expect(pam('login', 'dara', ['authenticate', 'acct_mgmt'], codes.dara!)).toMatchObject({ code: 0 });
    expect(pam('sddm', 'bopha', ['authenticate', 'acct_mgmt'], codes.bopha!)).toMatchObject({ code: 0 });
  });

  it('a code opens one session: after it the code is refused until the password is changed', () => {
    expect(
      pam('sddm', 'dara', ['authenticate', 'acct_mgmt', 'open_session', 'close_session'], codes.dara!),
    ).toMatchObject({
      code: 0,
    });
    const again = pam('sddm', 'dara', ['authenticate'], codes.dara!);
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/one-time code has been used/);
    expect(pam('login', 'dara', ['authenticate'], codes.dara!)).toMatchObject({ code: 1 });
    // The forced change: the session's first step (prompt → pkexec → change).
    expect(firstLogin(['change'], `${codes.dara}\n${codes.dara}\n`, { PKEXEC_UID: uid('dara') }).out).toMatch(
      /not your one-time code/,
    );
    expect(firstLogin(['change'], 'dara-own-pw\ndara-own-pw\n', { PKEXEC_UID: uid('kru') })).toMatchObject({ code: 1 });
    expect(firstLogin(['change'], 'dara-own-pw\ndara-own-pw\n', { PKEXEC_UID: uid('dara') })).toMatchObject({
      code: 0,
    });
    expect(host('touch', [path.join(root, 'etc/koompi/probe')]).code).not.toBe(0); // / stayed read-only
    expect(pam('login', 'dara', ['authenticate'], codes.dara!)).toMatchObject({ code: 1 });
    expect(
      pam('sddm', 'dara', ['authenticate', 'acct_mgmt', 'open_session', 'close_session'], 'dara-own-pw'),
    ).toMatchObject({ code: 0 });
    expect(pam('login', 'dara', ['authenticate'], 'dara-own-pw')).toMatchObject({ code: 0 });
    // Someone no longer on a code changes nothing through this door.
    expect(firstLogin(['change'], 'other-pw-12\nother-pw-12\n', { PKEXEC_UID: uid('dara') })).toMatchObject({
      code: 1,
    });
  });

  it('the admin gives a new code to someone locked out; the old one stays dead', () => {
    const fresh = firstLogin(['new-code', 'dara']);
    expect(fresh).toMatchObject({ code: 0 });
    const code = fresh.stdout.trim();
    expect(code).toMatch(/^[a-hjkmnp-z2-9]{8}$/);
    expect(pam('login', 'dara', ['authenticate'], 'dara-own-pw')).toMatchObject({ code: 1 });
    expect(pam('login', 'dara', ['authenticate', 'open_session', 'close_session'], code)).toMatchObject({ code: 0 });
    expect(pam('login', 'dara', ['authenticate'], code)).toMatchObject({ code: 1 });
  });

  it("Arch's stacks: pam-enable patches system-login, and login and sddm.pam then enforce the codes", () => {
    const arch = path.join(dir, 'arch');
    fs.mkdirSync(path.join(arch, 'etc', 'pam.d'), { recursive: true });
    for (const f of fs.readdirSync(path.join(here, 'arch-pam')))
      fs.copyFileSync(path.join(here, 'arch-pam', f), path.join(arch, 'etc', 'pam.d', f));
    expect(host(path.join(airootfs, 'usr/lib/koompi/koompi-first-login'), ['pam-enable', arch])).toMatchObject({
      code: 0,
    });
    host(path.join(airootfs, 'usr/lib/koompi/koompi-first-login'), ['pam-enable', arch]); // idempotent
    const login = fs.readFileSync(path.join(arch, 'etc/pam.d/system-login'), 'utf8');
    expect(login.match(/include +koompi-first-login/g)).toHaveLength(2);
    expect(login.indexOf('auth include koompi-first-login')).toBeLessThan(login.indexOf('pam_shells'));
    // Into the scratch root under other names (its own stacks stay Debian's).
    const pamd = path.join(root, 'etc/pam.d');
    mount(['-o', 'remount,bind,rw'], root);
    for (const f of ['system-auth', 'system-login', 'system-local-login'])
      fs.copyFileSync(path.join(arch, 'etc/pam.d', f), path.join(pamd, f));
    fs.copyFileSync(path.join(arch, 'etc/pam.d/login'), path.join(pamd, 'arch-login'));
    fs.copyFileSync(path.join(arch, 'etc/pam.d/sddm'), path.join(pamd, 'arch-sddm'));
    const code = firstLogin(['new-code', 'bopha']).stdout.trim();
    mount(['-o', 'remount,bind,ro'], root);
    expect(pam('arch-login', 'bopha', ['authenticate'], '')).toMatchObject({ code: 1 });
    expect(
      pam('arch-sddm', 'bopha', ['authenticate', 'acct_mgmt', 'open_session', 'close_session'], code),
    ).toMatchObject({
      code: 0,
    });
    expect(pam('arch-sddm', 'bopha', ['authenticate'], code)).toMatchObject({ code: 1 });
    expect(pam('arch-login', 'bopha', ['authenticate'], code)).toMatchObject({ code: 1 });
    expect(pam('arch-login', 'kru', ['authenticate'], 'kru-secret-1')).toMatchObject({ code: 0 });
  });
});

describe('the first-login step on the desktop', () => {
  const file = path.join(airootfs, 'etc/xdg/autostart/org.koompi.FirstLogin.desktop');
  it.skipIf(!has('desktop-file-validate'))('is a valid autostart entry, in Khmer too, that runs the prompt', () => {
    const r = spawnSync('desktop-file-validate', [file], { encoding: 'utf8' });
    expect(`${r.stdout}${r.stderr}`.trim()).toBe('');
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toMatch(/^Name\[km\]=\S/m);
    expect(text).toMatch(/^Exec=\/usr\/lib\/koompi\/koompi-first-login prompt$/m);
  });
});
