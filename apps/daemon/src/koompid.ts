import {
  DAEMON_ERRORS,
  comparePackages,
  snapshotsToPrune,
  type BootStager,
  type BtrfsSnapshotStore,
  type ChangeOutcome,
  type FlatpakBackend,
  type JobKind,
  type PackageBackend,
  type PackageSource,
  type RollbackReport,
  type JobSummary,
  type Snapshot,
} from '@koompi/core';
import type { Job, JobRegistry } from './jobs.js';
import type { Replies } from './replies.js';
import { Serial } from './serial.js';

export interface KoompidParts {
  readonly store: BtrfsSnapshotStore;
  readonly stager: BootStager;
  readonly apps: FlatpakBackend;
  readonly system: PackageBackend | undefined;
  readonly jobs: JobRegistry;
  readonly replies: Replies;
  readonly keep: number;
  readonly log: (line: string) => void;
  readonly onSnapshotCreated: (id: string) => void;
  readonly onSnapshotDeleted: (id: string) => void;
  readonly onRollbackStaged: (id: string) => void;
}

/** At most this many changes wait in line; more get Busy. */
const MAX_PENDING = 8;

/**
 * What koompid does, once the D-Bus layer has checked who asks and what they
 * sent: snapshots with retention, rollback staging, and package jobs wrapped in
 * a pre/post snapshot pair that put the system back when a change fails.
 * Changes run one at a time.
 */
export class Koompid {
  private readonly serial = new Serial();

  constructor(private readonly parts: KoompidParts) {}

  /**
   * Cleans up after a crash: half-made snapshots go, and jobs the journal
   * says were queued or running are put back (queued behind nothing, ahead of
   * any new change) and end as interrupted. Returns those jobs, to be
   * exported, and a promise that settles once they are put back.
   */
  async start(): Promise<{ interrupted: Job[]; recovered: Promise<void> }> {
    const removed = await this.parts.store.recover();
    if (removed > 0) this.parts.log(`removed ${removed} half-made snapshot(s) left by a crash`);
    await this.promote();
    const interrupted = this.parts.jobs.load();
    const recoveries = interrupted.map((job) => {
      this.parts.log(
        `job ${job.id} (${[job.kind, job.target].filter(Boolean).join(' ')}) was ${job.state} when koompid stopped`,
      );
      return this.change(() => this.recoverJob(job)).catch((error: unknown) => {
        this.parts.log(`job ${job.id}: recovery failed: ${describe(error)}`);
        const detail = this.parts.replies.text('dbus.interrupted-detail');
        this.parts.jobs.finish(
          job,
          'interrupted',
          DAEMON_ERRORS.failed,
          this.parts.replies.text('dbus.failed', { detail }),
        );
      });
    });
    return { interrupted, recovered: Promise.all(recoveries).then(() => undefined) };
  }

  /** A staged root booted and blessed becomes the default entry: checked at start and before every change. */
  private async promote(): Promise<void> {
    const promoted = await this.parts.stager.promote().catch((error: unknown) => {
      this.parts.log(`cannot check the boot entries: ${describe(error)}`);
      return undefined;
    });
    if (promoted) this.parts.log(`the running root's entry ${promoted} is now the default`);
  }

  list(): Promise<Snapshot[]> {
    return this.parts.store.list();
  }

  createSnapshot(reason: string): Promise<Snapshot> {
    return this.change(async () => {
      const snapshot = await this.snapshot({ kind: 'single', reason });
      await this.prune();
      return snapshot;
    });
  }

  deleteSnapshot(id: string): Promise<'deleted' | 'not-found'> {
    return this.change(async () => {
      const result = await this.parts.store.delete(id);
      if (result === 'deleted') this.parts.onSnapshotDeleted(id);
      return result;
    });
  }

  setPinned(id: string, pinned: boolean): Promise<'done' | 'not-found'> {
    return this.change(() => this.parts.store.setPinned(id, pinned));
  }

  async previewRollback(id: string): Promise<RollbackReport | undefined> {
    const snapshot = (await this.parts.store.list()).find((s) => s.id === id);
    if (!snapshot || snapshot.damaged) return undefined;
    const changes = comparePackages(await this.parts.store.packages(), await this.parts.store.packages(id));
    return { snapshot: id, created: snapshot.created, reason: snapshot.reason, ...changes };
  }

  rollback(id: string): Promise<RollbackReport | undefined> {
    return this.change(async () => {
      const report = await this.previewRollback(id);
      if (!report) return undefined;
      const label = this.parts.replies.text('boot.entry-title', { id });
      const staged = await this.parts.stager.stage(this.parts.store.snapshotPath(id), label);
      this.parts.log(`rollback to snapshot ${id} staged for the next boot: ${staged.subvolume}, ${staged.entry}`);
      this.parts.onRollbackStaged(id);
      return report;
    });
  }

  backend(source: PackageSource): PackageBackend | undefined {
    return source === 'app' ? this.parts.apps : this.parts.system;
  }

