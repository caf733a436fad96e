// Chat's tray icon is a real StatusNotifierItem: with a real watcher
// (status-notifier-watcher) and tray host (gtk-sni-tray-standalone) on a
// private session bus and an Xvfb display, Chat registers its item, with a
// Khmer tooltip, and answers Activate (a click on the icon).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DbusConnection, unwrapVariant } from '@koompi/core';
import { offscreenEnv, repoRoot } from '../support/qt-env.js';
import { startSessionBus, type SessionBus } from '../support/session-bus.js';
import { startXvfb, type VirtualDisplay } from '../support/xvfb.js';

const WATCHER = ['org.kde.StatusNotifierWatcher', '/StatusNotifierWatcher'] as const;

describe("Chat's tray icon", () => {
  let bus: SessionBus;
  let x: VirtualDisplay;
  const processes: ChildProcess[] = [];
  let client: DbusConnection;
  let env: NodeJS.ProcessEnv;

  const watcherProperty = async (name: string) => {
    const [value] = await client.call(WATCHER[0], WATCHER[1], 'org.freedesktop.DBus.Properties', 'Get', 'ss', [
      'org.kde.StatusNotifierWatcher',
      name,
    ]);
    return unwrapVariant(value);
  };
  const until = async <T>(read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> => {
    let value = await read();
    for (let i = 0; i < 150 && !ok(value); i++) {
      await new Promise((r) => setTimeout(r, 100));
      value = await read();
    }
    return value;
  };

  beforeAll(async () => {
    bus = await startSessionBus();
    x = await startXvfb('1024x768x24');
    env = offscreenEnv({ DBUS_SESSION_BUS_ADDRESS: bus.address, DISPLAY: x.display, LANG: 'km_KH.UTF-8' });
    delete env['QT_QPA_PLATFORM'];
    client = await DbusConnection.connect(bus.address);
    processes.push(spawn('status-notifier-watcher', [], { env, stdio: 'ignore' }));
    await until(
      () => client.callBus('NameHasOwner', 's', [WATCHER[0]]).then(([o]) => o),
      (o) => o === true,
    );
    processes.push(spawn('gtk-sni-tray-standalone', [], { env, stdio: 'ignore' }));
    await until(
      () => watcherProperty('IsStatusNotifierHostRegistered'),
      (v) => v === true,
    );
    processes.push(
      spawn(process.execPath, [path.join(repoRoot, 'apps/chat/bin/koompi-chat.js')], { env, stdio: 'ignore' }),
    );
  });

  afterAll(async () => {
    for (const p of processes.reverse()) p.kill('SIGTERM');
    client?.close();
    await x?.stop();
    bus?.stop();
  });

  it('registers a StatusNotifierItem owned by Chat, with a Khmer tooltip, that opens Chat when clicked', async () => {
    const items = (await until(
      () => watcherProperty('RegisteredStatusNotifierItems'),
      (v) => (v as string[]).length > 0,
    )) as string[];
    expect(items).toHaveLength(1);
    const [service, itemPath = '/StatusNotifierItem'] = items[0]!.split(/(?=\/)/);
    // Qt registers the item from its own bus connection: check it is Chat's process.
    const [pid] = await client.callBus('GetConnectionUnixProcessID', 's', [String(service)]);
    expect(pid).toBe(processes[2]!.pid);
    const [tooltip] = await client.call(String(service), itemPath, 'org.freedesktop.DBus.Properties', 'Get', 'ss', [
      'org.kde.StatusNotifierItem',
      'ToolTip',
    ]);
    expect(JSON.stringify(unwrapVariant(tooltip))).toContain('KOOMPI ជជែក');
    await expect(
      client.call(String(service), itemPath, 'org.kde.StatusNotifierItem', 'Activate', 'ii', [0, 0]),
    ).resolves.toBeDefined();
  });
});
