import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeAtomic, writeAtomicSync, type AtomicWriteOptions } from './atomic.js';

const variants: [string, (file: string, data: string | Uint8Array, options?: AtomicWriteOptions) => Promise<void>][] = [
  ['writeAtomic', writeAtomic],
  ['writeAtomicSync', async (file, data, options) => writeAtomicSync(file, data, options)],
];

const modeOf = (file: string): number => fs.statSync(file).mode & 0o777;

describe.each(variants)('%s', (_name, write) => {
  let dir: string;
  let umask: number;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-atomic-'));
    umask = process.umask(0o022);
  });
  afterEach(() => {
    process.umask(umask);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes a new file, text or bytes, and leaves no temporary file beside it', async () => {
    await write(path.join(dir, 'a.json'), '{"digits":"khmer"}\n');
    await write(path.join(dir, 'b.bin'), new Uint8Array([0, 1, 2, 255]));
    expect(fs.readFileSync(path.join(dir, 'a.json'), 'utf8')).toBe('{"digits":"khmer"}\n');
    expect([...fs.readFileSync(path.join(dir, 'b.bin'))]).toEqual([0, 1, 2, 255]);
    expect(fs.readdirSync(dir).sort()).toEqual(['a.json', 'b.bin']);
  });

  it('replaces a file and keeps its mode when none is given', async () => {
    const file = path.join(dir, 'notes.txt');
    fs.writeFileSync(file, 'old');
    fs.chmodSync(file, 0o640);
    await write(file, 'new');
    expect(fs.readFileSync(file, 'utf8')).toBe('new');
    expect(modeOf(file)).toBe(0o640);
  });

  it('gives a new file 0666 less the umask when no mode is given, as fs.writeFile does', async () => {
    const file = path.join(dir, 'fresh.txt');
    await write(file, 'x');
    expect(modeOf(file)).toBe(0o644);
  });

  it('uses an explicit mode, for a new file and over an existing one', async () => {
    const fresh = path.join(dir, 'history.sqlite');
    await write(fresh, 'x', { mode: 0o600 });
    expect(modeOf(fresh)).toBe(0o600);
    const old = path.join(dir, 'old.sqlite');
    fs.writeFileSync(old, 'x', { mode: 0o644 });
    await write(old, 'y', { mode: 0o600 });
    expect(modeOf(old)).toBe(0o600);
  });

  it('with overwrite false, creates a missing file but never replaces one', async () => {
    const file = path.join(dir, 'រៀន.odt');
    await write(file, 'first', { overwrite: false });
    expect(fs.readFileSync(file, 'utf8')).toBe('first');
    await expect(write(file, 'second', { overwrite: false })).rejects.toMatchObject({ code: 'EEXIST' });
    expect(fs.readFileSync(file, 'utf8')).toBe('first');
    expect(fs.readdirSync(dir)).toEqual(['រៀន.odt']);
  });

  it('when the last step fails, throws, keeps what was there and removes the temporary file', async () => {
    const taken = path.join(dir, 'taken');
    fs.mkdirSync(taken);
    fs.writeFileSync(path.join(taken, 'inside'), 'keep');
    await expect(write(taken, 'data')).rejects.toMatchObject({ code: expect.stringMatching(/^E/) });
    expect(fs.readFileSync(path.join(taken, 'inside'), 'utf8')).toBe('keep');
    expect(fs.readdirSync(dir)).toEqual(['taken']);
  });

  it('accepts a name as long as the file system allows (the temporary name stays short)', async () => {
    const name = `${'ក'.repeat(80)}.txt`; // 240 bytes of Khmer + 4
    await write(path.join(dir, name), 'ok');
    expect(fs.readdirSync(dir)).toEqual([name]);
  });
});
