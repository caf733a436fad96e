import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteHistory } from './sqlite-history.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-history-'));

describe('SqliteHistory', () => {
  it('keeps turns across a reopen, private to the person', async () => {
    const file = path.join(tmp(), 'sub', 'history.sqlite');
    const h = await SqliteHistory.open(file);
    await h.append({ role: 'user', text: 'សួស្តី', at: new Date(1000) });
    await h.append({ role: 'model', text: 'ជំរាបសួរ', at: new Date(2000), source: 'offline' });
    h.close();
    expect(fs.statSync(file).mode & 0o077).toBe(0);
    const again = await SqliteHistory.open(file);
    expect(await again.recent(10)).toEqual([
      { role: 'user', text: 'សួស្តី', at: new Date(1000) },
      { role: 'model', text: 'ជំរាបសួរ', at: new Date(2000), source: 'offline' },
    ]);
    expect((await again.recent(1)).map((t) => t.text)).toEqual(['ជំរាបសួរ']);
    again.close();
  });

  it('searches Khmer and English words, newest first, and treats % and _ literally', async () => {
    const h = await SqliteHistory.open(path.join(tmp(), 'h.sqlite'));
    await h.append({ role: 'user', text: 'ខ្ញុំចង់រៀនភាសាអង់គ្លេស', at: new Date(1) });
    await h.append({ role: 'user', text: 'install Firefox please', at: new Date(2) });
    await h.append({ role: 'user', text: 'ខ្ញុំចង់រៀនគណិតវិទ្យា', at: new Date(3) });
    await h.append({ role: 'user', text: '100% done', at: new Date(4) });
    expect((await h.search('រៀន', 10)).map((t) => t.text)).toEqual(['ខ្ញុំចង់រៀនគណិតវិទ្យា', 'ខ្ញុំចង់រៀនភាសាអង់គ្លេស']);
    expect((await h.search('firefox', 10)).map((t) => t.text)).toEqual(['install Firefox please']);
    expect(await h.search('%', 10)).toEqual([]);
    h.close();
  });

  it('moves a corrupt file aside (never deletes it) and starts a new history', async () => {
    const dir = tmp();
    const file = path.join(dir, 'history.sqlite');
    fs.writeFileSync(file, 'this is not a database');
    const h = await SqliteHistory.open(file);
    await h.append({ role: 'user', text: 'after', at: new Date(5) });
    expect((await h.recent(5)).map((t) => t.text)).toEqual(['after']);
    const aside = fs.readdirSync(dir).filter((f) => f.includes('.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(fs.readFileSync(path.join(dir, aside[0]!), 'utf8')).toBe('this is not a database');
    h.close();
  });
});
