// The real Classroom windows, offscreen, in Khmer, with the demo class.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readInk } from '../../../tests/support/image-match.js';
import { lastJson, offscreenEnv, repoRoot, runNode } from '../../../tests/support/qt-env.js';

const artifacts = path.join(repoRoot, 'artifacts', 'classroom');
const KHMER = /[\u1780-\u17FF]/;

interface Driven {
  saved: boolean;
  title: string;
  code: string;
  lockedCells: string[];
  status: string;
  messageAfterSend: string;
  rows: number;
  lessons: number;
  receipts: number;
  names: string[];
  markup: Array<{ plain: boolean; same: boolean }>;
  rosterName: string;
  labelFormats: number[];
}

describe('KOOMPI Classroom windows (offscreen, Khmer)', () => {
  let driven: Driven;

  beforeAll(() => {
    fs.rmSync(artifacts, { recursive: true, force: true });
    fs.mkdirSync(artifacts, { recursive: true });
    const r = runNode(
      [path.join(repoRoot, 'apps/classroom/test/drive-classroom.mjs'), artifacts],
      offscreenEnv({ LANG: 'km_KH.UTF-8', LC_ALL: '', LANGUAGE: '' }),
    );
    expect(r.status, r.stderr).toBe(0);
    driven = lastJson<Driven>(r.stdout);
  });

  it('shows the class code and the roster, and locks the online students’ screens', () => {
    expect(driven.title).toMatch(/^KOOMPI ថ្នាក់រៀន/);
    expect(driven.code).toBe('482 913');
    expect(driven.rows).toBe(4);
    // Three students are online: their screens are locked; the offline one is not.
    expect(driven.lockedCells).toEqual(['បានចាក់សោ', 'បានចាក់សោ', 'បើក', 'បានចាក់សោ']);
  });

  it('sends a message and empties the line', () => {
    expect(driven.messageAfterSend).toBe('');
    expect(driven.status).toBe('បានផ្ញើសារទៅសិស្ស 3 នាក់។');
  });

  it('names every control in Khmer for screen readers and tests', () => {
    expect(driven.names).toHaveLength(15);
    for (const name of driven.names) expect(name).toMatch(KHMER);
  });

  it('shows markup in a name literally, never as rich text', () => {
    // Four grid cells, the status line, the student's heading and the teacher's message.
    expect(driven.markup).toHaveLength(7);
    for (const m of driven.markup) expect(m).toEqual({ plain: true, same: true });
    expect(driven.rosterName).toBe('<b>x</b><img src="/usr/share/pixmaps/debian-logo.png">');
    expect(driven.labelFormats.length).toBeGreaterThan(10);
    expect(new Set(driven.labelFormats)).toEqual(new Set([0])); // TextFormat.PlainText
  });

  it('shows the student what arrived and the receipts', () => {
    expect(driven.lessons).toBe(2);
    expect(driven.receipts).toBe(1);
    expect(driven.saved).toBe(true);
    const { width, height } = readInk(path.join(artifacts, 'teacher-after.png'));
    expect(width).toBeGreaterThanOrEqual(800);
    expect(height).toBeGreaterThanOrEqual(600);
  });
});

describe('koompi-classroom --screenshot', () => {
  it('writes a PNG of each window and exits 0, with no display', () => {
    for (const [args, file] of [
      [[], 'screenshot-teacher.png'],
      [['--student'], 'screenshot-student.png'],
    ] as const) {
      const out = path.join(artifacts, file);
      const r = runNode(
        [path.join(repoRoot, 'apps/classroom/bin/koompi-classroom.js'), ...args, '--screenshot', out],
        offscreenEnv(),
      );
      expect(r.status, r.stderr).toBe(0);
      expect(fs.readFileSync(out).subarray(1, 4).toString()).toBe('PNG');
    }
  });

  it('refuses to start, in Khmer, when teacher.json and its previous copy are both damaged', () => {
    const env = offscreenEnv({ LANG: 'km_KH.UTF-8', LC_ALL: '', LANGUAGE: '' });
    // No Syncthing on PATH: only the state matters here.
    env['PATH'] = path.dirname(process.execPath);
    const dir = path.join(
      env['XDG_DATA_HOME'] ?? path.join(env['HOME']!, '.local', 'share'),
      'koompi',
      'classroom',
      'teacher',
    );
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'teacher.json'), '{"publicKey":"AAAA","priv');
    fs.writeFileSync(path.join(dir, 'teacher.json.prev'), '');
    const r = runNode([path.join(repoRoot, 'apps/classroom/bin/koompi-classroom.js'), '--service'], env);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('ខូច');
    expect(r.stderr).toContain(path.join(dir, 'teacher.json.prev'));
    // Nothing re-keyed: the damaged file is as it was.
    expect(fs.readFileSync(path.join(dir, 'teacher.json'), 'utf8')).toBe('{"publicKey":"AAAA","priv');
  });

  it('says in Khmer what is wrong with an unknown option, and exits 2', () => {
    const r = runNode(
      [path.join(repoRoot, 'apps/classroom/bin/koompi-classroom.js'), '--frobnicate'],
      offscreenEnv({ LANG: 'km_KH.UTF-8' }),
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(KHMER);
  });
});
