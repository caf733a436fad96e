// A personal Gemini key in the person's wallet, through the Secret Service API
// (org.freedesktop.secrets) of a real gnome-keyring on a private session bus:
// `koompi ask` finds it and uses it (a fake Gemini on 127.0.0.1 sees it); it
// is never printed.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeGemini } from '../../core/src/ai/test/fake-gemini.js';
import { repoRoot } from '../support/qt-env.js';
import { startSessionBus, type SessionBus } from '../support/session-bus.js';

describe("a personal key in the person's wallet (Secret Service)", () => {
  let bus: SessionBus;
  let home: string;
  let env: NodeJS.ProcessEnv;
  let fake: FakeGemini;
  let baseUrl: string;
  let keyring: ChildProcess;

  beforeAll(async () => {
    bus = await startSessionBus();
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-wallet-'));
    env = {
      PATH: process.env['PATH'],
      HOME: home,
      XDG_DATA_HOME: path.join(home, 'data'),
      XDG_RUNTIME_DIR: home,
      LANG: 'en_US.UTF-8',
      DBUS_SESSION_BUS_ADDRESS: bus.address,
      DBUS_SYSTEM_BUS_ADDRESS: 'unix:path=/nonexistent/koompi-system-bus',
    };
    keyring = spawn('gnome-keyring-daemon', ['--foreground', '--unlock', '--components=secrets'], {
      env,
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    keyring.stdin!.end('test-password');
    for (let i = 0; i < 100; i++) {
      const ready = spawnSync(
        'dbus-send',
        [
          `--bus=${bus.address}`,
          '--print-reply',
          '--dest=org.freedesktop.DBus',
          '/org/freedesktop/DBus',
          'org.freedesktop.DBus.NameHasOwner',
          'string:org.freedesktop.secrets',
        ],
        { encoding: 'utf8' },
      );
      if (ready.stdout.includes('true')) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const stored = spawnSync(
      'secret-tool',
      ['store', '--label=KOOMPI Gemini key', 'application', 'koompi', 'type', 'gemini-api-key'],
      { env, input: 'AIza-wallet-777', encoding: 'utf8' },
    );
    expect(stored.status, stored.stderr).toBe(0);
    fake = new FakeGemini();
    baseUrl = await fake.start();
  });

  afterAll(async () => {
    keyring?.kill('SIGTERM');
    bus?.stop();
    await fake?.stop();
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('is found and used by `koompi ask`, and never printed', async () => {
    fake.script({ kind: 'answer', parts: [{ text: 'Hello from the cloud.' }] });
    const child = spawn(process.execPath, [path.join(repoRoot, 'apps/cli/bin/koompi.js'), 'ask', '--json', 'hello'], {
      env: { ...env, KOOMPI_GEMINI_BASE_URL: baseUrl, KOOMPI_SCHOOL_KEY_FILE: path.join(home, 'none') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code, err).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ source: 'cloud', text: expect.stringContaining('Hello from the cloud.') });
    expect(fake.requests.at(-1)?.apiKey).toBe('AIza-wallet-777');
    expect(out + err).not.toContain('AIza-wallet-777');
  });
});