  /** Queues a package job and returns at once; the job reports its progress itself. */
  startJob(kind: JobKind, source: PackageSource | 'all', target: string, owner: string, uid: number): Job {
    if (this.serial.pending >= MAX_PENDING) throw this.parts.replies.busy();
    let job: Job;
    try {
      job = this.parts.jobs.create(kind, source, target, owner, uid);
    } catch (error) {
      // A job that cannot be written down could not be put back after a crash: do not start it.
      this.parts.log(`cannot write the job journal: ${describe(error)}`);
      throw this.parts.replies.failed(this.parts.replies.text('dbus.no-journal'));
    }
    void this.change(() => this.runJob(job, source)).catch((error: unknown) => {
      this.parts.log(`job ${job.id} failed unexpectedly: ${describe(error)}`);
      if (job.state === 'queued' || job.state === 'running') {
        this.parts.jobs.finish(
          job,
          'failed',
          DAEMON_ERRORS.failed,
          this.parts.replies.text('dbus.failed', { detail: 'internal error' }),
        );
      }
    });
    return job;
  }

  jobs(): JobSummary[] {
    return this.parts.jobs.list();
  }

  cancel(job: Job): 'cancelled' | 'started' {
    if (job.state !== 'queued') return 'started';
    this.parts.jobs.finish(job, 'cancelled');
    return 'cancelled';
  }

  async health(): Promise<string[]> {
    const problems = [...(await this.parts.store.check())];
    problems.push(...(await this.parts.apps.check()));
    if (this.parts.system) problems.push(...(await this.parts.system.check()));
    return problems;
  }

  private change<T>(work: () => Promise<T>): Promise<T> {
    return this.serial.run(async () => {
      await this.promote();
      return work();
    });
  }

  private async snapshot(input: { kind: 'single' | 'pre' | 'post'; reason: string; pre?: string }): Promise<Snapshot> {
    const snapshot = await this.parts.store.create(input);
    this.parts.onSnapshotCreated(snapshot.id);
    return snapshot;
  }

  private async prune(): Promise<void> {
    for (const s of snapshotsToPrune(await this.parts.store.list(), this.parts.keep)) {
      if ((await this.parts.store.delete(s.id)) === 'deleted') this.parts.onSnapshotDeleted(s.id);
    }
  }

  /** What a job changes, for messages: its package, or all packages for an update. */
  private targetName(job: Job): string {
    return job.target || this.parts.replies.text('dbus.all-packages');
  }

  private backendsFor(source: PackageSource | 'all'): PackageBackend[] {
    const backends = source === 'all' ? [this.parts.apps, this.parts.system] : [this.backend(source)];
    return backends.filter((b): b is PackageBackend => b !== undefined);
  }

  /**
   * A job koompid was doing when it stopped. Queued, or no pre snapshot yet:
   * nothing was changed. Its change done (making the post snapshot): kept.
   * Otherwise the state of the system is not known, and the job takes the
   * path of a backend that throws: the restore, from the inventories the
   * journal kept (or, without them, the pre snapshot staged for the next boot).
   */
  private async recoverJob(job: Job): Promise<void> {
    const { jobs, replies } = this.parts;
    const names = { name: this.targetName(job) };
    const failed = DAEMON_ERRORS.failed;
    const pre = job.preSnapshot;
    if (job.state === 'queued' || !pre) {
      jobs.finish(job, 'interrupted', failed, replies.text('dbus.interrupted-unchanged', names));
      return;
    }
    if (job.stage === 'snapshot-post' || job.stage === 'done') {
      jobs.finish(job, 'interrupted', failed, replies.text('dbus.interrupted-done', { ...names, id: pre }));
      return;
    }
    if (!(await this.parts.store.list()).some((s) => s.id === pre && !s.damaged)) {
      jobs.finish(job, 'interrupted', failed, replies.text('dbus.interrupted-no-snapshot', { ...names, id: pre }));
      return;
    }
    jobs.progress(job, job.percentage, 'restore');
    const active = this.backendsFor(job.source);
    const before = job.before
      ? active.map((b) => new Map(job.before?.find((i) => i.source === b.source)?.installed ?? []))
      : undefined;
    const detail = replies.text('dbus.interrupted-detail');
    const message = await this.restore(job, active, before, pre, detail).catch((error: unknown) => {
      this.parts.log(`job ${job.id}: restore failed: ${describe(error)}`);
      return replies.text('dbus.failed', { detail });
    });
    jobs.finish(job, 'interrupted', failed, message);
  }

