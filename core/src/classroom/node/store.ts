/** Small durable files (the classroom's state, lessons), and the HTTP helpers both sides share. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { syncDirSync, writeAtomicSync } from '../../fs/node/atomic.js';

/** Writes a file atomically (core/src/fs/node/atomic.ts), its folder made if missing; private (0600) unless told. */
export function writeDurable(file: string, data: string | Uint8Array, mode = 0o600): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  writeAtomicSync(file, data, { mode });
}

/**
 * A state file (teacher.json, student.json) that is there but can't be used,
 * and no good previous copy either. The class refuses to start rather than
 * make a new identity: `key` and `params` are the message for the person in
 * the `classroom` i18n domain.
 */
export class StateDamagedError extends Error {
  override readonly name = 'StateDamagedError';
  readonly key: string;
  readonly params: { file: string; prev: string };
  constructor(
    readonly role: 'teacher' | 'student',
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file} is damaged (${reason}) and so is ${file}.prev: not starting, so as not to make a new identity`);
    this.key = `state.damaged.${role}`;
    this.params = { file, prev: `${file}.prev` };
  }
}

type StateRead<T> = { kind: 'ok'; value: T } | { kind: 'absent' } | { kind: 'bad'; reason: string };

function readState<T>(file: string, isValid: (x: unknown) => x is T): StateRead<T> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    // Only "no such file" is no file: a permission or I/O error is a file we can't read, not a new class.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'absent' };
    return { kind: 'bad', reason: (error as NodeJS.ErrnoException).code ?? String(error) };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'bad', reason: text.length === 0 ? 'empty' : 'not JSON (truncated?)' };
  }
  return isValid(value) ? { kind: 'ok', value } : { kind: 'bad', reason: 'not a state file' };
}

/**
 * Reads a state file kept by `writeState`: the file, or its previous good copy
 * (`<file>.prev`) when the file is damaged or missing. A damaged file that was
 * replaced by its previous copy is kept aside as `<file>.damaged`. Undefined
 * only when neither exists (a first start); throws `StateDamagedError` when
 * there is something but nothing good.
 */
export function loadState<T>(
  file: string,
  isValid: (x: unknown) => x is T,
  role: 'teacher' | 'student',
  log?: (line: string) => void,
): T | undefined {
  const current = readState(file, isValid);
  if (current.kind === 'ok') return current.value;
  const prev = readState(`${file}.prev`, isValid);
  if (prev.kind === 'ok') {
    if (current.kind === 'bad') {
      log?.(`${file} is damaged (${current.reason}); using the previous copy ${file}.prev`);
      try {
        fs.renameSync(file, `${file}.damaged`);
      } catch {
        // kept where it is; the next save replaces it
      }
    }
    return prev.value;
  }
  if (current.kind === 'absent' && prev.kind === 'absent') return undefined;
  const reason = current.kind === 'bad' ? current.reason : 'missing';
  throw new StateDamagedError(role, file, prev.kind === 'bad' ? `${reason}; previous copy: ${prev.reason}` : reason);
}

/**
 * Writes a state file atomically, keeping what was there as `<file>.prev`
 * (a hard link to the old file, so `file` is never missing), private (0600).
 */
export function writeState(file: string, data: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const prevTmp = `${file}.prev.${process.pid}.tmp`;
  try {
    fs.rmSync(prevTmp, { force: true });
    fs.linkSync(file, prevTmp);
    fs.renameSync(prevTmp, `${file}.prev`);
  } catch (error) {
    fs.rmSync(prevTmp, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') {
      // No hard links here (FAT): a copy, written atomically too.
      if (fs.existsSync(file)) writeAtomicSync(`${file}.prev`, fs.readFileSync(file), { mode: 0o600 });
    }
  }
  writeAtomicSync(file, data, { mode: 0o600 });
}

export async function sha256File(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** A name inside `dir` that does not exist yet: `work.odt`, `work (2).odt`, … */
export function freeName(dir: string, name: string): string {
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let i = 1; ; i++) {
    const candidate = i === 1 ? name : `${stem} (${i})${ext}`;
    if (!fs.existsSync(path.join(dir, candidate))) return candidate;
  }
}

/** Copies a file (a reflink on Btrfs), durably, to a new name that replaces nothing. */
export function copyDurable(src: string, dstDir: string, name: string): string {
  fs.mkdirSync(dstDir, { recursive: true });
  const final = path.join(dstDir, freeName(dstDir, name));
  const tmp = path.join(dstDir, `.${path.basename(final)}.${process.pid}.part`);
  fs.copyFileSync(src, tmp, fs.constants.COPYFILE_FICLONE);
  const fd = fs.openSync(tmp, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  // link + unlink instead of rename: never replaces a file that appeared meanwhile.
  fs.linkSync(tmp, final);
  fs.unlinkSync(tmp);
  syncDirSync(dstDir);
  return final;
}

export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
}

export function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new BodyTooLargeError(`request body over ${limit} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
}

export async function postJson(
  url: string,
  body: unknown,
  timeoutMs = 10_000,
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: res.status, body: parsed };
}

export function hostFor(address: string): string {
  return address.includes(':') ? `[${address}]` : address;
}
