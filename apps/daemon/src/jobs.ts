import {
  DAEMON_ERRORS,
  type JobKind,
  type JobStage,
  type JobState,
  type JobSummary,
  type PackageSource,
} from '@koompi/core';
import type { BackendInventory, JobJournal, JobRecord } from './journal.js';

/** Why a job failed, as koompid's D-Bus errors name it. */
export type JobFailure = 'failed' | 'not-found';

/** A package job as koompid keeps it; exported on D-Bus as /org/koompi/System1/jobs/<n>. */
export interface Job {
  readonly id: number;
  readonly path: string;
  readonly kind: JobKind;
  readonly source: PackageSource | 'all';
  readonly target: string;
  /** The unique bus name of the caller: only they (or an admin) may cancel. "" for a job from before a restart. */
  readonly owner: string;
  /** The caller's uid, as the bus reported it. */
  readonly uid: number;
  state: JobState;
  stage: JobStage;
  percentage: number;
  /** The D-Bus error name of a failed or interrupted job (Job1's Error), else "". */
  error: string;
  errorMessage: string;
  preSnapshot: string;
  postSnapshot: string;
  before?: readonly BackendInventory[];
}

export interface JobEvents {
  progress(job: Job): void;
  finished(job: Job): void;
  removed(job: Job): void;
}

/** Jobs kept in the journal (and listed) at most; older ones that have ended are forgotten. */
const KEEP_RECORDS = 50;

/**
 * Keeps jobs, numbers them, reports their changes, and writes each change of
 * state to the journal before the work it announces starts, so a koompid that
 * dies leaves every job on disk. Job objects leave the bus a while after they
 * end; their records stay (the last 50) for ListJobs.
 */
export class JobRegistry {
  private readonly jobs = new Map<string, Job>();
  private next = 1;

  constructor(
    private readonly prefix: string,
    private readonly events: JobEvents,
    private readonly journal: JobJournal,
    private readonly log: (line: string) => void = () => undefined,
    private readonly keepMs = 5 * 60_000,
  ) {}

  /**
   * Reads the journal (once, at start). Jobs that were queued or running when
   * koompid stopped are returned, to be put back and reported as interrupted.
   */
  load(): Job[] {
    const unfinished: Job[] = [];
    let records: JobRecord[] = [];
    try {
      records = this.journal.load();
    } catch (error) {
      // koompid still serves reads; new jobs are refused while the journal cannot be written.
      this.log(`cannot read the job journal: ${error instanceof Error ? error.message : String(error)}`);
    }
    for (const record of records) {
      const job = { ...record, path: `${this.prefix}${record.id}`, owner: '' };
      this.jobs.set(job.path, job);
      this.next = Math.max(this.next, record.id + 1);
      if (job.state === 'queued' || job.state === 'running') unfinished.push(job);
    }
    return unfinished;
  }

  /** Makes a job and writes it down; throws when the journal cannot be written (the job is then not started). */
  create(kind: JobKind, source: PackageSource | 'all', target: string, owner: string, uid: number): Job {
    const id = this.next++;
    const job: Job = {
      id,
      path: `${this.prefix}${id}`,
      kind,
      source,
      target,
      owner,
      uid,
      state: 'queued',
      stage: 'queued',
      percentage: 0,
      error: '',
      errorMessage: '',
      preSnapshot: '',
      postSnapshot: '',
    };
    this.journal.save(record(job));
    this.jobs.set(job.path, job);
    this.prune();
    return job;
  }

  get(path: string): Job | undefined {
    return this.jobs.get(path);
  }

  /** Every job still in the journal, oldest first. */
  list(): JobSummary[] {
    return [...this.jobs.values()].sort((a, b) => a.id - b.id).map(summary);
  }

  get active(): number {
    return [...this.jobs.values()].filter((j) => j.state === 'queued' || j.state === 'running').length;
  }

  progress(job: Job, percentage: number, stage: JobStage): void {
    const p = Math.max(job.percentage, Math.min(100, Math.round(percentage)));
    if (p === job.percentage && stage === job.stage && job.state === 'running') return;
    // Percentages alone are not worth an fsync; a new state or stage is.
    const durable = job.state !== 'running' || stage !== job.stage;
    job.state = 'running';
    job.percentage = p;
    job.stage = stage;
    if (durable) this.write(job);
    this.events.progress(job);
  }

  /** Records what koompid must know to put the system back should it stop now (the pre snapshot, the inventories). */
  note(job: Job, changes: { preSnapshot?: string; before?: readonly BackendInventory[] }): void {
    if (changes.preSnapshot !== undefined) job.preSnapshot = changes.preSnapshot;
    if (changes.before !== undefined) job.before = changes.before;
    this.write(job);
  }

  /** Ends a job; a failed or interrupted one says why (`failure`, shown as Job1's Error: the D-Bus error name). */
  finish(
    job: Job,
    state: 'succeeded' | 'failed' | 'cancelled' | 'interrupted',
    failure?: JobFailure,
    errorMessage = '',
  ): void {
    job.state = state;
    job.error = failure ? DAEMON_ERRORS[failure] : '';
    job.errorMessage = errorMessage;
    if (state === 'succeeded') {
      job.percentage = 100;
      job.stage = 'done';
    }
    delete job.before; // only needed while the job can still be interrupted
    this.write(job);
    this.events.finished(job);
    setTimeout(() => this.events.removed(job), this.keepMs).unref();
  }

  private write(job: Job): void {
    try {
      this.journal.save(record(job));
    } catch (error) {
      // The job goes on: refusing half-way would leave the system worse than a stale record.
      this.log(`job ${job.id}: cannot write the journal: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private prune(): void {
    const ended = [...this.jobs.values()]
      .filter((j) => j.state !== 'queued' && j.state !== 'running')
      .sort((a, b) => a.id - b.id);
    for (const job of ended.slice(0, Math.max(0, this.jobs.size - KEEP_RECORDS))) {
      this.jobs.delete(job.path);
      try {
        this.journal.remove(job.id);
      } catch {
        // A record that stays is harmless; the next prune tries again.
      }
    }
  }
}

function record(job: Job): JobRecord {
  return {
    id: job.id,
    kind: job.kind,
    source: job.source,
    target: job.target,
    uid: job.uid,
    state: job.state,
    stage: job.stage,
    percentage: job.percentage,
    error: job.error,
    errorMessage: job.errorMessage,
    preSnapshot: job.preSnapshot,
    postSnapshot: job.postSnapshot,
    ...(job.before ? { before: job.before } : {}),
  };
}

function summary(job: Job): JobSummary {
  return {
    path: job.path,
    kind: job.kind,
    target: job.target,
    state: job.state,
    stage: job.stage,
    percentage: job.percentage,
    uid: job.uid,
    error: job.error,
    message: job.errorMessage,
    preSnapshot: job.preSnapshot,
    postSnapshot: job.postSnapshot,
  };
}
