/**
 * What the CLI asks of koompid, as a small port so commands can be tested
 * with a fake. The adapter uses core's typed koompid clients and connects on
 * first use: commands that never touch the daemon never open the system bus.
 */
import {
  KoompidConnection,
  PackagesClient,
  SnapshotsClient,
  type DaemonResult,
  type JobOutcome,
  type RollbackReport,
  type Snapshot,
} from '@koompi/core';

export type PackageChange = 'install' | 'remove' | 'update';

export interface SystemDaemon {
  createSnapshot(reason: string): Promise<DaemonResult<{ id: string }>>;
  listSnapshots(): Promise<DaemonResult<Snapshot[]>>;
  deleteSnapshot(id: string): Promise<DaemonResult<void>>;
  rollback(id: string): Promise<DaemonResult<RollbackReport>>;
  /** Starts a package job (`name` for install and remove) and waits for it to end. */
  changePackages(change: PackageChange, name?: string): Promise<DaemonResult<JobOutcome>>;
  close(): void;
}

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
  return {
    createSnapshot: (reason) => snapshots((c) => c.create(reason)),
    listSnapshots: () => snapshots((c) => c.list()),
    deleteSnapshot: (id) => snapshots((c) => c.delete(id)),
    rollback: (id) => snapshots((c) => c.rollback(id)),
    changePackages: (change, name) =>
      withClient(
        (k) => new PackagesClient(k),
        async (c) => {
          const job = change === 'update' ? await c.update() : await c[change](name ?? '');
          return job.ok ? { ok: true, value: await job.value.outcome } : job;
        },
      ),
    close() {
      void connecting?.then((k) => k.ok && k.value.close());
    },
  };
}
