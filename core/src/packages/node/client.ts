import { err, ok } from '../../base/result.js';
import {
  KOOMPID_INTERFACES,
  KOOMPID_BUS_NAME,
  KOOMPID_JOB_PATH_PREFIX,
  failureKindOf,
  type DaemonResult,
} from '../../koompid/names.js';
import { DaemonProtocolError } from '../../koompid/node/wire.js';
import { decodeHit, decodeJob } from './codec.js';
import { unwrapVariant, type IncomingSignal } from '../../dbus/node/connection.js';
import type { KoompidConnection } from '../../koompid/node/connection.js';
import {
  JOB_STAGES,
  type JobOutcome,
  type JobProgress,
  type JobStage,
  type JobSummary,
  type PackageHit,
} from '../packages.js';

export type { JobOutcome };

const IFACE = KOOMPID_INTERFACES.packages;
const JOB = KOOMPID_INTERFACES.job;

export type JobEvent = { readonly type: 'progress' } & JobProgress;

/**
 * A running install, remove or update on koompid. Progress arrives as events
 * (an async iterator that ends when the job does); `outcome` resolves once.
 *
 * @example
 * const job = await packages.install('org.kde.kolourpaint');
 * if (!job.ok) return explain(job.error);
 * for await (const p of job.value.progress()) bar.update(p.percentage, t(`stage.${p.stage}`));
 * const outcome = await job.value.outcome;
 */
export class PackageJob {
  readonly outcome: Promise<JobOutcome>;
  private readonly events: JobEvent[] = [];
  private readonly waiters: (() => void)[] = [];
  private ended = false;
  private settle: (o: JobOutcome) => void = () => undefined;

  constructor(
    readonly path: string,
    private readonly koompid: KoompidConnection,
    private readonly unsubscribe: () => Promise<void>,
  ) {
    this.outcome = new Promise<JobOutcome>((resolve) => (this.settle = resolve));
  }

