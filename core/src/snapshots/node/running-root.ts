import fs from 'node:fs/promises';
import path from 'node:path';
import { runningSubvolume } from '../roots.js';
import { SnapshotStoreError } from '../snapshots.js';

export interface RunningRootOptions {
  /** Where the Btrfs top level (subvolid=5) is mounted. */
  readonly top: string;
  /** The mount table to read: /proc/self/mountinfo, or a file of the same format (tests: a fake boot). */
  readonly mountinfo?: string;
  /** The mount table's text itself, instead of a file. */
  readonly mountinfoText?: string;
}

/**
 * The root actually running: the Btrfs subvolume mounted at `/`, read from the
 * mount table at every call (never from configuration), so that snapshots,
 * previews and restores follow a staged root once it has been booted.
 */
export class RunningRoot {
  constructor(private readonly options: RunningRootOptions) {}

  /** The subvolume's name on the top level, e.g. `@` or `@root-3`. */
  async subvolume(): Promise<string> {
    const file = this.options.mountinfo ?? '/proc/self/mountinfo';
    let text = this.options.mountinfoText;
    if (text === undefined) {
      try {
        text = await fs.readFile(file, 'utf8');
      } catch (error) {
        throw new SnapshotStoreError(`cannot read ${file}`, { cause: error });
      }
    }
    const subvolume = runningSubvolume(text);
    if (!subvolume) throw new SnapshotStoreError(`/ is not a Btrfs subvolume (${file})`);
    const stat = await fs.stat(path.join(this.options.top, subvolume)).catch(() => undefined);
    if (!stat?.isDirectory()) {
      throw new SnapshotStoreError(`the running root ${subvolume} is not on ${this.options.top}`);
    }
    return subvolume;
  }

  /** The running root's directory under the top level. */
  async path(): Promise<string> {
    return path.join(this.options.top, await this.subvolume());
  }
}
