import {
  comparePackages,
  err,
  ok,
  snapshotsToPrune,
  type BootStager,
  type BtrfsSnapshotStore,
  type ChangeOutcome,
  type FlatpakBackend,
  type JobKind,
  type PackageBackend,
  type PackageSource,
  type Result,
  type RollbackReport,
  type JobSummary,
  type Snapshot,
  type Translator,
} from '@koompi/core';
import type { Job, JobRegistry } from './jobs.js';
import { Serial } from './serial.js';

export interface KoompidParts {
  readonly store: BtrfsSnapshotStore;
  readonly stager: BootStager;
  readonly apps: FlatpakBackend;
  readonly system: PackageBackend | undefined;
  readonly jobs: JobRegistry;
  /** koompid's messages (i18n domain `daemon`), in the system's language: job outcomes, snapshot reasons, boot entry titles. */
  readonly t: Translator;
  readonly keep: number;
  readonly log: (line: string) => void;
  readonly onSnapshotCreated: (id: string) => void;
  readonly onSnapshotDeleted: (id: string) => void;
  readonly onRollbackStaged: (id: string) => void;
}

/** At most this many changes wait in line; more are refused as busy. */
const MAX_PENDING = 8;

/**
 * Why koompid did not do what it was asked, as a value; the D-Bus layer
 * (`dbus-api.ts`) turns each into koompid's D-Bus error.
 */
export type KoompidRefusal =
  /** No snapshot has this id (or it is damaged, for a rollback). */
  | { readonly kind: 'snapshot-not-found'; readonly id: string }
  /** Too many changes wait in line. */
  | { readonly kind: 'busy' }
  /** No backend for this kind of package on this machine. */
  | { readonly kind: 'no-backend' }
  /** The job could not be written to the journal, so it could not be put back after a crash. */
  | { readonly kind: 'no-journal' }
  /** The job has started and can no longer be cancelled. */
  | { readonly kind: 'job-started' };

