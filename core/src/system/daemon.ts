/**
 * What the apps ask of koompid (packages, snapshots), as a small port so that
 * the CLI and Chat can be tested with a fake. The adapter is
 * `node/koompid-daemon.ts` (core's typed koompid clients).
 */
import type { DaemonResult } from '../koompid/names.js';
import type { JobOutcome, JobProgress, PackageHit } from '../packages/packages.js';
import type { RollbackReport, Snapshot } from '../snapshots/snapshots.js';

export type PackageChange = 'install' | 'remove' | 'update';

export interface SystemDaemon {
  createSnapshot(reason: string): Promise<DaemonResult<{ id: string }>>;
  listSnapshots(): Promise<DaemonResult<Snapshot[]>>;
  deleteSnapshot(id: string): Promise<DaemonResult<void>>;
  rollback(id: string): Promise<DaemonResult<RollbackReport>>;
  searchPackages(query: string): Promise<DaemonResult<PackageHit[]>>;
  /** Starts a package job (`name` for install and remove) and waits for it to end, reporting progress. */
  changePackages(
    change: PackageChange,
    name?: string,
    onProgress?: (progress: JobProgress) => void,
  ): Promise<DaemonResult<JobOutcome>>;
  close(): void;
}
