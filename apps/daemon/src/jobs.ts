import type { JobKind, JobStage, JobState } from '@koompi/core';

/** A package job as koompid keeps it; exported on D-Bus as /org/koompi/System1/jobs/<n>. */
export interface Job {
  readonly id: number;
  readonly path: string;
  readonly kind: JobKind;
  readonly target: string;
  /** The unique bus name of the caller: only they (or an admin) may cancel. */
  readonly owner: string;
  state: JobState;
  stage: JobStage;
  percentage: number;
  error: string;
  errorMessage: string;
  preSnapshot: string;
  postSnapshot: string;
}

export interface JobEvents {
  progress(job: Job): void;
  finished(job: Job): void;
  removed(job: Job): void;
}

/** Keeps jobs, numbers them, reports their changes, and forgets them a while after they end. */
export class JobRegistry {
  private readonly jobs = new Map<string, Job>();
  private next = 1;

  constructor(
    private readonly prefix: string,
    private readonly events: JobEvents,
    private readonly keepMs = 5 * 60_000,
  ) {}

  create(kind: JobKind, target: string, owner: string): Job {
    const id = this.next++;
    const job: Job = {
      id,
      path: `${this.prefix}${id}`,
      kind,
      target,
      owner,
      state: 'queued',
      stage: 'queued',
      percentage: 0,
      error: '',
      errorMessage: '',
      preSnapshot: '',
      postSnapshot: '',
    };
    this.jobs.set(job.path, job);
    return job;
  }

  get(path: string): Job | undefined {
    return this.jobs.get(path);
  }

  get active(): number {
    return [...this.jobs.values()].filter((j) => j.state === 'queued' || j.state === 'running').length;
  }

  progress(job: Job, percentage: number, stage: JobStage): void {
    const p = Math.max(job.percentage, Math.min(100, Math.round(percentage)));
    if (p === job.percentage && stage === job.stage && job.state === 'running') return;
    job.state = 'running';
    job.percentage = p;
    job.stage = stage;
    this.events.progress(job);
  }

  finish(job: Job, state: 'succeeded' | 'failed' | 'cancelled', error = '', errorMessage = ''): void {
    job.state = state;
    job.error = error;
    job.errorMessage = errorMessage;
    if (state === 'succeeded') {
      job.percentage = 100;
      job.stage = 'done';
    }
    this.events.finished(job);
    setTimeout(() => {
      this.jobs.delete(job.path);
      this.events.removed(job);
    }, this.keepMs).unref();
  }
}
