import fs from 'node:fs';
import path from 'node:path';
import { JOB_STAGES, writeDurable, type JobKind, type JobStage, type JobState, type PackageSource } from '@koompi/core';

/** What the installed set of one backend was before a job changed it (id → version). */
export interface BackendInventory {
  readonly source: PackageSource;
  readonly installed: readonly (readonly [string, string])[];
}

/** A job as it is kept on disk: enough to list it and to put the system back after a crash. */
export interface JobRecord {
  readonly id: number;
  readonly kind: JobKind;
  readonly source: PackageSource | 'all';
  readonly target: string;
  readonly uid: number;
  readonly state: JobState;
  readonly stage: JobStage;
  readonly percentage: number;
  readonly error: string;
  readonly errorMessage: string;
  readonly preSnapshot: string;
  readonly postSnapshot: string;
  /** The backends' inventories taken after the pre snapshot, before the change; absent until then. */
  readonly before?: readonly BackendInventory[];
}

export interface JobJournal {
  load(): JobRecord[];
  save(record: JobRecord): void;
  remove(id: number): void;
}

const NAME = /^([1-9][0-9]{0,9})\.json$/;

/**
 * koompid's job journal: one file per job, `<dir>/<id>.json`, written whole
 * (temp file, fsync, rename, directory fsync) with mode 0600 in a 0700
 * directory, so a crash leaves each record old or new, never half.
 */
export class FileJobJournal implements JobJournal {
  constructor(
    private readonly dir: string,
    private readonly log: (line: string) => void = () => undefined,
  ) {}

  load(): JobRecord[] {
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    fs.chmodSync(this.dir, 0o700);
    const records: JobRecord[] = [];
    for (const name of fs.readdirSync(this.dir)) {
      const m = NAME.exec(name);
      if (!m) {
        // Temp files of a write that a crash cut short: the record they would replace is still there.
        if (name.endsWith('.tmp')) fs.rmSync(path.join(this.dir, name), { force: true });
        continue;
      }
      const record = parseRecord(fs.readFileSync(path.join(this.dir, name), 'utf8'));
      if (record && record.id === Number(m[1])) records.push(record);
      else this.log(`job journal: ${name} is damaged; it is kept but not used`);
    }
    return records.sort((a, b) => a.id - b.id);
  }

  save(record: JobRecord): void {
    writeDurable(path.join(this.dir, `${record.id}.json`), JSON.stringify(record) + '\n', 0o600);
  }

  remove(id: number): void {
    fs.rmSync(path.join(this.dir, `${id}.json`), { force: true });
  }
}

const KINDS: readonly string[] = ['install', 'remove', 'update'];
const SOURCES: readonly string[] = ['app', 'system', 'all'];
const STATES: readonly string[] = ['queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted'];

/** A record from the journal, or undefined when it is not one (damaged, or from someone else). */
export function parseRecord(text: string): JobRecord | undefined {
  let v: Record<string, unknown>;
  try {
    v = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (!v || typeof v !== 'object') return undefined;
  const str = (k: string): boolean => typeof v[k] === 'string';
  const ok =
    Number.isInteger(v['id']) &&
    Number.isInteger(v['uid']) &&
    typeof v['percentage'] === 'number' &&
    KINDS.includes(String(v['kind'])) &&
    SOURCES.includes(String(v['source'])) &&
    STATES.includes(String(v['state'])) &&
    (JOB_STAGES as readonly string[]).includes(String(v['stage'])) &&
    ['target', 'error', 'errorMessage', 'preSnapshot', 'postSnapshot'].every(str) &&
    (v['before'] === undefined || validInventories(v['before']));
  return ok ? (v as unknown as JobRecord) : undefined;
}

function validInventories(value: unknown): boolean {
  return (
    Array.isArray(value) &&
    value.every(
      (b: { source?: unknown; installed?: unknown }) =>
        (b?.source === 'app' || b?.source === 'system') &&
        Array.isArray(b.installed) &&
        b.installed.every(
          (e: unknown) => Array.isArray(e) && e.length === 2 && e.every((x: unknown) => typeof x === 'string'),
        ),
    )
  );
}

/** For tests and for koompid without a state directory: the journal in memory. */
export class MemoryJobJournal implements JobJournal {
  readonly records = new Map<number, JobRecord>();

  load(): JobRecord[] {
    return [...this.records.values()].sort((a, b) => a.id - b.id);
  }

  save(record: JobRecord): void {
    this.records.set(record.id, structuredClone(record));
  }

  remove(id: number): void {
    this.records.delete(id);
  }
}
