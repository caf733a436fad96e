import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDbusProbe } from './dbus-probe.js';

const hasDbus =
  spawnSync('dbus-daemon', ['--version']).status === 0 && spawnSync('dbus-send', ['--help']).error === undefined;

/** Just what the test needs from dbus-next, to stand in for koompid by owning its name. */
interface NameOwner {
  requestName(name: string, flags: number): Promise<number>;
  disconnect(): void;
}
type DbusNext = { sessionBus(options: { busAddress: string }): NameOwner };
const dbusNext = (await import('dbus-next' as string).catch(() => undefined)) as
  DbusNext | { default: DbusNext } | undefined;
const sessionBus = dbusNext ? ('default' in dbusNext ? dbusNext.default : dbusNext).sessionBus : undefined;

describe('createDbusProbe', () => {
  it('says "not running" when there is no system bus', async () => {
    const probe = createDbusProbe({ env: { DBUS_SYSTEM_BUS_ADDRESS: 'unix:path=/nonexistent/koompi-test-bus' } });
    expect(await probe.status('system')).toMatchObject({ kind: 'not-running', reason: 'no-bus' });
  });

  it('says "not running" when dbus-send is missing', async () => {
    const probe = createDbusProbe({ command: 'koompi-no-such-dbus-send' });
    expect(await probe.status('system')).toMatchObject({ kind: 'not-running', reason: 'no-client' });
  });

  // Against a real, private bus started for the test.
  describe.skipIf(!hasDbus)('on a private bus', () => {
    let daemon: ChildProcess;
    let address = '';
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-bus-'));

    beforeAll(async () => {
      const config = path.join(dir, 'bus.conf');
      fs.writeFileSync(
        config,
        [
          '<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"',
          ' "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">',
          `<busconfig><type>session</type><listen>unix:path=${dir}/bus</listen>`,
          '<policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/>',
          '<allow own="*"/></policy></busconfig>',
        ].join('\n'),
      );
      daemon = spawn('dbus-daemon', ['--config-file', config, '--nofork', '--print-address'], {
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      address = await new Promise<string>((resolve) =>
        daemon.stdout!.once('data', (d: Buffer) => resolve(d.toString().trim())),
      );
    });

    afterAll(() => {
      daemon.kill();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('reports a name nobody owns as not running', async () => {
      const probe = createDbusProbe({ env: { DBUS_SYSTEM_BUS_ADDRESS: address } });
      expect(await probe.status('system')).toEqual({ kind: 'not-running', reason: 'no-owner' });
    });

    it.skipIf(!sessionBus)('reports an owned name as running', { timeout: 15_000 }, async () => {
      const koompid = sessionBus!({ busAddress: address });
      try {
        await koompid.requestName('org.koompi.System1', 0);
        const probe = createDbusProbe({ env: { DBUS_SYSTEM_BUS_ADDRESS: address } });
        expect(await probe.status('system')).toEqual({ kind: 'running' });
      } finally {
        koompid.disconnect();
      }
    });
  });
});
