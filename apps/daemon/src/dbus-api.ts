import {
  AuthorityError,
  KOOMPID_INTERFACES as I,
  checkQuery,
  checkReason,
  checkSnapshotId,
  classifyPackageName,
  encodeHit,
  encodeInfo,
  encodeJob,
  encodeReport,
  encodeSnapshot,
  probeSystem,
  variant,
  type Action,
  type MethodError,
  type Result,
  type Authority,
  type CallContext,
  type Caller,
  type MethodHandler,
  type PackageHit,
} from '@koompi/core';
import type { Job } from './jobs.js';
import type { Koompid, KoompidRefusal } from './koompid.js';
import type { Replies } from './replies.js';
import type { ReadThrottle } from './throttle.js';

export interface ApiParts {
  readonly koompid: Koompid;
  readonly authority: Authority;
  readonly replies: Replies;
  /** Per-uid budget for the read methods that start work as root (Search, CheckHealth). */
  readonly throttle: ReadThrottle;
  readonly version: string;
  /** The running root's directory (os-release and disk of GetInfo). */
  readonly root: () => Promise<string>;
  readonly exportJob: (job: Job) => void;
  readonly log: (line: string) => void;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Searches start processes and PackageKit transactions: a few at a time, so no caller can flood the machine. */
const MAX_SEARCHES = 4;

/** The D-Bus error for what koompid refused: the one place its refusals become errors. */
function refusalError(replies: Replies, refusal: KoompidRefusal): MethodError {
  switch (refusal.kind) {
    case 'snapshot-not-found':
      return replies.snapshotNotFound(refusal.id);
    case 'busy':
      return replies.busy();
    case 'no-backend':
      return replies.failed(replies.text('dbus.no-backend'));
    case 'no-journal':
      return replies.failed(replies.text('dbus.no-journal'));
    case 'job-started':
      return replies.jobStarted();
  }
}

/** The value of what koompid did, or its refusal thrown as the D-Bus error. */
function valueOf<T>(replies: Replies, r: Result<T, KoompidRefusal>): T {
  if (!r.ok) throw refusalError(replies, r.error);
  return r.value;
}

/**
 * The handlers of /org/koompi/System1: each checks the caller (role and
 * polkit) before anything else, validates what was sent, then asks Koompid.
 * The D-Bus layer has already refused bodies whose signature differs from the XML.
 */
export function systemHandlers(parts: ApiParts): Record<string, MethodHandler> {
  const { koompid, replies } = parts;
  let searches = 0;

  const allow = async (ctx: CallContext, action: Action): Promise<Caller> => {
    let decision;
    try {
      decision = await parts.authority.decide(ctx.sender, action);
    } catch (error) {
      if (error instanceof AuthorityError) throw replies.polkitUnavailable();
      throw error;
    }
    if (decision.kind === 'unknown-caller') throw replies.unknownCaller();
    if (decision.kind === 'refused') {
      parts.log(`refused ${action} to ${decision.caller.user} (uid ${decision.caller.uid}, by ${decision.by})`);
      throw replies.notAuthorized(decision.caller.user, action);
    }
    return decision.caller;
  };

  /** A read that starts processes or PackageKit transactions: refused, with nothing started, once the caller's uid is over its budget. */
  const allowCostly = async (ctx: CallContext): Promise<Caller> => {
    const caller = await allow(ctx, 'read');
    if (!parts.throttle.take(caller.uid)) {
      parts.log(`throttled ${caller.user} (uid ${caller.uid})`);
      throw replies.rateLimited(caller.user, parts.throttle.waitSeconds(caller.uid));
    }
    return caller;
  };

  const snapshotId = (value: unknown): string => {
    const id = str(value);
    const problem = checkSnapshotId(id);
    if (problem) throw replies.invalid('id', problem);
    return id;
  };

  const packageName = (value: unknown) => {
    const name = str(value);
    const classified = classifyPackageName(name);
    return { name, classified };
  };

  const startJob = async (ctx: CallContext, kind: 'install' | 'remove', value: unknown): Promise<unknown[]> => {
    const { name, classified } = packageName(value);
    const source = classified.kind === 'ok' ? classified.source : 'app';
    const action: Action = `packages.${kind}-${source}`;
    const caller = await allow(ctx, action);
    if (classified.kind !== 'ok') throw replies.invalid('name', classified);
    const job = valueOf(replies, koompid.startJob(kind, source, name, ctx.sender, caller.uid));
    parts.exportJob(job);
    parts.log(`${caller.user} started job ${job.id}: ${kind} ${name}`);
    return [job.path];
  };

  return {
    [`${I.snapshots}.Create`]: async (ctx, [reason]) => {
      const caller = await allow(ctx, 'snapshots.create');
      const problem = checkReason(str(reason));
      if (problem) throw replies.invalid('reason', problem);
      const snapshot = await koompid.createSnapshot(str(reason).trim());
      parts.log(`${caller.user} created snapshot ${snapshot.id}`);
      return [snapshot.id];
    },
    [`${I.snapshots}.List`]: async (ctx) => {
      await allow(ctx, 'read');
      return [(await koompid.list()).map(encodeSnapshot)];
    },
    [`${I.snapshots}.Delete`]: async (ctx, [value]) => {
      await allow(ctx, 'snapshots.delete');
      valueOf(replies, await koompid.deleteSnapshot(snapshotId(value)));
      return [];
    },
    [`${I.snapshots}.SetPinned`]: async (ctx, [value, pinned]) => {
      await allow(ctx, 'snapshots.delete');
      valueOf(replies, await koompid.setPinned(snapshotId(value), pinned === true));
      return [];
    },
    [`${I.snapshots}.PreviewRollback`]: async (ctx, [value]) => {
      await allow(ctx, 'snapshots.rollback');
      return [encodeReport(valueOf(replies, await koompid.previewRollback(snapshotId(value))))];
    },
    [`${I.snapshots}.Rollback`]: async (ctx, [value]) => {
      const caller = await allow(ctx, 'snapshots.rollback');
      const id = snapshotId(value);
      const report = valueOf(replies, await koompid.rollback(id));
      parts.log(`${caller.user} staged a rollback to snapshot ${id}`);
      return [encodeReport(report)];
    },
    [`${I.packages}.Search`]: async (ctx, [value]) => {
      await allowCostly(ctx);
      const query = str(value);
      const problem = checkQuery(query);
      if (problem) throw replies.invalid('query', problem);
      if (searches >= MAX_SEARCHES) throw replies.busy();
      searches++;
      const hits: PackageHit[] = [];
      try {
        for (const source of ['app', 'system'] as const) {
          const backend = koompid.backend(source);
          if (!backend) continue;
          try {
            hits.push(...(await backend.search(query.trim())));
          } catch (error) {
            parts.log(`search in ${source} failed: ${error instanceof Error ? error.message : String(error)}`);
          }
        }
      } finally {
        searches--;
      }
      return [hits.slice(0, 200).map(encodeHit)];
    },
    [`${I.packages}.ListJobs`]: async (ctx) => {
      const caller = await allow(ctx, 'read');
      // What others installed or removed is theirs to know: admins see every job, the rest their own.
      const everyone = caller.role === 'root' || caller.role === 'admin';
      return [
        koompid
          .jobs()
          .filter((j) => everyone || j.uid === caller.uid)
          .map(encodeJob),
      ];
    },
    [`${I.packages}.Install`]: (ctx, [name]) => startJob(ctx, 'install', name),
    [`${I.packages}.Remove`]: (ctx, [name]) => startJob(ctx, 'remove', name),
    [`${I.packages}.Update`]: async (ctx) => {
      const caller = await allow(ctx, 'packages.update');
      const job = valueOf(replies, koompid.startJob('update', 'all', '', ctx.sender, caller.uid));
      parts.exportJob(job);
      parts.log(`${caller.user} started job ${job.id}: update`);
      return [job.path];
    },
    [`${I.sysinfo}.GetInfo`]: async (ctx) => {
      await allow(ctx, 'read');
      return [encodeInfo(await probeSystem({ root: await parts.root() }))];
    },
    [`${I.sysinfo}.CheckHealth`]: async (ctx) => {
      await allowCostly(ctx);
      const problems = await koompid.health();
      return [problems.length === 0, problems];
    },
  };
}

/** The handlers and properties of one job object. */
export function jobHandlers(parts: ApiParts, job: Job): Record<string, MethodHandler> {
  return {
    [`${I.job}.Cancel`]: async (ctx) => {
      if (ctx.sender !== job.owner) {
        const caller = await parts.authority.caller(ctx.sender);
        if (caller?.role !== 'root' && caller?.role !== 'admin') {
          throw parts.replies.notAuthorized(caller?.user ?? ctx.sender, 'cancel');
        }
      }
      valueOf(parts.replies, parts.koompid.cancel(job));
      return [];
    },
  };
}

export function jobProperties(job: Job): Record<string, unknown> {
  return {
    Kind: variant('s', job.kind),
    Target: variant('s', job.target),
    State: variant('s', job.state),
    Stage: variant('s', job.stage),
    Percentage: variant('u', job.percentage),
    Error: variant('s', job.error),
    ErrorMessage: variant('s', job.errorMessage),
    PreSnapshot: variant('s', job.preSnapshot),
    PostSnapshot: variant('s', job.postSnapshot),
  };
}
