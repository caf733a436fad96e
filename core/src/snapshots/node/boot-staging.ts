import fs from 'node:fs/promises';
import path from 'node:path';
import { writeAtomic } from '../../fs/node/atomic.js';
import { run } from '../../process/node/run.js';
import { SnapshotStoreError } from '../snapshots.js';

export interface BootStagingOptions {
  /** The Btrfs top level (subvolid=5). */
  readonly top: string;
  /** The EFI system partition (holds loader/entries/). */
  readonly esp: string;
  /** The boot entry of the running system, whose kernel and options the staged entry copies. */
  readonly currentEntry?: string;
  /** Boot tries before systemd-boot gives up on the staged entry and boots the current one again. */
  readonly tries?: number;
  readonly btrfs?: string;
}

export const STAGED_SUBVOLUME = '@staged';
const STAGED_PARTIAL = '.@staged.partial';
const STAGED_ENTRY = 'koompi-staged';

export interface StagedBoot {
  readonly subvolume: string;
  /** The boot entry file written, e.g. `koompi-staged+3.conf`. */
  readonly entry: string;
}

/**
 * Stages a snapshot as the next boot's root, without touching the running one:
 * a writable snapshot of it becomes `@staged` (made under a temporary name and
 * renamed, so a crash leaves the old staging or none, never half of one), and a
 * systemd-boot entry `koompi-staged+3.conf` boots it. The `+3` is systemd-boot's
 * boot counter: each failed boot decrements it; at `+0` the entry sorts last and
 * the current entry boots again. A good boot (boot-complete.target, reached only
 * after koompi-boot-check passes) makes systemd-bless-boot drop the counter.
 */
export class BootStager {
  private readonly entries: string;
  private readonly tries: number;
  private readonly btrfs: string;

  constructor(private readonly options: BootStagingOptions) {
    this.entries = path.join(options.esp, 'loader', 'entries');
    this.tries = options.tries ?? 3;
    this.btrfs = options.btrfs ?? 'btrfs';
  }

  async stage(snapshotDir: string, label: string): Promise<StagedBoot> {
    const top = this.options.top;
    const partial = path.join(top, STAGED_PARTIAL);
    const staged = path.join(top, STAGED_SUBVOLUME);
    const current = await this.readCurrentEntry();
    try {
      await this.deleteSubvolume(partial);
      await run(this.btrfs, ['-q', 'subvolume', 'snapshot', '--', snapshotDir, partial]);
      // Swap in: the old staging goes first; a crash between the two steps
      // leaves no staged root and no entry pointing at one (the entry is written last).
      await this.removeEntries();
      await this.deleteSubvolume(staged);
      await fs.rename(partial, staged);
    } catch (error) {
      await this.deleteSubvolume(partial).catch(() => undefined);
      throw new SnapshotStoreError('could not stage the snapshot for the next boot', { cause: error });
    }
    const entry = `${STAGED_ENTRY}+${this.tries}.conf`;
    await writeAtomic(path.join(this.entries, entry), stagedEntry(current, label), { mode: 0o644 });
    return { subvolume: STAGED_SUBVOLUME, entry };
  }

  /** The staged entry, if one is waiting (with its boot counter, or blessed). */
  async stagedEntry(): Promise<string | undefined> {
    const names = await fs.readdir(this.entries).catch(() => [] as string[]);
    return names.find((n) => n.startsWith(STAGED_ENTRY) && n.endsWith('.conf'));
  }

  private async readCurrentEntry(): Promise<string> {
    const names = await fs.readdir(this.entries).catch(() => [] as string[]);
    const name =
      this.options.currentEntry ??
      names.find((n) => n.startsWith('koompi') && !n.startsWith(STAGED_ENTRY) && n.endsWith('.conf'));
    if (!name) throw new SnapshotStoreError(`no KOOMPI boot entry in ${this.entries}`);
    try {
      return await fs.readFile(path.join(this.entries, path.basename(name)), 'utf8');
    } catch (error) {
      throw new SnapshotStoreError(`cannot read boot entry ${name}`, { cause: error });
    }
  }

  private async removeEntries(): Promise<void> {
    const names = await fs.readdir(this.entries).catch(() => [] as string[]);
    for (const n of names) if (n.startsWith(STAGED_ENTRY)) await fs.rm(path.join(this.entries, n), { force: true });
  }

  private async deleteSubvolume(p: string): Promise<void> {
    const stat = await fs.stat(p).catch(() => undefined);
    if (stat) await run(this.btrfs, ['-q', 'subvolume', 'delete', '--', p]);
  }
}

/**
 * The staged boot entry: the current entry with the root subvolume replaced,
 * a title that says what it is, and a higher version so systemd-boot sorts it
 * first (entries are sorted by sort-key, then version, newest first).
 */
export function stagedEntry(current: string, label: string): string {
  const lines = current.split('\n').filter((l) => l.trim() !== '');
  const out: string[] = [];
  for (const line of lines) {
    const [key] = line.trim().split(/\s+/, 1);
    if (key === 'title' || key === 'version') continue;
    if (key === 'options') {
      const opts = line
        .trim()
        .slice('options'.length)
        .trim()
        .split(/\s+/)
        .map((o) => (o.startsWith('rootflags=') ? rootflagsWith(o) : o));
      if (!opts.some((o) => o.startsWith('rootflags='))) opts.push(`rootflags=subvol=${STAGED_SUBVOLUME}`);
      out.push(`options ${opts.join(' ')}`);
      continue;
    }
    out.push(line.trim());
  }
  const version = /^version\s+(.+)$/m.exec(current)?.[1]?.trim() ?? '0';
  const safeLabel = label.replace(/[^\p{L}\p{M}\p{N} .:-]/gu, '');
  return [`title KOOMPI OS (${safeLabel})`, `version ${version}.staged`, ...out, ''].join('\n');
}

function rootflagsWith(option: string): string {
  const flags = option
    .slice('rootflags='.length)
    .split(',')
    .filter((f) => !f.startsWith('subvol=') && !f.startsWith('subvolid='));
  return `rootflags=${[`subvol=${STAGED_SUBVOLUME}`, ...flags].join(',')}`;
}
