import { unwrapVariant, variant } from '../../dbus/node/connection.js';
import { DaemonProtocolError, dict, field, type Dict } from '../../koompid/node/wire.js';
import type { RollbackReport, Snapshot } from '../snapshots.js';

// koompid's snapshot records as D-Bus dictionaries: times are microseconds (t).
export const usec = (d: Date): bigint => BigInt(d.getTime()) * 1000n;
export const fromUsec = (v: unknown): Date => new Date(Number(BigInt(v as bigint) / 1000n));

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
