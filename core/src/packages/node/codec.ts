import { variant } from '../../dbus/node/connection.js';
import { DaemonProtocolError, dict, field, type Dict } from '../../koompid/node/wire.js';
import {
  JOB_STAGES,
  type JobKind,
  type JobStage,
  type JobState,
  type JobSummary,
  type PackageHit,
} from '../packages.js';

export function encodeHit(h: PackageHit): Dict {
  return {
    id: variant('s', h.id),
    name: variant('s', h.name),
    summary: variant('s', h.summary),
    version: variant('s', h.version),
    source: variant('s', h.source),
    installed: variant('b', h.installed),
  };
}

export function decodeHit(value: unknown): PackageHit {
  const d = dict(value);
  const source = field(d, 'source', 'string');
  if (source !== 'system' && source !== 'app') throw new DaemonProtocolError('bad package source');
  return {
    id: field(d, 'id', 'string') as string,
    name: field(d, 'name', 'string') as string,
    summary: field(d, 'summary', 'string') as string,
    version: field(d, 'version', 'string') as string,
    source,
    installed: field(d, 'installed', 'boolean') as boolean,
  };
}

const JOB_KINDS: readonly JobKind[] = ['install', 'remove', 'update'];
const JOB_STATES: readonly JobState[] = ['queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted'];

export function encodeJob(j: JobSummary): Dict {
  return {
    path: variant('s', j.path),
    kind: variant('s', j.kind),
    target: variant('s', j.target),
    state: variant('s', j.state),
    stage: variant('s', j.stage),
    percentage: variant('u', j.percentage),
    uid: variant('u', j.uid),
    error: variant('s', j.error),
    message: variant('s', j.message),
    pre: variant('s', j.preSnapshot),
    post: variant('s', j.postSnapshot),
  };
}

export function decodeJob(value: unknown): JobSummary {
  const d = dict(value);
  const one = <T extends string>(key: string, allowed: readonly T[]): T => {
    const v = field(d, key, 'string') as string;
    if (!allowed.includes(v as T)) throw new DaemonProtocolError(`bad job ${key} ${v}`);
    return v as T;
  };
  return {
    path: field(d, 'path', 'string') as string,
    kind: one('kind', JOB_KINDS),
    target: field(d, 'target', 'string') as string,
    state: one('state', JOB_STATES),
    stage: one<JobStage>('stage', JOB_STAGES),
    percentage: field(d, 'percentage', 'number') as number,
    uid: field(d, 'uid', 'number') as number,
    error: field(d, 'error', 'string') as string,
    message: field(d, 'message', 'string') as string,
    preSnapshot: field(d, 'pre', 'string') as string,
    postSnapshot: field(d, 'post', 'string') as string,
  };
}