  private async runJob(job: Job, source: PackageSource | 'all'): Promise<void> {
    if (job.state !== 'queued') return; // cancelled while it waited
    const { jobs, replies } = this.parts;
    const active = this.backendsFor(source);
    if (active.length === 0) {
      jobs.finish(job, 'failed', DAEMON_ERRORS.failed, replies.text('dbus.no-backend'));
      return;
    }
    jobs.progress(job, 0, 'snapshot-pre');
    const names = { name: this.targetName(job) };
    const pre = await this.snapshot({ kind: 'pre', reason: replies.text(`reason.pre-${job.kind}`, names) });
    // On disk before any backend is asked anything: after a crash koompid knows which snapshot to go back to.
    jobs.note(job, { preSnapshot: pre.id });
    let before: Map<string, string>[] | undefined;
    let outcome: ChangeOutcome = { kind: 'nothing-to-do' };
    try {
      before = await Promise.all(active.map((b) => b.inventory()));
      jobs.note(job, {
        before: active.map((b, i) => ({
          source: b.source,
          installed: [...(before?.[i] ?? new Map<string, string>())],
        })),
      });
      jobs.progress(job, 10, 'snapshot-pre');
      outcome = await this.applyChange(job, active);
    } catch (error) {
      // A backend that throws (its service died, a command broke) may have changed
      // the system half-way: treat it as a failed change and put the system back.
      this.parts.log(`job ${job.id}: the ${job.kind} failed unexpectedly: ${describe(error)}`);
      outcome = { kind: 'failed', message: describe(error) };
    }
    await this.conclude(job, active, before, pre.id, outcome);
  }

  private async applyChange(job: Job, active: PackageBackend[]): Promise<ChangeOutcome> {
    const { jobs } = this.parts;
    let outcome: ChangeOutcome = { kind: 'nothing-to-do' };
    for (const [index, backend] of active.entries()) {
      const share = 80 / active.length;
      const from = 10 + index * share;
      const report = (p: { percentage: number; stage: Job['stage'] }): void =>
        jobs.progress(job, from + (share * p.percentage) / 100, p.stage);
      const result =
        job.kind === 'install'
          ? await backend.install(job.target, report)
          : job.kind === 'remove'
            ? await backend.remove(job.target, report)
            : await backend.update(report);
      if (result.kind === 'done') outcome = result;
      else if (result.kind !== 'nothing-to-do') {
        outcome = result;
        break;
      }
    }
    return outcome;
  }

  private async conclude(
    job: Job,
    active: PackageBackend[],
    before: Map<string, string>[] | undefined,
    preId: string,
    outcome: ChangeOutcome,
  ): Promise<void> {
    const { jobs, replies, store } = this.parts;
    const names = { name: this.targetName(job) };
    const pre = { id: preId };
    if (outcome.kind === 'nothing-to-do') {
      // Nothing changed (already installed, nothing to update): no pair of snapshots to keep.
      if ((await store.delete(pre.id)) === 'deleted') this.parts.onSnapshotDeleted(pre.id);
      job.preSnapshot = '';
      jobs.finish(job, 'succeeded');
      return;
    }
    if (outcome.kind === 'done') {
      jobs.progress(job, 90, 'snapshot-post');
      const post = await this.snapshot({
        kind: 'post',
        pre: pre.id,
        reason: replies.text(`reason.post-${job.kind}`, names),
      });
      job.postSnapshot = post.id;
      await this.prune();
      jobs.finish(job, 'succeeded');
      return;
    }
    if (outcome.kind === 'not-found') {
      // Nothing changed: the pre snapshot would only be clutter.
      if ((await store.delete(pre.id)) === 'deleted') this.parts.onSnapshotDeleted(pre.id);
      job.preSnapshot = '';
      jobs.finish(job, 'failed', DAEMON_ERRORS['not-found'], replies.text('dbus.package-not-found', names));
      return;
    }
    jobs.progress(job, job.percentage, 'restore');
    const message = await this.restore(job, active, before, pre.id, outcome.message).catch((error: unknown) => {
      this.parts.log(`job ${job.id}: restore failed: ${describe(error)}`);
      return replies.text('dbus.failed', { detail: outcome.message });
    });
    jobs.finish(job, 'failed', DAEMON_ERRORS.failed, message);
  }

  /** Puts the system back as it was at the pre snapshot after a failed change. */
  private async restore(
    job: Job,
    backends: PackageBackend[],
    before: Map<string, string>[] | undefined,
    preId: string,
    detail: string,
  ): Promise<string> {
    const { replies, log } = this.parts;
    let stageRoot = false;
    for (const [index, backend] of backends.entries()) {
      const earlier = before?.[index];
      if (backend === this.parts.apps) {
        if (!earlier) continue; // it failed before anything was known, so before it changed anything
        const undone = await this.parts.apps.undo(earlier);
        if (undone.length > 0) log(`job ${job.id}: removed ${undone.join(', ')} left by the failed change`);
      } else {
        // When the backend cannot say what is installed now, assume the root changed: stage the pre snapshot.
        const now = earlier ? await backend.inventory().catch(() => undefined) : undefined;
        const diff = earlier && now ? comparePackages(earlier, now) : undefined;
        if (!diff || diff.added.length + diff.removed.length + diff.changed.length > 0) stageRoot = true;
      }
    }
    if (stageRoot) {
      // The running root cannot be swapped under the desktop: the pre snapshot boots next.
      await this.parts.stager.stage(
        this.parts.store.snapshotPath(preId),
        replies.text('boot.entry-title', { id: preId }),
      );
      this.parts.onRollbackStaged(preId);
      return replies.text('dbus.restore-staged', { name: this.targetName(job), id: preId, detail });
    }
    return replies.text('dbus.restored', { name: this.targetName(job), id: preId, detail });
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.name}: ${error.message}${cause}`;
}
