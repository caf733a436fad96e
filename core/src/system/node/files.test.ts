import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDiskFileFinder } from './files.js';

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-home-'));
afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

describe('createDiskFileFinder', () => {
  fs.mkdirSync(path.join(home, 'Documents', 'School'), { recursive: true });
  fs.mkdirSync(path.join(home, '.cache'), { recursive: true });
  fs.writeFileSync(path.join(home, 'Documents', 'School', 'History Essay.odt'), 'x');
  fs.writeFileSync(path.join(home, 'Documents', 'របាយការណ៍.pdf'), 'x');
  fs.writeFileSync(path.join(home, '.cache', 'essay.tmp'), 'x');

  const finder = createDiskFileFinder({ home });

  it('finds files by words of their name, in any case, skipping hidden folders', async () => {
    const found = await finder.find('essay');
    expect(found.map((f) => path.basename(f.path))).toEqual(['History Essay.odt']);
    expect((await finder.find('history ESSAY')).length).toBe(1);
  });

  it('finds Khmer file names', async () => {
    expect((await finder.find('របាយការណ៍')).map((f) => path.basename(f.path))).toEqual(['របាយការណ៍.pdf']);
  });

  it('finds nothing for an empty query', async () => {
    expect(await finder.find('  ')).toEqual([]);
  });
});
