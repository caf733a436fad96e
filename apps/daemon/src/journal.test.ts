import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JobRegistry } from './jobs.js';
import { FileJobJournal, MemoryJobJournal, parseRecord, type JobRecord } from './journal.js';

const quiet = { progress: () => undefined, finished: () => undefined, removed: () => undefined };

describe('FileJobJournal', () => {
  let dir: string;
  beforeEach(() => {
    dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-journal-')), 'jobs');
  });
  afterEach(() => fs.rmSync(path.dirname(dir), { recursive: true, force: true }));

  const record: JobRecord = {
    id: 7,
    kind: 'install',
    source: 'system',
    target: 'scribus',
    uid: 1000,
    state: 'running',
    stage: 'install',
    percentage: 40,
    error: '',
    errorMessage: '',
    preSnapshot: '12',
    postSnapshot: '',
    before: [{ source: 'system', installed: [['linux', '6.18.1-1']] }],
  };

  it('keeps each record in its own 0600 file in a 0700 directory, and reads it back', () => {
    const journal = new FileJobJournal(dir);
    expect(journal.load()).toEqual([]);
    journal.save(record);
    journal.save({ ...record, id: 3, state: 'succeeded' });
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(dir, '7.json')).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir).sort()).toEqual(['3.json', '7.json']); // no temp files left
    expect(new FileJobJournal(dir).load().map((r) => [r.id, r.state])).toEqual([
      [3, 'succeeded'],
      [7, 'running'],
    ]);
    expect(new FileJobJournal(dir).load()[1]).toEqual(record);
  });

  it('skips damaged records (and says so), and clears temp files a crash left', () => {
    const lines: string[] = [];
    const journal = new FileJobJournal(dir, (l) => lines.push(l));
    journal.save(record);
    fs.writeFileSync(path.join(dir, '8.json'), '{"id":8,"kind":"ins');
    fs.writeFileSync(path.join(dir, '9.json'), JSON.stringify({ ...record, id: 10 })); // a record under another name
    fs.writeFileSync(path.join(dir, '7.json.123.abcd.tmp'), '{');
    expect(journal.load().map((r) => r.id)).toEqual([7]);
    expect(lines.join('\n')).toMatch(/8\.json is damaged[\s\S]*9\.json is damaged/);
    expect(fs.existsSync(path.join(dir, '7.json.123.abcd.tmp'))).toBe(false);
    expect(fs.existsSync(path.join(dir, '8.json'))).toBe(true);
  });

  it('accepts only well-formed records', () => {
    expect(parseRecord(JSON.stringify(record))).toEqual(record);
    expect(parseRecord(JSON.stringify({ ...record, state: 'exploded' }))).toBeUndefined();
    expect(
      parseRecord(JSON.stringify({ ...record, before: [{ source: 'system', installed: [[1, 2]] }] })),
    ).toBeUndefined();
    expect(parseRecord('null')).toBeUndefined();
  });
});

describe('JobRegistry with a journal', () => {
  it('writes a job down when it is made, at each new stage and when it ends, not at every percent', () => {
    const journal = new MemoryJobJournal();
    const saved: string[] = [];
    const save = journal.save.bind(journal);
    journal.save = (r) => {
      saved.push(`${r.state}/${r.stage}/${r.percentage}`);
      save(r);
    };
    const jobs = new JobRegistry('/j/', quiet, journal);
    const job = jobs.create('install', 'app', 'org.koompi.TestDraw', ':1.5', 1000);
    jobs.progress(job, 0, 'snapshot-pre');
    jobs.note(job, { preSnapshot: '4' });
    jobs.progress(job, 20, 'install');
    jobs.progress(job, 30, 'install');
    jobs.progress(job, 40, 'install');
    jobs.finish(job, 'succeeded');
    expect(saved).toEqual([
      'queued/queued/0',
      'running/snapshot-pre/0',
      'running/snapshot-pre/0',
      'running/install/20',
      'succeeded/done/100',
    ]);
    expect(journal.records.get(1)).toMatchObject({ uid: 1000, preSnapshot: '4', target: 'org.koompi.TestDraw' });
  });

  it('after a restart, returns the unfinished jobs, lists every job and numbers new ones after the old', () => {
    const journal = new MemoryJobJournal();
    const before = new JobRegistry('/j/', quiet, journal);
    const done = before.create('remove', 'app', 'org.a.B', ':1.5', 1000);
    before.finish(done, 'succeeded');
    const running = before.create('install', 'system', 'scribus', ':1.5', 1000);
    before.progress(running, 50, 'install');
    before.create('update', 'all', '', ':1.6', 0);

    const after = new JobRegistry('/j/', quiet, journal);
    expect(after.load().map((j) => [j.path, j.state, j.owner])).toEqual([
      ['/j/2', 'running', ''],
      ['/j/3', 'queued', ''],
    ]);
    expect(after.list().map((j) => [j.path, j.state])).toEqual([
      ['/j/1', 'succeeded'],
      ['/j/2', 'running'],
      ['/j/3', 'queued'],
    ]);
    expect(after.create('install', 'app', 'org.c.D', ':1.9', 1000).path).toBe('/j/4');
  });

  it('keeps the last 50 ended jobs', () => {
    const journal = new MemoryJobJournal();
    const jobs = new JobRegistry('/j/', quiet, journal);
    for (let i = 0; i < 60; i++) jobs.finish(jobs.create('install', 'app', 'org.a.B', ':1.5', 1000), 'succeeded');
    jobs.create('install', 'app', 'org.a.B', ':1.5', 1000);
    expect(journal.records.size).toBe(50);
    expect(Math.min(...journal.records.keys())).toBe(12);
    expect(jobs.list()).toHaveLength(50);
  });
});

describe('JobRegistry when the journal cannot be used', () => {
  it('starts with no jobs, and refuses to make a job it cannot write down', () => {
    const broken = {
      load: () => {
        throw new Error('EACCES');
      },
      save: () => {
        throw new Error('EROFS');
      },
      remove: () => undefined,
    };
    const lines: string[] = [];
    const jobs = new JobRegistry('/j/', quiet, broken, (l) => lines.push(l));
    expect(jobs.load()).toEqual([]);
    expect(lines).toEqual(['cannot read the job journal: EACCES']);
    expect(() => jobs.create('install', 'app', 'org.a.B', ':1.5', 1000)).toThrow(/EROFS/);
    expect(jobs.list()).toEqual([]);
  });
});
