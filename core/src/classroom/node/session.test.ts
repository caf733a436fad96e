// The teacher's message reaches the student's notification as the text it is:
// a notification server that reads markup in the body gets it escaped.
import { spawnSync } from 'node:child_process';
import dbus from 'dbus-next';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSessionBus, type SessionBus } from '../../../../tests/support/session-bus.js';
import { createDesktopSession, plainNotificationBody } from './session.js';

const hasDbus = spawnSync('dbus-daemon', ['--version']).status === 0;
const MARKUP = '<b>x</b><img src="file:///etc/passwd"> & more';

class Notifications extends dbus.interface.Interface {
  bodies: string[] = [];
  constructor(private readonly caps: string[]) {
    super('org.freedesktop.Notifications');
  }
  GetCapabilities(): string[] {
    return this.caps;
  }
  Notify(...args: unknown[]): number {
    this.bodies.push(String(args[4]));
    return this.bodies.length;
  }
}
Notifications.configureMembers({
  methods: {
    GetCapabilities: { inSignature: '', outSignature: 'as' },
    Notify: { inSignature: 'susssasa{sv}i', outSignature: 'u' },
  },
});

describe.skipIf(!hasDbus)('notifications on the student desktop', () => {
  let bus: SessionBus;
  let saved: string | undefined;
  beforeAll(async () => {
    bus = await startSessionBus();
    saved = process.env['DBUS_SESSION_BUS_ADDRESS'];
    process.env['DBUS_SESSION_BUS_ADDRESS'] = bus.address;
  });
  afterAll(() => {
    if (saved === undefined) delete process.env['DBUS_SESSION_BUS_ADDRESS'];
    else process.env['DBUS_SESSION_BUS_ADDRESS'] = saved;
    bus?.stop();
  });

  for (const caps of [['body', 'body-markup'], ['body']]) {
    it(`shows markup in a message literally (server capabilities: ${caps.join(', ')})`, async () => {
      const server = dbus.sessionBus();
      const service = new Notifications(caps);
      await server.requestName('org.freedesktop.Notifications', 0);
      server.export('/org/freedesktop/Notifications', service);
      try {
        const session = createDesktopSession({ lessonsDir: '/nonexistent' });
        expect(await session.notify(MARKUP)).toEqual({ kind: 'done' });
        expect(service.bodies).toEqual([plainNotificationBody(MARKUP, caps)]);
        if (caps.includes('body-markup'))
          expect(service.bodies[0]).toBe('&lt;b&gt;x&lt;/b&gt;&lt;img src="file:///etc/passwd"&gt; &amp; more');
        else expect(service.bodies[0]).toBe(MARKUP);
      } finally {
        server.disconnect();
      }
    });
  }
});
