// `koompi class` against the real classroom service (`koompi-classroom
// --service`, a teacher here) over its private control socket.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../tests/support/qt-env.js';

const bin = path.join(repoRoot, 'apps', 'cli', 'bin', 'koompi.js');

describe('koompi class, with a teacher classroom running', () => {
  let dir: string;
  let service: ChildProcess;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-class-'));
    fs.chmodSync(dir, 0o700);
    env = {
      PATH: process.env['PATH'],
      HOME: dir,
      XDG_RUNTIME_DIR: dir,
      XDG_DATA_HOME: path.join(dir, 'data'),
      XDG_CONFIG_HOME: path.join(dir, 'config'),
      LANG: 'en_US.UTF-8',
    };
    service = spawn(process.execPath, [path.join(repoRoot, 'apps/classroom/bin/koompi-classroom.js'), '--service'], {
      env,
      stdio: 'ignore',
    });
    const socket = path.join(dir, 'koompi-classroom.sock');
    for (let i = 0; i < 200 && !fs.existsSync(socket); i++) await new Promise((r) => setTimeout(r, 100));
  });

  afterAll(() => {
    service?.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const koompi = (args: string[], lang = 'en_US.UTF-8') =>
    spawnSync(process.execPath, [bin, ...args], { env: { ...env, LANG: lang }, encoding: 'utf8', timeout: 30_000 });

  it('starts the class with a six-digit code and shows the (empty) roster, in Khmer too', () => {
    const started = koompi(['class', 'start', '--json']);
    expect(started.status, started.stderr).toBe(0);
    expect(JSON.parse(started.stdout).code).toMatch(/^\d{6}$/);
    const online = koompi(['class', 'online', '--json']);
    expect(JSON.parse(online.stdout)).toEqual({ students: [] });
    expect(koompi(['class', 'online'], 'km_KH.UTF-8').stdout).toContain('សិស្ស 0 នាក់ក្នុងចំណោម 0 នាក់');
  });

  it("refuses a student's action on the teacher's computer, and a share of nothing", () => {
    const join = koompi(['class', 'join', '123456']);
    expect(join.status).toBe(2);
    expect(join.stderr).toContain('teacher');
    expect(koompi(['class', 'share']).status).toBe(2);
  });

  it('says plainly when no classroom runs (exit 69)', () => {
    const r = spawnSync(process.execPath, [bin, 'class', 'online'], {
      env: { ...env, XDG_RUNTIME_DIR: path.join(dir, 'elsewhere') },
      encoding: 'utf8',
    });
    expect(r.status).toBe(69);
    expect(r.stderr).toContain('No classroom is running');
  });
});