  /** Progress events, buffered from the moment the job was made; ends when the job ends. */
  async *progress(): AsyncGenerator<JobEvent> {
    let index = 0;
    for (;;) {
      while (index < this.events.length) yield this.events[index++]!;
      if (this.ended) return;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** Cancels a job that has not started changing the system. */
  async cancel(): Promise<DaemonResult<void>> {
    const r = await this.koompid.call(JOB, 'Cancel', '', [], this.path);
    return r.ok ? ok(undefined) : r;
  }

  /** @internal Fed by PackagesClient with this job's signals. */
  handle(signal: IncomingSignal): void {
    if (this.ended || signal.interface !== JOB) return;
    if (signal.member === 'Progress') {
      const stage = String(signal.body[1]);
      if (!JOB_STAGES.includes(stage as JobStage)) return;
      this.push({ type: 'progress', percentage: Number(signal.body[0]), stage: stage as JobStage });
    } else if (signal.member === 'Finished') {
      void this.finish();
    }
  }

  /** @internal koompid lost its bus name while the job ran: it died or was stopped. */
  vanished(): void {
    this.end({
      kind: 'failed',
      failure: { kind: 'interrupted', message: 'koompid stopped while the job ran' },
      preSnapshot: '',
    });
  }

  /** @internal Reads the job's properties: the final word on how it ended. */
  async finish(): Promise<void> {
    const r = await this.koompid.call('org.freedesktop.DBus.Properties', 'GetAll', 's', [JOB], this.path);
    if (!r.ok) {
      this.end({ kind: 'failed', failure: r.error, preSnapshot: '' });
      return;
    }
    const props = r.value[0] as Record<string, unknown>;
    const get = (k: string): string => String(unwrapVariant(props[k]) ?? '');
    const state = get('State');
    if (state === 'queued' || state === 'running') return; // not over yet
    if (state === 'succeeded') {
      this.end({ kind: 'succeeded', preSnapshot: get('PreSnapshot'), postSnapshot: get('PostSnapshot') });
    } else if (state === 'cancelled') {
      this.end({ kind: 'cancelled' });
    } else if (state === 'failed' || state === 'interrupted') {
      const failure = { kind: failureKindOf(get('Error')), message: get('ErrorMessage') };
      this.end({ kind: 'failed', failure, preSnapshot: get('PreSnapshot') });
    } else {
      throw new DaemonProtocolError(`job state ${state}`);
    }
  }

  private push(event: JobEvent): void {
    this.events.push(event);
    for (const w of this.waiters.splice(0)) w();
  }

  private end(outcome: JobOutcome): void {
    if (this.ended) return;
    this.ended = true;
    for (const w of this.waiters.splice(0)) w();
    void this.unsubscribe();
    this.settle(outcome);
  }
}

/**
 * Packages and apps through koompid (org.koompi.Packages1). Install, Remove and
 * Update return a PackageJob; students get `not-authorized`.
 */
export class PackagesClient {
  constructor(private readonly koompid: KoompidConnection) {}

  async search(query: string): Promise<DaemonResult<PackageHit[]>> {
    const r = await this.koompid.call(IFACE, 'Search', 's', [query]);
    if (!r.ok) return r;
    const [items] = r.value;
    if (!Array.isArray(items)) throw new DaemonProtocolError('Search returned no array');
    return ok(items.map(decodeHit));
  }

  /** The last jobs koompid knows of, across its restarts: all of them for an admin, one's own for others. */
  async jobs(): Promise<DaemonResult<JobSummary[]>> {
    const r = await this.koompid.call(IFACE, 'ListJobs', '', []);
    if (!r.ok) return r;
    const [items] = r.value;
    if (!Array.isArray(items)) throw new DaemonProtocolError('ListJobs returned no array');
    return ok(items.map(decodeJob));
  }

  install(name: string): Promise<DaemonResult<PackageJob>> {
    return this.start('Install', 's', [name]);
  }

  remove(name: string): Promise<DaemonResult<PackageJob>> {
    return this.start('Remove', 's', [name]);
  }

  update(): Promise<DaemonResult<PackageJob>> {
    return this.start('Update', '', []);
  }

  private async start(member: string, signature: string, body: unknown[]): Promise<DaemonResult<PackageJob>> {
    // Subscribe before the job exists, so no signal of it can be missed.
    const sender = await this.koompid.owner();
    if (!sender) return err({ kind: 'unavailable', message: 'koompid is not running' });
    const buffered: IncomingSignal[] = [];
    const started: { job?: PackageJob } = {};
    const unsubscribeJobs = await this.koompid.connection.subscribe(
      { sender, pathNamespace: KOOMPID_JOB_PATH_PREFIX.slice(0, -1), interface: JOB },
      (signal) => {
        if (!started.job) buffered.push(signal);
        else if (started.job.path === signal.path) started.job.handle(signal);
      },
    );
    // If koompid's name leaves the unique name that took the job, no Finished
    // will ever come: the job ends as interrupted instead of waiting forever.
    const unsubscribeOwner = await this.koompid.connection.subscribe(
      {
        sender: 'org.freedesktop.DBus',
        path: '/org/freedesktop/DBus',
        interface: 'org.freedesktop.DBus',
        member: 'NameOwnerChanged',
      },
      (signal) => {
        const [name, from, to] = signal.body;
        if (name === KOOMPID_BUS_NAME && from === sender && to !== sender) started.job?.vanished();
      },
    );
    const unsubscribe = async (): Promise<void> => {
      await Promise.all([unsubscribeJobs(), unsubscribeOwner()]);
    };
    const r = await this.koompid.call(IFACE, member, signature, body);
    if (!r.ok) {
      await unsubscribe();
      return r;
    }
    const [path] = r.value;
    if (typeof path !== 'string' || !path.startsWith(KOOMPID_JOB_PATH_PREFIX)) {
      await unsubscribe();
      throw new DaemonProtocolError(`${member} returned no job path`);
    }
    const job = new PackageJob(path, this.koompid, unsubscribe);
    started.job = job;
    for (const signal of buffered) if (signal.path === path) job.handle(signal);
    await job.finish(); // it may have ended already
    return ok(job);
  }
}
