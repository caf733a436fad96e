// Meta+Space opens KOOMPI Chat: Chat registers the shortcut with the real
// kglobalaccel5 on a private session bus, and a real key press on an Xvfb
// display (xdotool) is reported by kglobalaccel for Chat's action.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DbusConnection, qtKeyCode, type IncomingSignal } from '@koompi/core';
import { offscreenEnv, repoRoot } from '../support/qt-env.js';
import { startSessionBus, type SessionBus } from '../support/session-bus.js';
import { onDisplay, startXvfb, type VirtualDisplay } from '../support/xvfb.js';

const ACTION_ID = ['org.koompi.Chat', 'show', '', ''];

describe('the global shortcut (kglobalaccel5)', () => {
  let bus: SessionBus;
  let x: VirtualDisplay;
  let kglobalaccel: ChildProcess;
  let chat: ChildProcess;
  let client: DbusConnection;

  beforeAll(async () => {
    bus = await startSessionBus();
    x = await startXvfb('800x600x24');
    const env = offscreenEnv({ DBUS_SESSION_BUS_ADDRESS: bus.address, DISPLAY: x.display, LANG: 'km_KH.UTF-8' });
    kglobalaccel = spawn('kglobalaccel5', [], { env: { ...env, QT_QPA_PLATFORM: 'xcb' }, stdio: 'ignore' });
    client = await DbusConnection.connect(bus.address);
    for (let i = 0; i < 100; i++) {
      const [owned] = await client.callBus('NameHasOwner', 's', ['org.kde.kglobalaccel']);
      if (owned) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    chat = spawn(process.execPath, [path.join(repoRoot, 'apps/chat/bin/koompi-chat.js')], { env, stdio: 'ignore' });
  });

  afterAll(async () => {
    chat?.kill('SIGTERM');
    kglobalaccel?.kill('SIGTERM');
    client?.close();
    await x?.stop();
    bus?.stop();
  });

  it('is registered by Chat as Meta+Space, named in Khmer', async () => {
    let keys: unknown[] = [];
    for (let i = 0; i < 150 && keys.length === 0; i++) {
      [keys] = (await client.call('org.kde.kglobalaccel', '/kglobalaccel', 'org.kde.KGlobalAccel', 'shortcut', 'as', [
        ACTION_ID,
      ])) as [unknown[]];
      if (keys.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(keys).toEqual([qtKeyCode('Meta+Space')]);
    const [names] = (await client.call('org.kde.kglobalaccel', '/kglobalaccel', 'org.kde.KGlobalAccel', 'action', 'i', [
      qtKeyCode('Meta+Space'),
    ])) as [string[]];
    expect(names.slice(0, 2)).toEqual(['org.koompi.Chat', 'show']);
    expect(names[3]).toBe('បើក KOOMPI ជជែក');
  });

  it('reports a real Meta+Space key press for Chat', async () => {
    const [componentPath] = await client.call(
      'org.kde.kglobalaccel',
      '/kglobalaccel',
      'org.kde.KGlobalAccel',
      'getComponent',
      's',
      ['org.koompi.Chat'],
    );
    let resolvePressed: (signal: IncomingSignal) => void = () => undefined;
    const pressed = new Promise<IncomingSignal>((resolve) => (resolvePressed = resolve));
    // subscribe() resolves once the bus has the match rule: no press can be missed.
    await client.subscribe(
      { path: String(componentPath), interface: 'org.kde.kglobalaccel.Component', member: 'globalShortcutPressed' },
      (signal) => resolvePressed(signal),
    );
    onDisplay(x.display, 'xdotool', ['key', 'super+space']);
    const signal = await pressed;
    expect(signal.body.slice(0, 2)).toEqual(['org.koompi.Chat', 'show']);
  });
});
