import fs from 'node:fs/promises';
import path from 'node:path';
import { writeAtomic } from '../../fs/node/atomic.js';
import { run } from '../../process/node/run.js';
import {
  PENDING_DEFAULT,
  ROOT_ENTRY_PREFIX,
  ROOT_PREFIX,
  SORT_KEY,
  cleanup,
  isStagedRoot,
  lastGood,
  loaderDefault,
  nextRootNumber,
  nextVersion,
  parseBootEntry,
  promotion,
  runningEntry,
  withLoaderDefault,
  type BootEntry,
  type RootsView,
} from '../roots.js';
import { SnapshotStoreError } from '../snapshots.js';

export interface BootStagingOptions {
  /** The Btrfs top level (subvolid=5). */
  readonly top: string;
  /** The EFI system partition (holds loader/loader.conf and loader/entries/). */
  readonly esp: string;
  /** The subvolume running as `/` (RunningRoot.subvolume): never deleted, and the entry it booted from is copied. */
  readonly running: () => Promise<string>;
  /** Boot tries before systemd-boot gives up on a staged entry and boots the last good root again. */
  readonly tries?: number;
  readonly btrfs?: string;
}

export interface StagedBoot {
  /** The new root, e.g. `@root-4`. */
  readonly subvolume: string;
  /** The boot entry file written, e.g. `koompi-root-4+3.conf`. */
  readonly entry: string;
  /** Older staged roots and entries removed (neither running, nor current, nor the fallback). */
  readonly removed: readonly string[];
}

export interface RootsStatus {
  readonly running: string;
  /** The entry the running root booted from, once blessed. */
  readonly runningEntry?: string;
  readonly loaderDefault?: string;
  readonly current?: string;
  readonly fallback?: string;
  readonly entries: readonly BootEntry[];
}

/**
 * Stages a snapshot as the next boot's root, without touching the running one:
 * a writable snapshot of it becomes a fresh `@root-<n>` (made as
 * `.@root-<n>.partial` and renamed, so a crash leaves no half of one), with its
 * own systemd-boot entry `koompi-root-<n>+3.conf`, a version above every other
 * entry's, and loader.conf's `default` set to `koompi*.conf` so systemd-boot
 * tries it first. `+3` is systemd-boot's boot counter: each failed boot counts
 * down; at `+0` the entry sorts last and the last good root boots again. A good
 * boot (boot-complete.target, reached only after koompi-boot-check passes)
 * makes systemd-bless-boot drop the counter; `promote()` then makes that entry
 * loader.conf's default, and the root before it stays as the fallback.
 */
export class BootStager {
  private readonly entries: string;
  private readonly loaderConf: string;
  private readonly tries: number;
  private readonly btrfs: string;

  constructor(private readonly options: BootStagingOptions) {
    this.entries = path.join(options.esp, 'loader', 'entries');
    this.loaderConf = path.join(options.esp, 'loader', 'loader.conf');
    this.tries = options.tries ?? 3;
    this.btrfs = options.btrfs ?? 'btrfs';
  }

  async stage(snapshotDir: string, label: string): Promise<StagedBoot> {
    await this.promote();
    const view = await this.view();
    const subvolumes = await this.subvolumes();
    const source =
      runningEntry(view) ?? view.entries.find((e) => e.subvolume === view.running) ?? lastGood(view).current;
    if (!source) throw new SnapshotStoreError(`no KOOMPI boot entry in ${this.entries}`);
    const template = await this.readEntry(source.file);
    const n = nextRootNumber(subvolumes, view.entries);
    const subvolume = `${ROOT_PREFIX}${n}`;
    const partial = path.join(this.options.top, `.${subvolume}.partial`);
    try {
      await this.deleteSubvolume(partial);
      await run(this.btrfs, ['-q', 'subvolume', 'snapshot', '--', snapshotDir, partial]);
      await fs.rename(partial, path.join(this.options.top, subvolume));
    } catch (error) {
      await this.deleteSubvolume(partial).catch(() => undefined);
      throw new SnapshotStoreError('could not stage the snapshot for the next boot', { cause: error });
    }
    // The entry comes after its root, and loader.conf after the entry: a crash leaves an unused root at worst.
    const entry = `${ROOT_ENTRY_PREFIX}${n}+${this.tries}.conf`;
    await writeAtomic(
      path.join(this.entries, entry),
      stagedEntry(template, label, subvolume, nextVersion(view.entries)),
      {
        mode: 0o644,
      },
    );
    await this.setDefault(PENDING_DEFAULT);
    return { subvolume, entry, removed: await this.clean([subvolume]) };
  }

  /**
   * Promotion: when the running root booted from a blessed entry that is not
   * loader.conf's default yet, that entry becomes the default. Returns the entry
   * promoted, if any. koompid calls it at start and before every staging.
   */
  async promote(): Promise<string | undefined> {
    const view = await this.view();
    const p = promotion(view);
    if (!p) return undefined;
    if (p.version) {
      const content = await this.readEntry(p.entry.file);
      await writeAtomic(path.join(this.entries, p.entry.file), withVersion(content, p.version), { mode: 0o644 });
    }
    await this.setDefault(p.default);
    return p.default;
  }

