/**
 * A lesson arriving on a student's device: fetched from the teacher over HTTP
 * (resuming with Range after a drop), or waited for where multicast drops it,
 * then every file checked against the signed manifest before it is put in
 * Lessons/<title>/. Nothing counts as arrived until its SHA-256 matches.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { LessonOffer, ManifestFile } from '../lessons.js';
import { displayName } from '../names.js';
import type { ReceivedLesson } from '../student-state.js';
import { sleep } from './process.js';
import { copyDurable, hostFor, sha256File } from './store.js';

export class LessonError extends Error {
  override readonly name = 'LessonError';
}

/** A read from the teacher that brings no byte for this long is abandoned and tried again. */
export const FETCH_IDLE_MS = 30_000;
/** Attempts in a row that bring no byte before the lesson is reported failed. */
const ATTEMPTS_WITHOUT_PROGRESS = 5;

export interface HttpFetchOptions {
  readonly idleMs?: number;
  /** Waits between attempts (ms, doubled each time up to 5 s). */
  readonly backoffMs?: number;
  readonly log?: (line: string) => void;
}

/**
 * Fetches every file from the teacher's HTTP server into `dir`, resuming
 * partial files. `teacher()` is asked before every attempt (the student may
 * have followed the teacher to a new address meanwhile). Every read has a
 * timeout: a teacher (or whoever answers in its place) that stops sending is
 * left after `idleMs`, and after five attempts in a row with no new byte the
 * lesson fails with a `LessonError`, which the receiver reports.
 */
export async function fetchOverHttp(
  teacher: () => { host: string; port: number },
  offer: LessonOffer,
  dir: string,
  token: string,
  isClosed: () => boolean,
  options: HttpFetchOptions = {},
): Promise<void> {
  const idleMs = options.idleMs ?? FETCH_IDLE_MS;
  const backoffMs = options.backoffMs ?? 200;
  for (const f of offer.files) {
    const target = path.join(dir, f.path);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    for (let idle = 0; ;) {
      const have = fs.existsSync(target) ? fs.statSync(target).size : 0;
      if (have === f.size) break;
      try {
        await fetchOne(teacher(), offer.share, f, target, have, token, idleMs);
      } catch (error) {
        const now = fs.existsSync(target) ? fs.statSync(target).size : 0;
        idle = now > have ? 0 : idle + 1;
        options.log?.(`fetching ${f.path}: ${String(error)}`);
        if (idle >= ATTEMPTS_WITHOUT_PROGRESS || isClosed())
          throw new LessonError(`could not fetch ${f.path}`, { cause: error });
        await sleep(Math.min(5000, backoffMs * 2 ** idle));
      }
    }
  }
}

async function fetchOne(
  teacher: { host: string; port: number },
  share: string,
  f: ManifestFile,
  target: string,
  have: number,
  token: string,
  idleMs: number,
): Promise<void> {
  const url = `http://${hostFor(teacher.host)}:${teacher.port}/lesson/${share}/${f.path.split('/').map(encodeURIComponent).join('/')}`;
  // One timer for the whole read: started before the headers, restarted by every chunk.
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const arm = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => abort.abort(new LessonError(`no byte from the teacher for ${idleMs} ms`)), idleMs);
  };
  arm();
  try {
    const res = await fetch(url, {
      headers: { 'x-koompi-token': token, ...(have > 0 ? { range: `bytes=${have}-` } : {}) },
      signal: abort.signal,
    });
    if (!res.ok || !res.body) throw new LessonError(`HTTP ${res.status}`);
    const append = have > 0 && res.status === 206;
    const out = fs.createWriteStream(target, { flags: append ? 'a' : 'w' });
    try {
      let written = append ? have : 0;
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        arm();
        written += chunk.length;
        if (written > f.size) throw new LessonError('more bytes than the manifest says');
        if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
      }
    } finally {
      await new Promise<void>((resolve) => out.end(() => resolve()));
    }
  } finally {
    clearTimeout(timer);
  }
}

/** Bytes under a folder (files being written count as they grow). */
function bytesUnder(dir: string): number {
  let total = 0;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) total += bytesUnder(p);
    else if (e.isFile()) {
      try {
        total += fs.statSync(p).size;
      } catch {
        // moved away meanwhile
      }
    }
  }
  return total;
}

/**
 * Waits until every file of the manifest is in `root` at its full size
 * (uftpd writes into `tempDir` and moves complete files in). `stalled` when
 * no byte arrived in either for `stallMs`: the student missed the multicast
 * (it was off, or lost too much) and fetches the rest from the teacher.
 */
export async function waitForFiles(
  root: string,
  files: readonly ManifestFile[],
  isClosed: () => boolean,
  tempDir: string,
  stallMs = 20_000,
): Promise<'complete' | 'stalled'> {
  let lastProgress = Date.now();
  let lastBytes = -1;
  for (;;) {
    if (isClosed()) throw new LessonError('closed while waiting for the lesson');
    const complete = files.every((f) => {
      try {
        return fs.statSync(path.join(root, f.path)).size === f.size;
      } catch {
        return false;
      }
    });
    if (complete) return 'complete';
    const bytes = bytesUnder(root) + bytesUnder(tempDir);
    if (bytes !== lastBytes) {
      lastBytes = bytes;
      lastProgress = Date.now();
    } else if (Date.now() - lastProgress > stallMs) return 'stalled';
    await sleep(100);
  }
}

/** Checks every file against the manifest, then puts the lesson in its own folder under `lessonsDir`. */
export async function verifyAndPlace(
  root: string,
  offer: LessonOffer,
  lessonsDir: string,
  now: number,
): Promise<ReceivedLesson> {
  for (const f of offer.files) {
    if ((await sha256File(path.join(root, f.path))) !== f.sha256) {
      throw new LessonError(`${f.path}: content differs from the teacher's`);
    }
  }
  const title = displayName(offer.title) || offer.share;
  const dir = path.join(lessonsDir, freeFolderName(title, lessonsDir));
  for (const f of offer.files) linkOrCopy(path.join(root, f.path), path.join(dir, f.path));
  return {
    share: offer.share,
    title,
    dir,
    files: offer.files.map((f) => f.path),
    bytes: offer.files.reduce((n, f) => n + f.size, 0),
    arrivedAt: now,
  };
}

/**
 * A hard link when possible (no second copy of a 100 MB lesson while it is
 * still being seeded), else a copy.
 */
function linkOrCopy(src: string, target: string): void {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  try {
    fs.linkSync(src, target);
  } catch {
    copyDurable(src, path.dirname(target), path.basename(target));
  }
}

function freeFolderName(title: string, parent: string): string {
  const base = title.replace(/[/\\]/g, '-').replace(/^\.+/, '') || 'lesson';
  let name = base;
  for (let i = 2; fs.existsSync(path.join(parent, name)); i++) name = `${base} (${i})`;
  return name;
}
