// `npm run check:iso` (iso/check.mjs) passes on the real profile and catches
// the mistakes it exists for, each made in a copy of the profile: a broken
// package list, an executable without its file_permissions entry, a unit file
// systemd does not accept, a pacman.conf that keeps the database outside @.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const repo = path.resolve(import.meta.dirname, '..', '..');
const checker = path.join(repo, 'iso', 'check.mjs');
const has = (cmd: string) => spawnSync('sh', ['-c', 'command -v "$1"', 'sh', cmd]).status === 0;

function check(profile: string, extra: string[] = []) {
  const r = spawnSync(
    process.execPath,
    [checker, '--profile', profile, '--packaging', path.join(repo, 'packaging'), ...extra],
    { encoding: 'utf8' },
  );
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

const copies: string[] = [];
function copyProfile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-profile-'));
  copies.push(dir);
  fs.cpSync(path.join(repo, 'iso'), dir, { recursive: true, verbatimSymlinks: true });
  return dir;
}
afterEach(() => {
  for (const dir of copies.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('check:iso', () => {
  it.skipIf(!has('shellcheck'))('passes on the real profile, PKGBUILDs and build script', () => {
    const r = check(path.join(repo, 'iso'), ['--scripts', path.join(repo, 'scripts', 'build-iso.sh')]);
    expect(r.out).toMatch(/check:iso passed/);
    expect(r.out).toMatch(/^ok {3}shellcheck \.\.\/scripts\/build-iso\.sh$/m);
    expect(r.out).toMatch(/^ok {3}packaging\/koompi\/PKGBUILD: namcap-style sanity/m);
    expect(r.code).toBe(0);
  });

  it('fails on a broken package list', () => {
    const dir = copyProfile();
    const list = path.join(dir, 'packages.x86_64');
    const names = fs
      .readFileSync(list, 'utf8')
      .split('\n')
      .filter((n) => n !== 'snapper');
    fs.writeFileSync(list, [...names, 'nodejs', 'Plasma Desktop', '-bad'].join('\n'));
    const r = check(dir, ['--scripts']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/duplicate: nodejs/);
    expect(r.out).toMatch(/not a valid package name: "-bad"/);
    expect(r.out).toMatch(/one name a line, no spaces: "Plasma Desktop"/);
    expect(r.out).toMatch(/missing: snapper/);
  });

  it("fails when an Arch package has no line in the test machine's table", () => {
    const dir = copyProfile();
    fs.appendFileSync(path.join(dir, 'packages.x86_64'), 'gimp\n');
    const r = check(dir, ['--scripts']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/packages\.debian\.tsv maps every Arch package[\s\S]*no line for: gimp/);
  });

  it('fails when an executable in airootfs has no file_permissions entry', () => {
    const dir = copyProfile();
    const tool = path.join(dir, 'airootfs', 'usr', 'local', 'bin', 'koompi-extra');
    fs.mkdirSync(path.dirname(tool), { recursive: true });
    fs.writeFileSync(tool, '#!/bin/sh\necho extra\n', { mode: 0o755 });
    const r = check(dir, ['--scripts']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^FAIL file_permissions has \/usr\/local\/bin\/koompi-extra$/m);
  });

  it.skipIf(!has('systemd-analyze'))('fails on a unit file systemd does not accept', () => {
    const dir = copyProfile();
    const unit = path.join(dir, 'airootfs', 'etc', 'systemd', 'system', 'koompi-ai.service');
    fs.writeFileSync(unit, fs.readFileSync(unit, 'utf8').replace('[Service]', '[Service]\nExecStrat=/bin/true'));
    const r = check(dir, ['--scripts']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^FAIL systemd-analyze verify etc\/systemd\/system\/koompi-ai\.service$/m);
  });

  it('fails when pacman.conf keeps the package database outside @', () => {
    const dir = copyProfile();
    const conf = path.join(dir, 'pacman.conf');
    fs.writeFileSync(conf, fs.readFileSync(conf, 'utf8').replace(/^DBPath.*$/m, 'DBPath = /var/lib/pacman/'));
    const r = check(dir, ['--scripts']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^FAIL pacman\.conf: DBPath = \/usr\/lib\/pacman\/$/m);
  });
});
