import { variant } from '../../dbus/node/connection.js';
import { dict, field, type Dict } from '../../koompid/node/wire.js';
import type { SystemInfo } from '../sysinfo.js';

export function encodeInfo(i: SystemInfo): Dict {
  return {
    'os.name': variant('s', i.os.name),
    'os.version': variant('s', i.os.version),
    kernel: variant('s', i.kernel),
    'memory.total': variant('t', BigInt(i.memory.total)),
    'memory.available': variant('t', BigInt(i.memory.available)),
    'disk.total': variant('t', BigInt(i.disk.total)),
    'disk.free': variant('t', BigInt(i.disk.free)),
    'battery.present': variant('b', i.battery !== undefined),
    ...(i.battery
      ? { 'battery.percent': variant('u', i.battery.percent), 'battery.charging': variant('b', i.battery.charging) }
      : {}),
    'network.online': variant('b', i.network.online),
    'network.interfaces': variant('as', [...i.network.interfaces]),
  };
}

export function decodeInfo(value: unknown): SystemInfo {
  const d = dict(value);
  const num = (key: string): number => Number(field(d, key, 'bigint'));
  const present = field(d, 'battery.present', 'boolean') as boolean;
  return {
    os: { name: field(d, 'os.name', 'string') as string, version: field(d, 'os.version', 'string') as string },
    kernel: field(d, 'kernel', 'string') as string,
    memory: { total: num('memory.total'), available: num('memory.available') },
    disk: { total: num('disk.total'), free: num('disk.free') },
    ...(present
      ? {
          battery: {
            percent: field(d, 'battery.percent', 'number') as number,
            charging: field(d, 'battery.charging', 'boolean') as boolean,
          },
        }
      : {}),
    network: {
      online: field(d, 'network.online', 'boolean') as boolean,
      interfaces: (field(d, 'network.interfaces', 'array') as unknown[]).map(String),
    },
  };
}
