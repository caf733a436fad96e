import { unwrapVariant } from '../../dbus/node/connection.js';

/** Thrown by a client when koompid's reply does not have the shape the XML promises. */
export class DaemonProtocolError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(`koompid: ${message}`, options);
    this.name = 'DaemonProtocolError';
  }
}

export type Dict = Record<string, unknown>;

/** One typed field of a koompid record; a wrong type is a protocol error. */
export function field(dict: Dict, key: string, type: 'string' | 'boolean' | 'number' | 'bigint' | 'array'): unknown {
  const value = unwrapVariant(dict[key]);
  const ok = type === 'array' ? Array.isArray(value) : typeof value === type;
  if (!ok) throw new DaemonProtocolError(`field ${key} is not a ${type}`);
  return value;
}

export function dict(value: unknown): Dict {
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new DaemonProtocolError('expected a dictionary');
  return value as Dict;
}
