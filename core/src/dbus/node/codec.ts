import type { PackageHit } from '../../packages/packages.js';
import type { RollbackReport, Snapshot } from '../../snapshots/snapshots.js';
import type { SystemInfo } from '../../sysinfo/sysinfo.js';
import { unwrapVariant, variant } from './connection.js';

/** Thrown by a client when koompid's reply does not have the shape the XML promises. */
export class DaemonProtocolError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(`koompid: ${message}`, options);
    this.name = 'DaemonProtocolError';
  }
}

type Dict = Record<string, unknown>;

const usec = (d: Date): bigint => BigInt(d.getTime()) * 1000n;
const fromUsec = (v: unknown): Date => new Date(Number(BigInt(v as bigint) / 1000n));

function field(dict: Dict, key: string, type: 'string' | 'boolean' | 'number' | 'bigint' | 'array'): unknown {
  const value = unwrapVariant(dict[key]);
  const ok = type === 'array' ? Array.isArray(value) : typeof value === type;
  if (!ok) throw new DaemonProtocolError(`field ${key} is not a ${type}`);
  return value;
}

function dict(value: unknown): Dict {
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new DaemonProtocolError('expected a dictionary');
  return value as Dict;
}

export function encodeSnapshot(s: Snapshot): Dict {
  return {
    id: variant('s', s.id),
    created: variant('t', usec(s.created)),
    kind: variant('s', s.kind),
    reason: variant('s', s.reason),
    pinned: variant('b', s.pinned),
    ...(s.pre ? { pre: variant('s', s.pre) } : {}),
    ...(s.damaged ? { damaged: variant('b', true) } : {}),
  };
}

export function decodeSnapshot(value: unknown): Snapshot {
  const d = dict(value);
  const kind = field(d, 'kind', 'string');
  if (kind !== 'single' && kind !== 'pre' && kind !== 'post') throw new DaemonProtocolError(`bad snapshot kind`);
  const pre = unwrapVariant(d['pre']);
  return {
    id: field(d, 'id', 'string') as string,
    created: fromUsec(field(d, 'created', 'bigint')),
    kind,
    reason: field(d, 'reason', 'string') as string,
    pinned: field(d, 'pinned', 'boolean') as boolean,
    ...(typeof pre === 'string' ? { pre } : {}),
    ...(unwrapVariant(d['damaged']) === true ? { damaged: true } : {}),
  };
}

export function encodeReport(r: RollbackReport): Dict {
  return {
    snapshot: variant('s', r.snapshot),
    created: variant('t', usec(r.created)),
    reason: variant('s', r.reason),
    added: variant('as', [...r.added]),
    removed: variant('as', [...r.removed]),
    changed: variant(
      'a(sss)',
      r.changed.map((c) => [c.name, c.from, c.to]),
    ),
  };
}

export function decodeReport(value: unknown): RollbackReport {
  const d = dict(value);
  const changed = field(d, 'changed', 'array') as unknown[];
  return {
    snapshot: field(d, 'snapshot', 'string') as string,
    created: fromUsec(field(d, 'created', 'bigint')),
    reason: field(d, 'reason', 'string') as string,
    added: (field(d, 'added', 'array') as unknown[]).map(String),
    removed: (field(d, 'removed', 'array') as unknown[]).map(String),
    changed: changed.map((c) => {
      const [name, from, to] = c as [unknown, unknown, unknown];
      return { name: String(name), from: String(from), to: String(to) };
    }),
  };
}

export function encodeHit(h: PackageHit): Dict {
  return {
    id: variant('s', h.id),
    name: variant('s', h.name),
    summary: variant('s', h.summary),
    version: variant('s', h.version),
    source: variant('s', h.source),
    installed: variant('b', h.installed),
  };
}

export function decodeHit(value: unknown): PackageHit {
  const d = dict(value);
  const source = field(d, 'source', 'string');
  if (source !== 'system' && source !== 'app') throw new DaemonProtocolError('bad package source');
  return {
    id: field(d, 'id', 'string') as string,
    name: field(d, 'name', 'string') as string,
    summary: field(d, 'summary', 'string') as string,
    version: field(d, 'version', 'string') as string,
    source,
    installed: field(d, 'installed', 'boolean') as boolean,
  };
}

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
