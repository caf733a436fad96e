// The decision logic of Authority with a fake bus: both the role table and
// polkit must agree; root needs neither; a silent polkit means no.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Authority, AuthorityError } from './authority.js';
import { DbusCallError, type DbusConnection } from '../../dbus/node/connection.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-authority-'));
const passwd = path.join(dir, 'passwd');
const group = path.join(dir, 'group');
fs.writeFileSync(
  passwd,
  'root:x:0:0::/root:/bin/sh\nsok:x:1001:1001::/home/sok:/bin/sh\ndara:x:1002:1002::/:/bin/sh\n',
);
fs.writeFileSync(group, 'sok:x:1001:\ndara:x:1002:\nkoompi-student:x:900:sok\nkoompi-teacher:x:901:dara,other\n');

function fakeBus(uids: Record<string, number>, polkit: boolean | 'down'): { bus: DbusConnection; asked: string[] } {
  const asked: string[] = [];
  const bus = {
    callBus: async (member: string, _sig: string, body: unknown[]) => {
      const uid = uids[String(body[0])];
      if (member !== 'GetConnectionUnixUser' || uid === undefined) {
        throw new DbusCallError('org.freedesktop.DBus.Error.NameHasNoOwner', 'gone');
      }
      return [uid];
    },
    call: async (_d: string, _p: string, _i: string, _m: string, _s: string, body: unknown[]) => {
      asked.push(String(body[1]));
      if (polkit === 'down') throw new DbusCallError('org.freedesktop.DBus.Error.ServiceUnknown', 'no polkit');
      return [[polkit, false, {}]];
    },
  };
  return { bus: bus as unknown as DbusConnection, asked };
}

describe('Authority', () => {
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const uids = { ':1.1': 0, ':1.2': 1001, ':1.3': 1002 };

  it('finds the caller from the bus and their groups from the system files', async () => {
    const { bus } = fakeBus(uids, true);
    const authority = new Authority(bus, { passwd, group });
    expect(await authority.caller(':1.2')).toEqual({
      uid: 1001,
      user: 'sok',
      groups: ['sok', 'koompi-student'],
      role: 'student',
    });
    expect(await authority.caller(':1.9')).toBeUndefined();
  });

  it('refuses a student by role without asking polkit, and lets them read', async () => {
    const { bus, asked } = fakeBus(uids, true);
    const authority = new Authority(bus, { passwd, group });
    expect(await authority.decide(':1.2', 'snapshots.create')).toMatchObject({ kind: 'refused', by: 'role' });
    expect(asked).toEqual([]);
    expect(await authority.decide(':1.2', 'read')).toMatchObject({ kind: 'allowed' });
    expect(asked).toEqual(['org.koompi.system1.read']);
  });

  it('needs polkit too when the role allows', async () => {
    const yes = new Authority(fakeBus(uids, true).bus, { passwd, group });
    expect(await yes.decide(':1.3', 'packages.install-app')).toMatchObject({ kind: 'allowed' });
    const no = new Authority(fakeBus(uids, false).bus, { passwd, group });
    expect(await no.decide(':1.3', 'packages.install-app')).toMatchObject({ kind: 'refused', by: 'polkit' });
    const down = new Authority(fakeBus(uids, 'down').bus, { passwd, group });
    await expect(down.decide(':1.3', 'packages.install-app')).rejects.toBeInstanceOf(AuthorityError);
  });

  it('lets root do everything and says when the caller is gone', async () => {
    const { bus, asked } = fakeBus(uids, false);
    const authority = new Authority(bus, { passwd, group });
    expect(await authority.decide(':1.1', 'packages.update')).toMatchObject({ kind: 'allowed' });
    expect(asked).toEqual([]);
    expect(await authority.decide(':1.7', 'read')).toEqual({ kind: 'unknown-caller' });
  });
});
