// Calculate's files, offscreen, as koompi-calculate composes them: the File
// and Edit menus in Khmer; a new workbook typed, saved as XLSX, edited,
// undone and redone, saved in place; the saved XLSX read by LibreOffice, and
// an ODS that LibreOffice made from it opened again; closing a changed window
// (Cancel keeps it); and a Calculate killed with SIGKILL after an edit, whose
// next start offers the work back.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openWorkbookFile } from '@koompi/core';
import { lastJson, offscreenEnv, repoRoot, runNode } from '../../../tests/support/qt-env.js';
import { libreOfficeConvert, libreOfficeProfile } from '../../../tests/office/tools.js';

const driver = path.join(repoRoot, 'apps/calculate/test/drive-calculate-files.mjs');
const tmp = (name: string) => fs.mkdtempSync(path.join(os.tmpdir(), `koompi-calculate-${name}-`));
const env = () => offscreenEnv({ LANG: 'km_KH.UTF-8', LC_ALL: '', LANGUAGE: '' });

interface Menus {
  steps: Record<string, unknown>;
  menus: { file: string; edit: string; actions: Record<string, string>; shortcuts: Record<string, string> };
  titleStart: string;
  titleTyped: string;
  titleSaved: string;
  opened: Array<{ path?: string; format?: string; cells: string[][]; title: string }>;
  recent: string[];
  asked: Array<[string, string]>;
}

