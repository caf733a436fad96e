import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AutosaveStore, ownerAlive, processStart } from './autosave.js';
import { RecentFiles } from './recent-files.js';
import { koompiStateDir } from './state.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-autosave-'));

describe('koompiStateDir', () => {
  it('is $XDG_STATE_HOME/koompi, else ~/.local/state/koompi', () => {
    expect(koompiStateDir({ XDG_STATE_HOME: '/s', HOME: '/h' })).toBe('/s/koompi');
    expect(koompiStateDir({ XDG_STATE_HOME: 'relative', HOME: '/h' })).toBe('/h/.local/state/koompi');
    expect(koompiStateDir({ HOME: '/h' })).toBe('/h/.local/state/koompi');
  });
});

describe('AutosaveStore', () => {
  it('keeps its own entries out of the orphans, and offers a dead process’s work back', () => {
    const dir = tmp();
    const store = new AutosaveStore<string>('write', dir);
    const mine = store.newId();
    store.write(mine, { content: 'កំពុងសរសេរ' });
    expect(store.orphans()).toEqual([]);
    expect(store.read(mine)).toMatchObject({ content: 'កំពុងសរសេរ', pid: process.pid });
    expect(fs.statSync(path.join(store.dir, `${mine}.json`)).mode & 0o777).toBe(0o600);

    // a process that wrote an entry and then died
    const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    const deadPid = Number(child.stdout);
    const dead = {
      id: `${deadPid}-aaaa`,
      app: 'write',
      pid: deadPid,
      started: '1',
      file: '/x/a.odt',
      savedAt: '2026-01-01T00:00:00.000Z',
      content: 'ការងារដែលនៅសល់',
    };
    fs.writeFileSync(path.join(store.dir, `${dead.id}.json`), JSON.stringify(dead));
    fs.writeFileSync(path.join(store.dir, `.koompi-${deadPid}-abcd.tmp`), 'half');
    const orphans = store.orphans();
    expect(orphans).toEqual([dead]);
    expect(fs.existsSync(path.join(store.dir, `.koompi-${deadPid}-abcd.tmp`))).toBe(false);

    const adopted = store.adopt(orphans[0]!);
    expect(store.read(adopted)).toMatchObject({ content: 'ការងារដែលនៅសល់', file: '/x/a.odt', pid: process.pid });
    expect(store.read(dead.id)).toBeUndefined();
    expect(store.orphans()).toEqual([]);
    store.remove(adopted);
    store.remove(mine);
    expect(store.list()).toEqual([]);
  });

  it('tells a live owner from a reused pid by its start time', async () => {
    expect(ownerAlive(process.pid, processStart(process.pid))).toBe(true);
    expect(ownerAlive(process.pid, 'not-the-start')).toBe(false);
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    await new Promise((r) => child.once('spawn', r));
    const started = processStart(child.pid!);
    expect(ownerAlive(child.pid!, started)).toBe(true);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(ownerAlive(child.pid!, started)).toBe(false);
  });

  it('an entry killed mid-write is the previous complete one', () => {
    const dir = tmp();
    const store = new AutosaveStore<string>('calculate', dir);
    const id = store.newId();
    store.write(id, { content: 'one' });
    // what a kill during the next write leaves: a temporary file beside the entry
    fs.writeFileSync(path.join(store.dir, `.koompi-${process.pid}-dead.tmp`), '{"half');
    expect(store.read(id)?.content).toBe('one');
  });
});

describe('RecentFiles', () => {
  it('keeps the last ten existing files, newest first, without duplicates', () => {
    const dir = tmp();
    const recent = new RecentFiles('write', dir);
    const files = Array.from({ length: 12 }, (_, i) => path.join(dir, `ឯកសារ ${i}.odt`));
    for (const f of files) {
      fs.writeFileSync(f, '');
      recent.add(f);
    }
    recent.add(files[5]!);
    expect(recent.list()).toEqual([
      files[5],
      files[11],
      files[10],
      files[9],
      files[8],
      files[7],
      files[6],
      files[4],
      files[3],
      files[2],
    ]);
    fs.rmSync(files[11]!);
    expect(recent.list()[1]).toBe(files[10]);
    expect(new RecentFiles('calculate', dir).list()).toEqual([]);
  });
});
