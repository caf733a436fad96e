// KOOMPI Chat and its KRunner runner on a real (private) session bus, started
// by D-Bus activation exactly as Plasma would start them: KRunner's calls
// (Match, Run) go to the runner, which asks Chat; a second Chat hands over to
// the first. Chat runs offscreen with its own data folder; what it was asked
// is read back from its history database.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DbusConnection, SqliteHistory } from '@koompi/core';
import { offscreenEnv, repoRoot } from '../support/qt-env.js';
import { startSessionBus, type SessionBus } from '../support/session-bus.js';

const bin = (name: string) => path.join(repoRoot, 'apps', 'chat', 'bin', name);

describe('Chat and the KRunner runner on the session bus', () => {
  let bus: SessionBus;
  let client: DbusConnection;
  let env: NodeJS.ProcessEnv;
  const historyFile = () => path.join(env['XDG_DATA_HOME']!, 'koompi', 'chat', 'history.sqlite');

  beforeAll(async () => {
    env = offscreenEnv({ LANG: 'km_KH.UTF-8' });
    const services = fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-services-'));
    for (const [name, script] of [
      ['org.koompi.Chat', 'koompi-chat.js'],
      ['org.koompi.Chat.Runner', 'koompi-chat-runner.js'],
    ] as const) {
      fs.writeFileSync(
        path.join(services, `${name}.service`),
        `[D-BUS Service]\nName=${name}\nExec=${process.execPath} ${bin(script)}\n`,
      );
    }
    // Activated services inherit the bus daemon's environment: offscreen Qt, private folders.
    const saved = { ...process.env };
    Object.assign(process.env, env);
    try {
      bus = await startSessionBus(services);
    } finally {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    }
    env['DBUS_SESSION_BUS_ADDRESS'] = bus.address;
    client = await DbusConnection.connect(bus.address);
  });

  afterAll(async () => {
    for (const name of ['org.koompi.Chat', 'org.koompi.Chat.Runner']) {
      const [pid] = await client.callBus('GetConnectionUnixProcessID', 's', [name]).catch(() => [undefined]);
      if (typeof pid === 'number') process.kill(pid, 'SIGTERM');
    }
    client?.close();
    bus?.stop();
  });

  async function askedQuestions(expected: number): Promise<string[]> {
    for (let i = 0; i < 100; i++) {
      if (fs.existsSync(historyFile())) {
        const history = await SqliteHistory.open(historyFile());
        const questions = (await history.recent(50)).filter((t) => t.role === 'user').map((t) => t.text);
        history.close();
        if (questions.length >= expected) return questions;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    return [];
  }

  it("answers KRunner's Match with KOOMPI matches, in Khmer", async () => {
    const [matches] = (await client.call('org.koompi.Chat.Runner', '/runner', 'org.kde.krunner1', 'Match', 's', [
      'សួរ តើខ្ញុំវាយអក្សរខ្មែរដោយរបៀបណា',
    ])) as [Array<[string, string, string, number, number, unknown]>];
    expect(matches).toHaveLength(1);
    expect(matches[0]![0]).toBe('ask:តើខ្ញុំវាយអក្សរខ្មែរដោយរបៀបណា');
    expect(matches[0]![1]).toContain('សួរ KOOMPI');
    const [none] = (await client.call('org.koompi.Chat.Runner', '/runner', 'org.kde.krunner1', 'Match', 's', [
      'xy',
    ])) as [unknown[]];
    expect(none).toEqual([]);
  });

  it('refuses a Run for a match it did not make, and a Match with the wrong signature', async () => {
    await expect(
      client.call('org.koompi.Chat.Runner', '/runner', 'org.kde.krunner1', 'Run', 'ss', ['rm -rf /', '']),
    ).rejects.toThrow(/InvalidArgs/);
    await expect(
      client.call('org.koompi.Chat.Runner', '/runner', 'org.kde.krunner1', 'Match', 'i', [5]),
    ).rejects.toThrow(/InvalidArgs/);
  });

  it('runs a match by asking Chat, which the bus starts, and Chat keeps the question', async () => {
    await client.call('org.koompi.Chat.Runner', '/runner', 'org.kde.krunner1', 'Run', 'ss', ['do:ដំឡើង Firefox', '']);
    expect(await askedQuestions(1)).toContain('ដំឡើង Firefox');
  });

  it('keeps one Chat: a second start hands its request over and exits 0', async () => {
    const second: ChildProcess = spawn(process.execPath, [bin('koompi-chat.js')], { env, stdio: 'ignore' });
    const code = await new Promise<number | null>((resolve) => second.on('exit', resolve));
    expect(code).toBe(0);
    const [owner] = await client.callBus('NameHasOwner', 's', ['org.koompi.Chat']);
    expect(owner).toBe(true);
    await client.call('org.koompi.Chat', '/org/koompi/Chat', 'org.koompi.Chat1', 'Ask', 's', [
      'how do I submit my work?',
    ]);
    expect(await askedQuestions(2)).toContain('how do I submit my work?');
    await expect(
      client.call('org.koompi.Chat', '/org/koompi/Chat', 'org.koompi.Chat1', 'Ask', 's', ['']),
    ).rejects.toThrow(/InvalidArgs/);
  });
});