describe('Calculate files through the menus (offscreen, Khmer)', () => {
  let dir: string;
  let first: Menus;
  let second: Menus;
  const saved = () => path.join(dir, 'docs', 'ពិន្ទុ.xlsx');
  const lo = () => path.join(dir, 'lo');

  beforeAll(() => {
    dir = tmp('menus');
    const run = runNode([driver, 'menus', dir, path.join(dir, 'state')], env(), 90_000);
    expect(run.status, run.stderr).toBe(0);
    first = lastJson<Menus>(run.stdout);
    // LibreOffice reads the saved XLSX, and writes it as CSV (values) and ODS; Calculate opens the ODS
    fs.mkdirSync(lo());
    fs.copyFileSync(saved(), path.join(lo(), 'book.xlsx'));
    const profile = libreOfficeProfile();
    libreOfficeConvert(profile, 'csv:Text - txt - csv (StarCalc):44,34,76', [path.join(lo(), 'book.xlsx')], lo());
    libreOfficeConvert(profile, 'ods', [path.join(lo(), 'book.xlsx')], lo());
    const again = runNode(
      [
        driver,
        'menus',
        path.join(dir, 'again'),
        path.join(dir, 'again-state'),
        path.join(lo(), 'book.ods'),
        path.join(lo(), 'book.csv'),
      ],
      env(),
      90_000,
    );
    expect(again.status, again.stderr).toBe(0);
    second = lastJson<Menus>(again.stdout);
  }, 300_000);

  it('has File and Edit menus in Khmer with the usual shortcuts', () => {
    expect(first.menus.file).toBe('ឯកសារ');
    expect(first.menus.edit).toBe('កែសម្រួល');
    expect(first.menus.actions).toEqual({
      new: 'ថ្មី',
      open: 'បើក…',
      save: 'រក្សាទុក',
      saveAs: 'រក្សាទុកជា…',
      close: 'បិទ',
      quit: 'ចេញ',
      undo: 'មិនធ្វើវិញ',
      redo: 'ធ្វើវិញ',
    });
    expect(first.menus.shortcuts).toMatchObject({ save: 'Ctrl+S', undo: 'Ctrl+Z', redo: 'Ctrl+Shift+Z' });
    expect(first.titleStart).toBe('គ្មានចំណងជើង — KOOMPI គណនា');
  });

  it('New opens an empty workbook in its own window; Save asks where (XLSX), then saves in place', () => {
    expect(first.steps['windowsAfterNew']).toBe(2);
    expect(first.steps['typed']).toEqual([
      ['ឈ្មោះ', 'ពិន្ទុ'],
      ['សុខា', '95'],
      ['ដារា', '80'],
      ['', '175'],
    ]);
    expect(first.titleTyped).toBe('គ្មានចំណងជើង [បានកែប្រែ] — KOOMPI គណនា');
    expect(first.asked[0]).toEqual(['saveAs', path.join(dir, 'docs', 'សន្លឹក១.xlsx')]);
    expect(first.steps['saveAsStatus']).toBe(`បានរក្សាទុក ${saved()}`);
    expect(first.titleSaved).toBe('ពិន្ទុ.xlsx — KOOMPI គណនា');
    expect(first.steps['saveStatus']).toBe(`បានរក្សាទុក ${saved()}`);
  });

  it('undoes and redoes each edit, with the formula recomputed', () => {
    expect(first.steps).toMatchObject({
      afterEdit: '165',
      afterUndo: '175',
      afterUndoInput: '80',
      afterUndo2: '',
      afterRedo: '175',
      afterRedo2: '165',
    });
  });

  it('saves what was typed: the XLSX reads back with its formula and Khmer text', async () => {
    const book = await openWorkbookFile(saved());
    expect(book.ok && book.value.workbook.sheets[0]!.cells).toEqual([
      ['ឈ្មោះ', 'ពិន្ទុ'],
      ['សុខា', '95'],
      ['ដារា', '70'],
      ['', '=SUM(B2:B3)'],
    ]);
    expect(
      first.opened
        .find((w) => w.path === saved())
        ?.cells.slice(0, 4)
        .map((r) => r.slice(0, 2)),
    ).toEqual([
      ['ឈ្មោះ', 'ពិន្ទុ'],
      ['សុខា', '95'],
      ['ដារា', '70'],
      ['', '165'],
    ]);
    expect(first.steps['windowsAfterOpenSame']).toBe(2);
    expect(first.recent).toEqual([`&1 ពិន្ទុ.xlsx  (${path.join(dir, 'docs')})`]);
  });

  it('LibreOffice reads the saved XLSX with the same values, and Calculate opens the ODS and CSV LibreOffice wrote', () => {
    expect(fs.readFileSync(path.join(lo(), 'book.csv'), 'utf8').trim().split('\n')).toEqual([
      'ឈ្មោះ,ពិន្ទុ',
      'សុខា,95',
      'ដារា,70',
      ',165',
    ]);
    const ods = second.opened.find((w) => w.path === path.join(lo(), 'book.ods'));
    expect(ods?.format).toBe('ods');
    expect(ods?.cells.map((r) => r.slice(0, 2))).toEqual([
      ['ឈ្មោះ', 'ពិន្ទុ'],
      ['សុខា', '95'],
      ['ដារា', '70'],
      ['', '165'],
    ]);
    const csv = second.opened.find((w) => w.path === path.join(lo(), 'book.csv'));
    expect(csv?.format).toBe('csv');
    expect(csv?.cells[3]?.[1]).toBe('165');
  });

  it('asks before saving over a file another program changed: Cancel leaves that file, Replace saves', () => {
    expect(first.steps).toMatchObject({
      changedSaved: false,
      changedFileAfterCancel: 'changed by another program',
      changedSavedReplace: true,
      changedIsZip: true,
      changedAsked: 2,
    });
  });

  it('asks before closing a changed window (Cancel keeps it), and says in Khmer why a file cannot be opened', () => {
    expect(first.steps['windowsAfterCancel']).toBe(2);
    expect(first.steps['visibleAfterCancel']).toBe(true);
    expect(first.steps['windowsAfterDiscard']).toBe(1);
    expect(first.steps['missingStatus']).toContain('មិនអាចអាន');
  });
});

