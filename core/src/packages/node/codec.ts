import { variant } from '../../dbus/node/connection.js';
import { DaemonProtocolError, dict, field, type Dict } from '../../koompid/node/wire.js';
import type { PackageHit } from '../packages.js';

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
