/**
 * The recent files of an office app (File ▸ Open Recent): the last ten paths
 * opened or saved, newest first, in `<state>/recent/<app>.json`, written
 * atomically. Files that are gone are left out of the list.
 */
import fs from 'node:fs';
import path from 'node:path';
import { writeAtomicSync } from '../../fs/node/atomic.js';
import { ensurePrivateDir, koompiStateDir } from './state.js';

export const RECENT_LIMIT = 10;

export class RecentFiles {
  readonly file: string;

  constructor(app: string, stateDir: string = koompiStateDir()) {
    this.file = path.join(stateDir, 'recent', `${app}.json`);
  }

  private stored(): string[] {
    try {
      const list = JSON.parse(fs.readFileSync(this.file, 'utf8')) as unknown;
      return Array.isArray(list) ? list.filter((p): p is string => typeof p === 'string') : [];
    } catch {
      return [];
    }
  }

  /** Newest first, only files that still exist. */
  list(): string[] {
    return this.stored().filter((p) => fs.existsSync(p));
  }

  /** Puts `file` first. Never throws: a recent list that cannot be written is not worth an error. */
  add(file: string): string[] {
    const abs = path.resolve(file);
    const next = [abs, ...this.stored().filter((p) => p !== abs)].slice(0, RECENT_LIMIT);
    try {
      ensurePrivateDir(path.dirname(this.file));
      writeAtomicSync(this.file, `${JSON.stringify(next, null, 1)}\n`, { mode: 0o600 });
    } catch {
      // read-only home or full disk: the list stays as it was
    }
    return next.filter((p) => fs.existsSync(p));
  }

  clear(): void {
    fs.rmSync(this.file, { force: true });
  }
}
