// Fair collection: one student who stalls (an unresponsive port, thousands of
// small files, a Syncthing folder that never answers) does not hold up the
// others; limits on file count and versions; the ledger written in batches.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { CommandReport, StudentRecord, TeacherState } from '../teacher-state.js';
import { workFolderId } from './collector.js';
import type { GlobalFile, Syncthing } from './syncthing.js';
import type { TeacherContext } from './teacher-context.js';
import type { TeacherOptions } from './teacher-options.js';
import { collectorFor } from './teacher-work.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-collect-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const student = (id: string): StudentRecord =>
  ({
    card: { deviceId: id, name: `Student ${id}`, syncthingId: `ST-${id}`, port: 1 },
    address: '127.0.0.1',
    replay: { highest: 0, seen: [] },
    lastSeen: 0,
    refused: [],
  }) as unknown as StudentRecord;

/** A class of students A (first) and B, a fake Syncthing, and a counted ledger. */
function classOf(name: string, options: Partial<TeacherOptions> = {}) {
  const dataDir = path.join(root, name);
  const state = { students: { A: student('A'), B: student('B') }, submissions: [] } as unknown as TeacherState;
  const announced = new Map<string, GlobalFile[]>();
  const hanging = new Set<string>();
  const asked: string[] = [];
  const never = new Promise<never>(() => undefined);
  const syncthing = {
    globalFiles: (folder: string) => {
      asked.push(folder);
      return hanging.has(folder) ? never : Promise.resolve(announced.get(folder) ?? []);
    },
    setIgnores: () => Promise.resolve(),
    scan: () => Promise.resolve(),
  } as unknown as Syncthing;
  const unanswered = new Set<string>();
  let saves = 0;
  const ctx = {
    options: { dataDir, name: 'T', className: 'C', ...options },
    state,
    clock: Date.now,
    closed: () => false,
    save: () => void saves++,
    log: () => undefined,
    emit: () => undefined,
    command: (id: string): Promise<CommandReport[string]> =>
      unanswered.has(id) ? never : Promise.resolve({ kind: 'done' }),
  } as unknown as TeacherContext;
  const collector = collectorFor(ctx, syncthing);
  /** Puts files in a student's incoming folder as Syncthing would, and announces them. */
  const send = (id: string, files: Record<string, string>): void => {
    const dir = collector.incomingDir(id);
    fs.mkdirSync(dir, { recursive: true });
    const list = announced.get(workFolderId(id)) ?? [];
    for (const [rel, content] of Object.entries(files)) {
      fs.writeFileSync(path.join(dir, rel), content);
      const entry = { path: rel, size: Buffer.byteLength(content) };
      const i = list.findIndex((g) => g.path === rel);
      if (i >= 0) list[i] = entry;
      else list.push(entry);
    }
    announced.set(workFolderId(id), list);
  };
  const of = (id: string) => state.submissions.filter((x) => x.student === id);
  return { collector, state, send, of, hanging, unanswered, asked, saves: () => saves };
}

describe('collecting work from a class', () => {
  it('does not let a stalling student with 5,000 small files delay the others', async () => {
    const c = classOf('stall', { limits: { maxStudentFiles: 200 } });
    const many: Record<string, string> = {};
    for (let i = 0; i < 5000; i++) many[`f${String(i).padStart(4, '0')}.txt`] = i % 10 === 0 ? '' : `work ${i}`;
    c.send('A', many);
    c.unanswered.add('A'); // its port takes commands and never answers
    c.send('B', { 'essay.odt': 'my essay', 'empty.txt': '' });
    await c.collector.collectOnce();
    // B's work is in, empty file included, and B has its receipts.
    expect(
      c
        .of('B')
        .map((x) => x.path)
        .sort(),
    ).toEqual(['empty.txt', 'essay.odt']);
    await vi.waitFor(() => expect(c.of('B').every((x) => x.receiptDelivered)).toBe(true));
    // A's files are taken up to the limit (empty ones count), the rest refused, none acknowledged.
    expect(c.of('A')).toHaveLength(200);
    expect(c.state.students['A']!.refused).toHaveLength(4800);
    expect(new Set(c.state.students['A']!.refused.map((r) => r.reason))).toEqual(new Set(['too-many-files']));
    expect(c.of('A').some((x) => x.receiptDelivered)).toBe(false);
    // The ledger was written per batch, not per file (202 files).
    expect(c.saves()).toBeLessThan(10);
  }, 60_000);

  it('goes on without a student whose folder does not answer, and skips it while it is stuck', async () => {
    const c = classOf('hang', { studentPassMs: 200 });
    c.hanging.add(workFolderId('A'));
    c.send('B', { 'a.txt': 'one' });
    await c.collector.collectOnce();
    expect(c.of('B').map((x) => x.path)).toEqual(['a.txt']);
    c.send('B', { 'b.txt': 'two' });
    await c.collector.collectOnce();
    expect(c.of('B').map((x) => x.path)).toEqual(['a.txt', 'b.txt']);
    // A's first pass is still waiting: it was not asked again.
    expect(c.asked.filter((f) => f === workFolderId('A'))).toHaveLength(1);
  });

  it('keeps at most the allowed versions of a file sent again and again', async () => {
    const c = classOf('versions', { limits: { maxVersions: 3 } });
    for (let v = 1; v <= 6; v++) {
      c.send('B', { 'big.bin': `version ${v}` });
      await c.collector.collectOnce();
    }
    expect(c.of('B').map((x) => x.sha256)).toHaveLength(3);
    expect(c.state.students['B']!.refused).toEqual([{ path: 'big.bin', reason: 'too-many-versions' }]);
    // The same content again is not a new version.
    c.send('B', { 'big.bin': 'version 2' });
    await c.collector.collectOnce();
    expect(c.of('B')).toHaveLength(3);
  });
});
