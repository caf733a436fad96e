import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import util from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { findApiKey } from './keys.js';
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

  it("reads the school's key when it is private to its group", async () => {
    const file = path.join(dir, 'ai.key');
    fs.writeFileSync(file, 'k-school\n', { mode: 0o640 });
    fs.chmodSync(file, 0o640);
    const found = await findApiKey({ env: {}, schoolKeyFile: file });
    expect(found.kind === 'found' && [found.source, found.key.reveal()]).toEqual(['school', 'k-school']);
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
