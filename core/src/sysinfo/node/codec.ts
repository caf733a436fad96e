import { unwrapVariant, variant } from '../../dbus/node/connection.js';
import { dict, field, type Dict } from '../../koompid/node/wire.js';
import type { SystemInfo } from '../sysinfo.js';

/** GetInfo's a{sv}: the keys are listed in plasma-integration/dbus/org.koompi.System1.xml. */
export function encodeInfo(i: SystemInfo): Dict {
  return {
    'os.name': variant('s', i.os.name),
    'os.version': variant('s', i.os.version),
    'os.hostname': variant('s', i.os.hostname),
    kernel: variant('s', i.os.kernel),
    'memory.total': variant('t', BigInt(i.memory.totalBytes)),
    'memory.available': variant('t', BigInt(i.memory.availableBytes)),
    'disk.path': variant('s', i.disk.path),
    'disk.total': variant('t', BigInt(i.disk.totalBytes)),
    'disk.free': variant('t', BigInt(i.disk.freeBytes)),
    'battery.present': variant('b', i.battery.present),
    ...(i.battery.present
      ? { 'battery.percent': variant('u', i.battery.percent), 'battery.charging': variant('b', i.battery.charging) }
      : {}),
    'network.online': variant('b', i.network.online),
    'network.interfaces': variant(
      'as',
      i.network.interfaces.map((n) => n.name),
    ),
    'network.addresses': variant(
      'a{sas}',
      Object.fromEntries(i.network.interfaces.map((n) => [n.name, [...n.addresses]])),
    ),
    'cpu.model': variant('s', i.cpu.model),
    'cpu.cores': variant('u', i.cpu.cores),
    'cpu.load': variant('d', i.cpu.load),
  };
}

export function decodeInfo(value: unknown): SystemInfo {
  const d = dict(value);
  const num = (key: string): number => Number(field(d, key, 'bigint'));
  const str = (key: string): string => field(d, key, 'string') as string;
  const addresses = dict(unwrapVariant(d['network.addresses']));
  const present = field(d, 'battery.present', 'boolean') as boolean;
  return {
    os: { name: str('os.name'), version: str('os.version'), kernel: str('kernel'), hostname: str('os.hostname') },
    memory: { totalBytes: num('memory.total'), availableBytes: num('memory.available') },
    disk: { path: str('disk.path'), totalBytes: num('disk.total'), freeBytes: num('disk.free') },
    battery: present
      ? {
          present: true,
          percent: field(d, 'battery.percent', 'number') as number,
          charging: field(d, 'battery.charging', 'boolean') as boolean,
        }
      : { present: false },
    network: {
      online: field(d, 'network.online', 'boolean') as boolean,
      interfaces: (field(d, 'network.interfaces', 'array') as unknown[]).map((n) => {
        const list = addresses[String(n)];
        return { name: String(n), addresses: Array.isArray(list) ? list.map(String) : [] };
      }),
    },
    cpu: {
      model: str('cpu.model'),
      cores: field(d, 'cpu.cores', 'number') as number,
      load: field(d, 'cpu.load', 'number') as number,
    },
  };
}
