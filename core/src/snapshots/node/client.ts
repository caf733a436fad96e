import { err, ok } from '../../base/result.js';
import { KOOMPID_INTERFACES, KOOMPID_PATH, type DaemonResult } from '../../koompid/names.js';
import { DaemonProtocolError } from '../../koompid/node/wire.js';
import { decodeReport, decodeSnapshot } from './codec.js';
import type { KoompidConnection } from '../../koompid/node/connection.js';
import type { RollbackReport, Snapshot } from '../snapshots.js';

const IFACE = KOOMPID_INTERFACES.snapshots;

/**
 * Snapshots through koompid (org.koompi.Snapshots1). Expected failures come
 * back as values: `not-authorized` for a student, `invalid-argument` for a bad
 * id or reason, `not-found`, `busy`, `unavailable` when koompid is not running.
 *
 * @example
 * const conn = await KoompidConnection.connect();
 * if (!conn.ok) return explain(conn.error);
 * const snapshots = new SnapshotsClient(conn.value);
 * const made = await snapshots.create('before the exam');
 * if (made.ok) console.log(made.value.id);
 */
export class SnapshotsClient {
  constructor(private readonly koompid: KoompidConnection) {}

  async create(reason: string): Promise<DaemonResult<{ id: string }>> {
    const r = await this.koompid.call(IFACE, 'Create', 's', [reason]);
    if (!r.ok) return r;
    const [id] = r.value;
    if (typeof id !== 'string') throw new DaemonProtocolError('Create returned no id');
    return ok({ id });
  }

  async list(): Promise<DaemonResult<Snapshot[]>> {
    const r = await this.koompid.call(IFACE, 'List');
    if (!r.ok) return r;
    const [items] = r.value;
    if (!Array.isArray(items)) throw new DaemonProtocolError('List returned no array');
    return ok(items.map(decodeSnapshot));
  }

  async delete(id: string): Promise<DaemonResult<void>> {
    const r = await this.koompid.call(IFACE, 'Delete', 's', [id]);
    return r.ok ? ok(undefined) : r;
  }

  async setPinned(id: string, pinned: boolean): Promise<DaemonResult<void>> {
    const r = await this.koompid.call(IFACE, 'SetPinned', 'sb', [id, pinned]);
    return r.ok ? ok(undefined) : r;
  }

  /** What a rollback to `id` would change; changes nothing. */
  async previewRollback(id: string): Promise<DaemonResult<RollbackReport>> {
    const r = await this.koompid.call(IFACE, 'PreviewRollback', 's', [id]);
    return r.ok ? ok(decodeReport(r.value[0])) : r;
  }

  /** Stages `id` as the next boot's root; the running system is untouched until the reboot. */
  async rollback(id: string): Promise<DaemonResult<RollbackReport>> {
    const r = await this.koompid.call(IFACE, 'Rollback', 's', [id]);
    return r.ok ? ok(decodeReport(r.value[0])) : r;
  }

  /** Calls `handler` with the id of every snapshot koompid creates; returns an unsubscribe function (`unavailable` when koompid can be neither found nor started). */
  async onCreated(handler: (id: string) => void): Promise<DaemonResult<() => Promise<void>>> {
    const sender = await this.koompid.owner();
    if (!sender) return err({ kind: 'unavailable', message: 'koompid is not running' });
    const unsubscribe = await this.koompid.connection.subscribe(
      { sender, path: KOOMPID_PATH, interface: IFACE, member: 'SnapshotCreated' },
      (signal) => {
        if (typeof signal.body[0] === 'string') handler(signal.body[0]);
      },
    );
    return ok(unsubscribe);
  }
}
