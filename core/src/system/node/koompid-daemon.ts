/**
 * The {@link SystemDaemon} port over core's typed koompid clients. It connects
 * on first use: a command that never touches the daemon never opens the
 * system bus.
 */
import { ok } from '../../base/result.js';
import type { DaemonResult } from '../../koompid/names.js';
import { KoompidConnection } from '../../koompid/node/connection.js';
import { PackagesClient } from '../../packages/node/client.js';
import { SnapshotsClient } from '../../snapshots/node/client.js';
import type { SystemDaemon } from '../daemon.js';

export function createKoompidDaemon(address?: string): SystemDaemon {
  let connecting: Promise<DaemonResult<KoompidConnection>> | undefined;
  const connection = (): Promise<DaemonResult<KoompidConnection>> =>
    (connecting ??= KoompidConnection.connect(address));
  async function withClient<C, T>(
    make: (k: KoompidConnection) => C,
    use: (client: C) => Promise<DaemonResult<T>>,
  ): Promise<DaemonResult<T>> {
    const k = await connection();
    return k.ok ? use(make(k.value)) : k;
  }
  const snapshots = <T>(use: (c: SnapshotsClient) => Promise<DaemonResult<T>>): Promise<DaemonResult<T>> =>
    withClient((k) => new SnapshotsClient(k), use);
  const packages = <T>(use: (c: PackagesClient) => Promise<DaemonResult<T>>): Promise<DaemonResult<T>> =>
    withClient((k) => new PackagesClient(k), use);
  return {
    createSnapshot: (reason) => snapshots((c) => c.create(reason)),
    listSnapshots: () => snapshots((c) => c.list()),
    deleteSnapshot: (id) => snapshots((c) => c.delete(id)),
    rollback: (id) => snapshots((c) => c.rollback(id)),
    searchPackages: (query) => packages((c) => c.search(query)),
    changePackages: (change, name, onProgress) =>
      packages(async (c) => {
        const job = change === 'update' ? await c.update() : await c[change](name ?? '');
        if (!job.ok) return job;
        const progress = (async () => {
          for await (const event of job.value.progress()) onProgress?.(event);
        })();
        const outcome = await job.value.outcome;
        await progress;
        return ok(outcome);
      }),
    close() {
      void connecting?.then((k) => k.ok && k.value.close());
    },
  };
}