/**
 * What koompid does, once the D-Bus layer has checked who asks and what they
 * sent: snapshots with retention, rollback staging, and package jobs wrapped in
 * a pre/post snapshot pair that put the system back when a change fails.
 * Changes run one at a time. Refusals are returned (`KoompidRefusal`), never
 * thrown; what fails in a job is the job's outcome.
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
        const detail = this.parts.t('dbus.interrupted-detail');
        this.parts.jobs.finish(job, 'interrupted', 'failed', this.parts.t('dbus.failed', { detail }));
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

  deleteSnapshot(id: string): Promise<Result<void, KoompidRefusal>> {
    return this.change(async () => {
      if ((await this.parts.store.delete(id)) === 'not-found') return err({ kind: 'snapshot-not-found', id });
      this.parts.onSnapshotDeleted(id);
      return ok(undefined);
    });
  }

  setPinned(id: string, pinned: boolean): Promise<Result<void, KoompidRefusal>> {
    return this.change(async () =>
      (await this.parts.store.setPinned(id, pinned)) === 'not-found'
        ? err({ kind: 'snapshot-not-found', id })
        : ok(undefined),
    );
  }

  async previewRollback(id: string): Promise<Result<RollbackReport, KoompidRefusal>> {
    const snapshot = (await this.parts.store.list()).find((s) => s.id === id);
    if (!snapshot || snapshot.damaged) return err({ kind: 'snapshot-not-found', id });
    const changes = comparePackages(await this.parts.store.packages(), await this.parts.store.packages(id));
    return ok({ snapshot: id, created: snapshot.created, reason: snapshot.reason, ...changes });
  }

  rollback(id: string): Promise<Result<RollbackReport, KoompidRefusal>> {
    return this.change(async () => {
      const report = await this.previewRollback(id);
      if (!report.ok) return report;
      const label = this.parts.t('boot.entry-title', { id });
      const staged = await this.parts.stager.stage(this.parts.store.snapshotPath(id), label);
      this.parts.log(`rollback to snapshot ${id} staged for the next boot: ${staged.subvolume}, ${staged.entry}`);
      this.parts.onRollbackStaged(id);
      return report;
    });
  }

  backend(source: PackageSource): PackageBackend | undefined {
    return source === 'app' ? this.parts.apps : this.parts.system;
  }

  /**
   * Queues a package job and returns it at once; the job reports its progress
   * itself. An install or remove needs the backend of its source (an update
   * uses whichever there are).
   */
  startJob(
    kind: JobKind,
    source: PackageSource | 'all',
    target: string,
    owner: string,
    uid: number,
  ): Result<Job, KoompidRefusal> {
    if (source !== 'all' && !this.backend(source)) return err({ kind: 'no-backend' });
    if (this.serial.pending >= MAX_PENDING) return err({ kind: 'busy' });
    let job: Job;
    try {
      job = this.parts.jobs.create(kind, source, target, owner, uid);
    } catch (error) {
      // A job that cannot be written down could not be put back after a crash: do not start it.
      this.parts.log(`cannot write the job journal: ${describe(error)}`);
      return err({ kind: 'no-journal' });
    }
    void this.change(() => this.runJob(job, source)).catch((error: unknown) => {
      this.parts.log(`job ${job.id} failed unexpectedly: ${describe(error)}`);
      if (job.state === 'queued' || job.state === 'running') {
        this.parts.jobs.finish(job, 'failed', 'failed', this.parts.t('dbus.failed', { detail: 'internal error' }));
      }
    });
    return ok(job);
  }

  jobs(): JobSummary[] {
    return this.parts.jobs.list();
  }

  cancel(job: Job): Result<void, KoompidRefusal> {
    if (job.state !== 'queued') return err({ kind: 'job-started' });
    this.parts.jobs.finish(job, 'cancelled');
    return ok(undefined);
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
    return job.target || this.parts.t('dbus.all-packages');
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
    const { jobs, t } = this.parts;
    const names = { name: this.targetName(job) };
    const failed = 'failed';
    const pre = job.preSnapshot;
    if (job.state === 'queued' || !pre) {
      jobs.finish(job, 'interrupted', failed, t('dbus.interrupted-unchanged', names));
      return;
    }
    if (job.stage === 'snapshot-post' || job.stage === 'done') {
      jobs.finish(job, 'interrupted', failed, t('dbus.interrupted-done', { ...names, id: pre }));
      return;
    }
    if (!(await this.parts.store.list()).some((s) => s.id === pre && !s.damaged)) {
      jobs.finish(job, 'interrupted', failed, t('dbus.interrupted-no-snapshot', { ...names, id: pre }));
      return;
    }
    jobs.progress(job, job.percentage, 'restore');
    const active = this.backendsFor(job.source);
    const before = job.before
      ? active.map((b) => new Map(job.before?.find((i) => i.source === b.source)?.installed ?? []))
      : undefined;
    const detail = t('dbus.interrupted-detail');
    const message = await this.restore(job, active, before, pre, detail).catch((error: unknown) => {
      this.parts.log(`job ${job.id}: restore failed: ${describe(error)}`);
      return t('dbus.failed', { detail });
    });
    jobs.finish(job, 'interrupted', failed, message);
  }

  private async runJob(job: Job, source: PackageSource | 'all'): Promise<void> {
    if (job.state !== 'queued') return; // cancelled while it waited
    const { jobs, t } = this.parts;
    const active = this.backendsFor(source);
    if (active.length === 0) {
      jobs.finish(job, 'failed', 'failed', t('dbus.no-backend'));
      return;
    }
    jobs.progress(job, 0, 'snapshot-pre');
    const names = { name: this.targetName(job) };
    const pre = await this.snapshot({ kind: 'pre', reason: t(`reason.pre-${job.kind}`, names) });
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
    const { jobs, t, store } = this.parts;
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
        reason: t(`reason.post-${job.kind}`, names),
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
      jobs.finish(job, 'failed', 'not-found', t('dbus.package-not-found', names));
      return;
    }
    jobs.progress(job, job.percentage, 'restore');
    const message = await this.restore(job, active, before, pre.id, outcome.message).catch((error: unknown) => {
      this.parts.log(`job ${job.id}: restore failed: ${describe(error)}`);
      return t('dbus.failed', { detail: outcome.message });
    });
    jobs.finish(job, 'failed', 'failed', message);
  }

  /** Puts the system back as it was at the pre snapshot after a failed change. */
  private async restore(
    job: Job,
    backends: PackageBackend[],
    before: Map<string, string>[] | undefined,
    preId: string,
    detail: string,
  ): Promise<string> {
    const { t, log } = this.parts;
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
      await this.parts.stager.stage(this.parts.store.snapshotPath(preId), t('boot.entry-title', { id: preId }));
      this.parts.onRollbackStaged(preId);
      return t('dbus.restore-staged', { name: this.targetName(job), id: preId, detail });
    }
    return t('dbus.restored', { name: this.targetName(job), id: preId, detail });
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.name}: ${error.message}${cause}`;
}
