// The real KRunner (Plasma 5.27) with KOOMPI's runner: KRunner finds
// org.koompi.Chat.Runner from its .desktop file, D-Bus-activates it and asks
// it to match a query (seen on the bus by eavesdropping). Running a match is
// tested in chat-bus.test.ts by calling Run exactly as KRunner does; pressing
// Enter in KRunner's window was not reliable without a window manager.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DbusConnection } from '@koompi/core';
import { repoRoot } from '../support/qt-env.js';
import { startSessionBus, type SessionBus } from '../support/session-bus.js';
import { startXvfb, type VirtualDisplay } from '../support/xvfb.js';

const QUERY = 'ask how do I type khmer';

describe('KRunner runs KOOMPI', () => {
  let dir: string;
  let bus: SessionBus;
  let x: VirtualDisplay;
  let krunner: ChildProcess;
  let client: DbusConnection;
  const calls: Array<{ member: string; body: readonly unknown[] }> = [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-krunner-'));
    fs.chmodSync(dir, 0o700);
    const share = path.join(dir, 'share', 'krunner', 'dbusplugins');
    const services = path.join(dir, 'services');
    fs.mkdirSync(share, { recursive: true });
    fs.mkdirSync(services);
    fs.copyFileSync(
      path.join(repoRoot, 'plasma-integration/krunner/org.koompi.Chat.Runner.desktop'),
      path.join(share, 'org.koompi.Chat.Runner.desktop'),
    );
    const env = {
      ...process.env,
      HOME: dir,
      XDG_RUNTIME_DIR: dir,
      XDG_CONFIG_HOME: path.join(dir, 'config'),
      XDG_DATA_HOME: path.join(dir, 'data'),
      XDG_DATA_DIRS: `${path.join(dir, 'share')}:/usr/share`,
      LANG: 'en_US.UTF-8',
    };
    const node = process.execPath;
    fs.writeFileSync(
      path.join(services, 'org.koompi.Chat.Runner.service'),
      `[D-BUS Service]\nName=org.koompi.Chat.Runner\nExec=${node} ${repoRoot}/apps/chat/bin/koompi-chat-runner.js\n`,
    );
    fs.writeFileSync(
      path.join(services, 'org.koompi.Chat.service'),
      `[D-BUS Service]\nName=org.koompi.Chat\nExec=/usr/bin/env QT_QPA_PLATFORM=offscreen ${node} ${repoRoot}/apps/chat/bin/koompi-chat.js\n`,
    );
    // Activated services inherit the bus daemon's environment.
    const saved = { ...process.env };
    Object.assign(process.env, env);
    try {
      bus = await startSessionBus(services);
    } finally {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    }
    x = await startXvfb('1024x768x24');
    client = await DbusConnection.connect(bus.address);
    // Watch what KRunner asks of KOOMPI's runner.
    await client.callBus('AddMatch', 's', ["eavesdrop='true',type='method_call',interface='org.kde.krunner1'"]);
    client.bus.on(
      'message',
      (m: { type: number; interface?: string; member?: string; destination?: string; body?: unknown[] }) => {
        if (m.interface === 'org.kde.krunner1' && m.destination === 'org.koompi.Chat.Runner' && m.member) {
          calls.push({ member: m.member, body: m.body ?? [] });
        }
      },
    );
    krunner = spawn('krunner', [], {
      env: { ...env, DISPLAY: x.display, DBUS_SESSION_BUS_ADDRESS: bus.address, QT_QPA_PLATFORM: 'xcb' },
      stdio: 'ignore',
    });
    for (let i = 0; i < 150; i++) {
      const [owned] = await client.callBus('NameHasOwner', 's', ['org.kde.krunner']);
      if (owned) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  });

  afterAll(async () => {
    for (const name of ['org.koompi.Chat', 'org.koompi.Chat.Runner']) {
      const [pid] = await client.callBus('GetConnectionUnixProcessID', 's', [name]).catch(() => [undefined]);
      if (typeof pid === 'number') process.kill(pid, 'SIGTERM');
    }
    krunner?.kill('SIGTERM');
    client?.close();
    await x?.stop();
    bus?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const until = async (ok: () => boolean | Promise<boolean>) => {
    for (let i = 0; i < 150 && !(await ok()); i++) await new Promise((r) => setTimeout(r, 100));
  };

  it('asks the runner to match a query and shows its answer', async () => {
    await client.call('org.kde.krunner', '/App', 'org.kde.krunner.App', 'query', 's', [QUERY]);
    await until(() => calls.some((c) => c.member === 'Match'));
    expect(calls.find((c) => c.member === 'Match')?.body).toEqual([QUERY]);
  });
});