describe('Calculate crash recovery', () => {
  it('after SIGKILL mid-edit, the next start offers the work back, and saving it clears the autosave', async () => {
    const state = tmp('kill');
    const TEXT = 'តារាងពិន្ទុមិនទាន់រក្សាទុក';
    const child = spawn(process.execPath, [driver, 'type', state, TEXT], { cwd: repoRoot, env: env() });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const pid = await new Promise<number>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        const m = /"pid":(\d+)/.exec(stdout);
        if (m) resolve(Number(m[1]));
      });
      child.once('exit', (code) => reject(new Error(`driver exited ${code}: ${stderr}`)));
    });
    await new Promise((res) => setTimeout(res, 300));
    process.kill(pid, 'SIGKILL');
    await new Promise((res) => child.once('exit', res));

    const saveAs = path.join(state, 'recovered.xlsx');
    const run = runNode([driver, 'recover', state, saveAs], env(), 60_000);
    expect(run.status, run.stderr).toBe(0);
    const r = lastJson<{
      windows: Array<{ a7: string; a8: string; b5: string; banner: string | null; modified: boolean }>;
      saveStatus: string;
      autosavesAfterSave: string[];
    }>(run.stdout);
    expect(r.windows).toHaveLength(1);
    const [w] = r.windows;
    expect(w!.a7).toBe(TEXT);
    expect(w!.a8).toMatch(/^\d*$/);
    // the sample workbook it was typed into, formula and all
    expect(w!.b5).toBe('247');
    expect(w!.banner).toContain('កម្មវិធីគណនាបានបិទមុនពេល គ្មានចំណងជើង ត្រូវបានរក្សាទុក។');
    expect(w!.modified).toBe(true);
    expect(r.saveStatus).toBe(`បានរក្សាទុក ${saveAs}`);
    expect(r.autosavesAfterSave).toEqual([]);
    const book = await openWorkbookFile(saveAs);
    expect(book.ok && book.value.workbook.sheets[0]!.cells[6]?.[0]).toBe(TEXT);
  }, 120_000);
});

describe('koompi-calculate FILE…', () => {
  it('opens each file named at start in a window of its own; one that cannot be read says why', async () => {
    const dir = tmp('start');
    fs.writeFileSync(path.join(dir, 'ក.csv'), 'ឈ្មោះ,ពិន្ទុ\nសុខា,=40+55\n');
    fs.writeFileSync(path.join(dir, 'ខ.csv'), 'ខែ\nមករា\n');
    const run = runNode([driver, 'start', dir, path.join(dir, 'ក.csv'), path.join(dir, 'ខ.csv')], env(), 60_000);
    expect(run.status, run.stderr).toBe(0);
    const r = lastJson<{ windows: Array<{ path: string | null; a1: string; status: string }> }>(run.stdout);
    expect(r.windows.map((w) => [w.path, w.a1])).toEqual([
      [path.join(dir, 'ក.csv'), 'ឈ្មោះ'],
      [path.join(dir, 'ខ.csv'), 'ខែ'],
    ]);
    const bad = runNode([driver, 'start', dir, path.join(dir, 'គ្មាន.xlsx')], env(), 60_000);
    const b = lastJson<{ windows: Array<{ path: string | null; status: string }> }>(bad.stdout);
    expect(b.windows).toHaveLength(1);
    expect(b.windows[0]?.path).toBeNull();
    expect(b.windows[0]?.status).toContain('មិនអាចអាន');
  }, 120_000);
});

describe('koompi-calculate FILE on the command line', () => {
  it('the real command opens the file it is given (it becomes the first recent file) and exits 0 with --screenshot', () => {
    const dir = tmp('bin');
    const file = path.join(dir, 'ឯកសារ.csv');
    fs.writeFileSync(file, 'ឈ្មោះ,ពិន្ទុ\nសុខា,95\n');
    const e = env();
    const shot = path.join(dir, 'shot.png');
    const run = runNode(
      [path.join(repoRoot, 'apps/calculate/bin/koompi-calculate.js'), file, '--screenshot', shot],
      e,
      60_000,
    );
    expect(run.status, run.stderr).toBe(0);
    expect(fs.readFileSync(shot).subarray(1, 4).toString()).toBe('PNG');
    const recent = JSON.parse(
      fs.readFileSync(path.join(e['XDG_STATE_HOME']!, 'koompi', 'recent', 'calculate.json'), 'utf8'),
    ) as string[];
    expect(recent).toEqual([file]);
  }, 90_000);
});
