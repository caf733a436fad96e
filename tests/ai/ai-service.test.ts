// The KOOMPI AI service for real: koompi-ai runs with the school's key on a
// private system bus; a student (uid "nobody") who cannot read that key asks
// through the real `koompi ask` and gets a cloud answer from a fake Gemini on
// 127.0.0.1 (real @google/genai client inside the service). Needs root.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DbusConnection } from '@koompi/core';
import { FakeGemini } from '../../core/src/ai/test/fake-gemini.js';
import { repoRoot } from '../support/qt-env.js';
import { stageBundle } from '../support/stage-for-user.js';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const NOBODY = ['--reuid=65534', '--regid=65534', '--clear-groups'];

// Root is needed to run the service and the student as different users.
describe.runIf(isRoot)('koompi-ai: the school key serves students who cannot read it', () => {
  let dir: string;
  let bus: ChildProcess;
  let address: string;
  let service: ChildProcess;
  let fake: FakeGemini;
  let keyFile: string;
  let koompi: string;
  let madeGroup = false;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-ai-svc-'));
    fs.chmodSync(dir, 0o755);
    const config = path.join(dir, 'system.conf');
    fs.writeFileSync(
      config,
      `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig><type>system</type><listen>unix:dir=${dir}</listen><auth>EXTERNAL</auth>
<policy context="default"><allow user="*"/><allow own="*"/><allow send_destination="*"/><allow receive_sender="*"/></policy></busconfig>`,
    );
    bus = spawn('dbus-daemon', [`--config-file=${config}`, '--nofork', '--print-address=1'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    address = await new Promise<string>((resolve) =>
      bus.stdout!.once('data', (d: Buffer) => resolve(d.toString().trim())),
    );
    keyFile = path.join(dir, 'ai.key');
    fs.writeFileSync(keyFile, 'school-key-4242\n', { mode: 0o640 });
    fs.chmodSync(keyFile, 0o640);
    // The service takes the school's key only from root:koompi-ai (core/src/ai/node/keys.ts).
    if (spawnSync('getent', ['group', 'koompi-ai']).status !== 0) {
      madeGroup = spawnSync('groupadd', ['--system', 'koompi-ai']).status === 0;
    }
    fs.chownSync(
      keyFile,
      0,
      Number(spawnSync('getent', ['group', 'koompi-ai'], { encoding: 'utf8' }).stdout.split(':')[2]),
    );
    // The student cannot be assumed to read the checkout (a clone under `mktemp -d` is 0700).
    koompi = stageBundle(dir, 'cli', 'koompi');
    fake = new FakeGemini();
    const baseUrl = await fake.start();
    service = spawn(process.execPath, [path.join(repoRoot, 'apps/daemon/bin/koompi-ai.js')], {
      env: {
        ...process.env,
        DBUS_SYSTEM_BUS_ADDRESS: address,
        KOOMPI_SCHOOL_KEY_FILE: keyFile,
        KOOMPI_GEMINI_BASE_URL: baseUrl,
        // A small share per person, so the last test can spend it; many at once, so only the minute counts.
        KOOMPI_AI_PER_USER_PER_MINUTE: '3',
        KOOMPI_AI_PER_USER_CONCURRENT: '10',
      },
      stdio: 'ignore',
    });
    const client = await DbusConnection.connect(address);
    for (let i = 0; i < 100; i++) {
      const [owned] = await client.callBus('NameHasOwner', 's', ['org.koompi.AI1']);
      if (owned) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    client.close();
  });

  afterAll(async () => {
    service?.kill('SIGTERM');
    bus?.kill('SIGTERM');
    await fake?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    if (madeGroup) spawnSync('groupdel', ['koompi-ai']);
  });

  it('keeps the key from the student', () => {
    const r = spawnSync('setpriv', [...NOBODY, 'cat', keyFile], { encoding: 'utf8' });
    expect(r.status).not.toBe(0);
    expect(r.stdout).not.toContain('school-key');
  });

  it("answers the student's `koompi ask` from the cloud, with the school's key, never showing it", async () => {
    fake.script({ kind: 'answer', parts: [{ text: 'ជំរាបសួរ! ' }, { text: 'I can help.' }] });
    const home = path.join(dir, 'student');
    fs.mkdirSync(home, { mode: 0o777 });
    fs.chmodSync(home, 0o777);
    const child = spawn('setpriv', [...NOBODY, process.execPath, koompi, 'ask', '--json', 'សួស្តី'], {
      env: {
        PATH: process.env['PATH'],
        HOME: home,
        LANG: 'km_KH.UTF-8',
        DBUS_SYSTEM_BUS_ADDRESS: address,
        KOOMPI_SCHOOL_KEY_FILE: keyFile,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code, err).toBe(0);
    const answer = JSON.parse(out);
    expect(answer.source).toBe('cloud');
    expect(answer.text).toContain('ជំរាបសួរ! I can help.');
    expect(fake.requests.at(-1)?.apiKey).toBe('school-key-4242');
    expect(out + err).not.toContain('school-key');
  });

  it('refuses a malformed request with a D-Bus error and keeps serving', async () => {
    const client = await DbusConnection.connect(address);
    try {
      await expect(
        client.call('org.koompi.AI1', '/org/koompi/AI1', 'org.koompi.AI1', 'Ask', 's', ['not json']),
      ).rejects.toThrow(/InvalidArgs/);
      await expect(
        client.call('org.koompi.AI1', '/org/koompi/AI1', 'org.koompi.AI1', 'Ask', 's', ['x'.repeat(70_000)]),
      ).rejects.toThrow(/InvalidArgs/);
      const [owned] = await client.callBus('NameHasOwner', 's', ['org.koompi.AI1']);
      expect(owned).toBe(true);
    } finally {
      client.close();
    }
  });

  // Last: it spends root's share.
  it('counts the share by uid: two connections of one user draw on one quota', async () => {
    fake.script(...Array.from({ length: 3 }, () => ({ kind: 'answer' as const, parts: [{ text: 'ok' }] })));
    const a = await DbusConnection.connect(address);
    const b = await DbusConnection.connect(address);
    const ask = (c: DbusConnection) =>
      c.call('org.koompi.AI1', '/org/koompi/AI1', 'org.koompi.AI1', 'Ask', 's', [JSON.stringify({ message: 'm' })]);
    try {
      await ask(a);
      await ask(a);
      await ask(b);
      await expect(ask(b)).rejects.toThrow(/RateLimited/);
      await expect(ask(a)).rejects.toThrow(/RateLimited/);
    } finally {
      a.close();
      b.close();
    }
  });
});
