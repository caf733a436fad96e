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

export function readJsonFile<T>(file: string, isValid: (x: unknown) => x is T): T | undefined {
  try {
    const value: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    return isValid(value) ? value : undefined;
  } catch {
    return undefined;
  }
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
