import fs from 'node:fs/promises';
import path from 'node:path';
import { syncDir, writeAtomic } from '../../fs/node/atomic.js';
import { run } from '../../process/node/run.js';
import {
  SnapshotStoreError,
  checkSnapshotId,
  nextSnapshotId,
  type Snapshot,
  type SnapshotKind,
  type SnapshotStore,
} from '../snapshots.js';

export interface BtrfsStoreOptions {
  /** Where the Btrfs top level (subvolid=5) is mounted: it holds @, @var, @snapshots. */
  readonly top: string;
  /** The subvolume snapshots are taken of: the root running now (RunningRoot.subvolume), `@` or a promoted `@root-<n>`. */
  readonly running: () => Promise<string>;
  /** Where the pacman database lives inside a root (KOOMPI keeps it under /usr). */
  readonly pacmanDb?: string;
  /** Called at named points of an operation; fault-injection tests kill the daemon there. */
  readonly checkpoint?: (point: string) => void;
  readonly btrfs?: string;
}

const PARTIAL = '.partial-';
const INFO = 'info.json';
const LAST_ID = '.last-id';

interface InfoFile {
  readonly id: string;
  readonly created: string;
  readonly kind: SnapshotKind;
  readonly reason: string;
  readonly pinned: boolean;
  readonly pre?: string;
}

/**
 * Snapshots with btrfs-progs directly (no snapper): `@snapshots/<id>/snapshot`
 * is a read-only snapshot of the running root (`@`, or the staged root booted
 * and kept), `@snapshots/<id>/info.json` its description.
 * A snapshot is made under `.partial-<id>` and renamed into place only once
 * complete, so a crash never leaves a half-made one listed; `recover()` removes
 * the leftovers at start.
 */
export class BtrfsSnapshotStore implements SnapshotStore {
  private readonly top: string;
  private readonly dir: string;
  private readonly running: () => Promise<string>;
  private readonly pacmanDb: string;
  private readonly btrfs: string;
  private readonly checkpoint: (point: string) => void;

  constructor(options: BtrfsStoreOptions) {
    this.top = options.top;
    this.dir = path.join(options.top, '@snapshots');
    this.running = options.running;
    this.pacmanDb = options.pacmanDb ?? 'usr/lib/pacman/local';
    this.btrfs = options.btrfs ?? 'btrfs';
    this.checkpoint = options.checkpoint ?? (() => undefined);
  }

  /** The directory of a complete snapshot (the id is validated first: nothing else reaches a path). */
  snapshotPath(id: string): string {
    if (checkSnapshotId(id)) throw new SnapshotStoreError(`bad snapshot id ${JSON.stringify(id)}`);
    return path.join(this.dir, id, 'snapshot');
  }

  async recover(): Promise<number> {
    // Snapshots hold copies of /etc/shadow and every root-only file: root alone may look inside.
    await fs.chmod(this.dir, 0o700).catch((error: unknown) => {
      throw new SnapshotStoreError(`cannot make ${this.dir} private`, { cause: error });
    });
    let removed = 0;
    for (const name of await this.entries()) {
      if (!name.startsWith(PARTIAL)) continue;
      await this.removeSnapshotDir(path.join(this.dir, name));
      removed++;
    }
    return removed;
  }

  async list(): Promise<Snapshot[]> {
    const snapshots: Snapshot[] = [];
    for (const name of await this.entries()) {
      if (checkSnapshotId(name)) continue;
      // A damaged record (info.json unreadable or invalid) is still listed, so it can be seen and deleted.
      snapshots.push((await this.readInfo(name)) ?? (await this.damaged(name)));
    }
    return snapshots.sort((a, b) => Number(a.id) - Number(b.id));
  }

  async create(input: { kind: SnapshotKind; reason: string; pre?: string }): Promise<Snapshot> {
    const entries = await this.entries();
    const ids = entries
      .map((n) => (n.startsWith(PARTIAL) ? n.slice(PARTIAL.length) : n))
      .filter((n) => !checkSnapshotId(n));
    const last = await fs.readFile(path.join(this.dir, LAST_ID), 'utf8').catch(() => '0');
    const id = nextSnapshotId([...ids, checkSnapshotId(last.trim()) ? '0' : last.trim()]);
    const partial = path.join(this.dir, PARTIAL + id);
    const snapshot: Snapshot = {
      id,
      created: new Date(),
      kind: input.kind,
      reason: input.reason,
      pinned: false,
      ...(input.pre ? { pre: input.pre } : {}),
    };
    try {
      await fs.mkdir(partial);
      const root = await this.root();
      await run(this.btrfs, ['-q', 'subvolume', 'snapshot', '-r', '--', root, path.join(partial, 'snapshot')]);
      this.checkpoint('snapshot-subvolume-made');
      await writeAtomic(path.join(partial, INFO), JSON.stringify(toInfo(snapshot), null, 2) + '\n', { mode: 0o644 });
      this.checkpoint('snapshot-info-written');
      await fs.rename(partial, path.join(this.dir, id));
      await syncDir(this.dir);
      await writeAtomic(path.join(this.dir, LAST_ID), id + '\n', { mode: 0o644 });
    } catch (error) {
      await this.removeSnapshotDir(partial).catch(() => undefined);
      throw new SnapshotStoreError(`could not create snapshot ${id}`, { cause: error });
    }
    return snapshot;
  }

