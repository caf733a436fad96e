/**
 * Autosave and crash recovery for the office apps. Each open document has an
 * entry, `<state>/autosave/<app>/<id>.json`, rewritten atomically (the one
 * atomic write) while the person works: after a kill at any moment the entry
 * on disk is the last complete autosave, never half of one. The entry names
 * the process that owns it (pid and the process's start time, so a reused pid
 * is not mistaken for the owner). At start an app lists the entries whose
 * owner is gone (`orphans`) and offers that work back; it adopts each one
 * (writes its own copy first, then removes the old entry), so a crash during
 * recovery loses nothing either. A document saved or closed on purpose
 * removes its entry.
 *
 * @example
 * const store = new AutosaveStore('write');
 * for (const entry of store.orphans()) openRecovered(entry);
 * const id = store.newId();
 * store.write(id, { file: '/home/dara/a.odt', content: editor.toHtml() });
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { writeAtomicSync } from '../../fs/node/atomic.js';
import { ensurePrivateDir, koompiStateDir } from './state.js';

export interface AutosaveEntry<T = unknown> {
  readonly id: string;
  readonly app: string;
  readonly pid: number;
  /** The owner's start time (/proc/PID/stat field 22), '' where unknown. */
  readonly started: string;
  /** The file the work belongs to, if it was ever saved or opened. */
  readonly file?: string;
  /** ISO time of this autosave. */
  readonly savedAt: string;
  readonly content: T;
}

/** A process's start time in clock ticks since boot, or '' (no /proc). */
export function processStart(pid: number): string {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name (field 2) is in parentheses and may hold spaces
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? '';
  } catch {
    return '';
  }
}

/** Is the process that wrote an entry still running? */
export function ownerAlive(pid: number, started: string): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const now = processStart(pid);
  return !started || !now || now === started;
}

export class AutosaveStore<T = unknown> {
  readonly dir: string;
  private readonly started = processStart(process.pid);

  constructor(
    readonly app: string,
    stateDir: string = koompiStateDir(),
  ) {
    this.dir = path.join(stateDir, 'autosave', app);
  }

  newId(): string {
    return `${process.pid}-${crypto.randomBytes(6).toString('hex')}`;
  }

  private fileOf(id: string): string {
    if (!/^[\w-]+$/.test(id)) throw new Error(`bad autosave id: ${id}`);
    return path.join(this.dir, `${id}.json`);
  }

  /** Writes the entry atomically; returns the file written. Throws on a full disk and the like. */
  write(id: string, work: { readonly file?: string; readonly content: T }): string {
    ensurePrivateDir(this.dir);
    const entry: AutosaveEntry<T> = {
      id,
      app: this.app,
      pid: process.pid,
      started: this.started,
      ...(work.file ? { file: work.file } : {}),
      savedAt: new Date().toISOString(),
      content: work.content,
    };
    const file = this.fileOf(id);
    writeAtomicSync(file, JSON.stringify(entry), { mode: 0o600 });
    return file;
  }

  read(id: string): AutosaveEntry<T> | undefined {
    try {
      const entry = JSON.parse(fs.readFileSync(this.fileOf(id), 'utf8')) as AutosaveEntry<T>;
      return entry && entry.app === this.app ? { ...entry, id } : undefined;
    } catch {
      return undefined;
    }
  }

  remove(id: string): void {
    fs.rmSync(this.fileOf(id), { force: true });
  }

  /** Every readable entry, oldest first. */
  list(): Array<AutosaveEntry<T>> {
    let names: string[];
    try {
      names = fs.readdirSync(this.dir);
    } catch {
      return [];
    }
    return names
      .filter((n) => n.endsWith('.json'))
      .map((n) => this.read(n.slice(0, -5)))
      .filter((e): e is AutosaveEntry<T> => e !== undefined)
      .sort((a, b) => a.savedAt.localeCompare(b.savedAt));
  }

  /** Entries whose owner is gone: work to offer back. Also removes temporary files that dead writers left. */
  orphans(): Array<AutosaveEntry<T>> {
    try {
      for (const n of fs.readdirSync(this.dir)) {
        const m = /^\.koompi-(\d+)-[0-9a-f]+\.tmp$/.exec(n);
        if (m && !ownerAlive(Number(m[1]), '')) fs.rmSync(path.join(this.dir, n), { force: true });
      }
    } catch {
      // no folder yet
    }
    return this.list().filter((e) => e.pid !== process.pid && !ownerAlive(e.pid, e.started));
  }

  /** Takes over an orphan: writes it under a new id owned by this process, then removes the old entry. */
  adopt(entry: AutosaveEntry<T>): string {
    const id = this.newId();
    this.write(id, { ...(entry.file ? { file: entry.file } : {}), content: entry.content });
    this.remove(entry.id);
    return id;
  }
}
