import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import util from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { findApiKey, readSchoolKey } from './keys.js';
import { Secret } from './secret.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-keys-'));
afterEach(() => {
  for (const f of fs.readdirSync(dir)) fs.rmSync(path.join(dir, f));
});

describe('findApiKey', () => {
  it('takes KOOMPI_GEMINI_API_KEY first', async () => {
    const found = await findApiKey({
      env: { KOOMPI_GEMINI_API_KEY: ' k-env ' },
      schoolKeyFile: path.join(dir, 'none'),
    });
    expect(found.kind === 'found' && [found.source, found.key.reveal()]).toEqual(['env', 'k-env']);
  });

  const groups = path.join(dir, '..', `koompi-keys-group-${process.pid}`);
  fs.writeFileSync(groups, 'root:x:0:\nkoompi-ai:x:4242:\nstudents:x:4343:\n');
  const isRoot = process.getuid?.() === 0;

  it.skipIf(!isRoot)("reads the school's key when it is root:koompi-ai and private to its group", () => {
    const file = path.join(dir, 'ai.key');
    fs.writeFileSync(file, 'k-school\n', { mode: 0o640 });
    fs.chmodSync(file, 0o640);
    fs.chownSync(file, 0, 4242);
    const found = readSchoolKey(file, groups);
    expect(found.kind === 'found' && found.key.reveal()).toBe('k-school');
  });

  it.skipIf(!isRoot)('refuses a school key owned by anyone but root, or in any group but koompi-ai', () => {
    const file = path.join(dir, 'ai.key');
    fs.writeFileSync(file, 'k-school\n', { mode: 0o640 });
    fs.chmodSync(file, 0o640);
    for (const [uid, gid] of [
      [0, 4343],
      [1000, 4242],
      [0, 0],
    ] as const) {
      fs.chownSync(file, uid, gid);
      expect(readSchoolKey(file, groups)).toEqual({
        kind: 'problem',
        problem: { kind: 'school-key-wrong-owner', file },
      });
    }
    fs.chownSync(file, 0, 4242);
    fs.chmodSync(file, 0o641); // any bit for others: executable counts too
    expect(readSchoolKey(file, groups)).toEqual({ kind: 'problem', problem: { kind: 'school-key-exposed', file } });
  });

  it('refuses a school key that anyone could read, and says so', async () => {
    const file = path.join(dir, 'ai.key');
    fs.writeFileSync(file, 'k-school\n');
    fs.chmodSync(file, 0o644);
    expect(await findApiKey({ env: {}, schoolKeyFile: file })).toEqual({
      kind: 'none',
      problems: [{ kind: 'school-key-exposed', file }],
    });
  });

  it('finds nothing, quietly, when there is no key anywhere', async () => {
    expect(await findApiKey({ env: {}, schoolKeyFile: path.join(dir, 'missing') })).toEqual({
      kind: 'none',
      problems: [],
    });
  });
});

describe('Secret', () => {
  it('never shows its value when printed, logged or serialised', () => {
    const s = new Secret('AIza-very-secret');
    expect(String(s)).not.toContain('AIza');
    expect(JSON.stringify({ s })).not.toContain('AIza');
    expect(util.inspect(s)).not.toContain('AIza');
    expect(`${s}`).not.toContain('AIza');
    expect(s.reveal()).toBe('AIza-very-secret');
  });
});