  async delete(id: string): Promise<'deleted' | 'not-found'> {
    if (checkSnapshotId(id) || !(await exists(path.join(this.dir, id)))) return 'not-found';
    // Hide it from List first (a rename is atomic), then delete the subvolume.
    const doomed = path.join(this.dir, `${PARTIAL}deleting-${id}`);
    await fs.rename(path.join(this.dir, id), doomed);
    await this.removeSnapshotDir(doomed);
    return 'deleted';
  }

  async setPinned(id: string, pinned: boolean): Promise<'done' | 'not-found'> {
    const info = checkSnapshotId(id) ? undefined : await this.readInfo(id);
    if (!info) return 'not-found';
    await writeAtomic(path.join(this.dir, id, INFO), JSON.stringify(toInfo({ ...info, pinned }), null, 2) + '\n', {
      mode: 0o644,
    });
    return 'done';
  }

  async packages(id?: string): Promise<Map<string, string>> {
    const root = id === undefined ? await this.root() : this.snapshotPath(id);
    const names = await fs.readdir(path.join(root, this.pacmanDb)).catch(() => [] as string[]);
    const packages = new Map<string, string>();
    for (const entry of names) {
      // pacman's local database: one directory per package, "<name>-<version>-<release>".
      const m = /^(.+)-([^-]+-[^-]+)$/.exec(entry);
      if (m?.[1] && m[2]) packages.set(m[1], m[2]);
    }
    return packages;
  }

  /** Whether the top level holds the subvolumes koompid needs. */
  async check(): Promise<string[]> {
    const problems: string[] = [];
    const root = await this.root().catch((error: unknown) => {
      problems.push(error instanceof Error ? error.message : String(error));
      return undefined;
    });
    for (const p of root ? [root, this.dir] : [this.dir]) {
      const stat = await fs.stat(p).catch(() => undefined);
      if (!stat?.isDirectory()) problems.push(`missing ${path.relative(this.top, p) || p}`);
    }
    return problems;
  }

  /** The running root's directory, read from the mount table each time. */
  private async root(): Promise<string> {
    return path.join(this.top, await this.running());
  }

  private async entries(): Promise<string[]> {
    try {
      return await fs.readdir(this.dir);
    } catch (error) {
      throw new SnapshotStoreError(`cannot read ${this.dir}`, { cause: error });
    }
  }

  private async readInfo(id: string): Promise<Snapshot | undefined> {
    let raw: unknown;
    try {
      raw = JSON.parse(await fs.readFile(path.join(this.dir, id, INFO), 'utf8'));
    } catch {
      return undefined;
    }
    return fromInfo(raw, id);
  }

  private async damaged(id: string): Promise<Snapshot> {
    const stat = await fs.stat(path.join(this.dir, id)).catch(() => undefined);
    return { id, created: stat?.mtime ?? new Date(0), kind: 'single', reason: '', pinned: false, damaged: true };
  }

  private async removeSnapshotDir(dir: string): Promise<void> {
    const sub = path.join(dir, 'snapshot');
    if (await exists(sub)) await run(this.btrfs, ['-q', 'subvolume', 'delete', '--', sub]);
    await fs.rm(dir, { recursive: true, force: true });
  }
}

function toInfo(s: Snapshot): InfoFile {
  return {
    id: s.id,
    created: s.created.toISOString(),
    kind: s.kind,
    reason: s.reason,
    pinned: s.pinned,
    ...(s.pre ? { pre: s.pre } : {}),
  };
}

function fromInfo(raw: unknown, id: string): Snapshot | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  const created = typeof r['created'] === 'string' ? new Date(r['created']) : undefined;
  const kind = r['kind'];
  if (r['id'] !== id || !created || Number.isNaN(created.getTime())) return undefined;
  if (kind !== 'single' && kind !== 'pre' && kind !== 'post') return undefined;
  return {
    id,
    created,
    kind,
    reason: typeof r['reason'] === 'string' ? r['reason'] : '',
    pinned: r['pinned'] === true,
    ...(typeof r['pre'] === 'string' && !checkSnapshotId(r['pre']) ? { pre: r['pre'] } : {}),
  };
}

async function exists(p: string): Promise<boolean> {
  return fs.stat(p).then(
    () => true,
    () => false,
  );
}