  /** What the ESP says about the roots (for logs and tests). */
  async status(): Promise<RootsStatus> {
    const view = await this.view();
    const { current, fallback } = lastGood(view);
    const mine = runningEntry(view);
    return {
      running: view.running,
      ...(mine ? { runningEntry: mine.file } : {}),
      ...(view.loaderDefault ? { loaderDefault: view.loaderDefault } : {}),
      ...(current ? { current: current.file } : {}),
      ...(fallback ? { fallback: fallback.file } : {}),
      entries: view.entries,
    };
  }

  private async view(): Promise<RootsView> {
    const running = await this.options.running();
    const names = await fs.readdir(this.entries).catch((error: unknown) => {
      throw new SnapshotStoreError(`cannot read ${this.entries}`, { cause: error });
    });
    const entries: BootEntry[] = [];
    for (const name of names.sort()) {
      if (!name.startsWith('koompi') || !name.endsWith('.conf')) continue;
      const entry = parseBootEntry(name, await this.readEntry(name));
      if (entry) entries.push(entry);
    }
    const conf = await fs.readFile(this.loaderConf, 'utf8').catch(() => '');
    const def = loaderDefault(conf);
    return { entries, running, ...(def ? { loaderDefault: def } : {}) };
  }

  /** Staged roots and half-made ones on the top level. */
  private async subvolumes(): Promise<string[]> {
    const names = await fs.readdir(this.options.top);
    return names.filter((n) => isStagedRoot(n) || /^\.@root-[0-9]+\.partial$/.test(n));
  }

  private async clean(keep: string[]): Promise<string[]> {
    const plan = cleanup(await this.view(), await this.subvolumes(), keep);
    const removed: string[] = [];
    for (const file of plan.entries) {
      await fs.rm(path.join(this.entries, file), { force: true });
      removed.push(file);
    }
    for (const sub of plan.subvolumes) {
      await this.deleteSubvolume(path.join(this.options.top, sub));
      removed.push(sub);
    }
    return removed;
  }

  private async setDefault(value: string): Promise<void> {
    const conf = await fs.readFile(this.loaderConf, 'utf8').catch(() => '');
    if (loaderDefault(conf) === value) return;
    await writeAtomic(this.loaderConf, withLoaderDefault(conf, value), { mode: 0o644 });
  }

  private async readEntry(name: string): Promise<string> {
    try {
      return await fs.readFile(path.join(this.entries, path.basename(name)), 'utf8');
    } catch (error) {
      throw new SnapshotStoreError(`cannot read boot entry ${name}`, { cause: error });
    }
  }

  private async deleteSubvolume(p: string): Promise<void> {
    const stat = await fs.stat(p).catch(() => undefined);
    if (stat) await run(this.btrfs, ['-q', 'subvolume', 'delete', '--', p]);
  }
}

/**
 * A staged boot entry: the current entry with the root subvolume replaced, a
 * title that says what it is, KOOMPI's sort-key and a version above every other
 * entry's, so systemd-boot sorts it first (by sort-key, then version, newest first).
 */
export function stagedEntry(current: string, label: string, subvolume: string, version: string): string {
  const out: string[] = [];
  let sortKey = `sort-key ${SORT_KEY}`;
  let rootflags = false;
  for (const raw of current.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    const [key] = line.split(/\s+/, 1);
    if (key === 'title' || key === 'version') continue;
    if (key === 'sort-key') {
      sortKey = line;
      continue;
    }
    if (key === 'options') {
      const opts = line.slice('options'.length).trim().split(/\s+/);
      rootflags ||= opts.some((o) => o.startsWith('rootflags='));
      out.push(`options ${opts.map((o) => (o.startsWith('rootflags=') ? rootflagsWith(o, subvolume) : o)).join(' ')}`);
      continue;
    }
    out.push(line);
  }
  if (!rootflags) {
    const last = out.map((l) => l.startsWith('options ')).lastIndexOf(true);
    if (last >= 0) out[last] = `${out[last]!} rootflags=subvol=${subvolume}`;
    else out.push(`options rootflags=subvol=${subvolume}`);
  }
  const safeLabel = label.replace(/[^\p{L}\p{M}\p{N} .:-]/gu, '');
  return [`title KOOMPI OS (${safeLabel})`, `version ${version}`, sortKey, ...out, ''].join('\n');
}

/** An entry with a new version (and KOOMPI's sort-key if it had none); everything else kept. */
export function withVersion(content: string, version: string): string {
  const lines = content.split('\n').filter((l) => l.trim() !== '' && !/^\s*version(\s|$)/.test(l));
  const keyed = lines.some((l) => /^\s*sort-key\s/.test(l));
  return [...lines, `version ${version}`, ...(keyed ? [] : [`sort-key ${SORT_KEY}`]), ''].join('\n');
}

function rootflagsWith(option: string, subvolume: string): string {
  const flags = option
    .slice('rootflags='.length)
    .split(',')
    .filter((f) => !f.startsWith('subvol=') && !f.startsWith('subvolid='));
  return `rootflags=${[`subvol=${subvolume}`, ...flags].join(',')}`;
}
