// Present's files, offscreen, as koompi-present composes them: the File and
// Edit menus in Khmer; a new deck typed, saved as PPTX, edited, undone and
// redone, saved in place; the saved PPTX rewritten by LibreOffice and opened
// again with its titles and points; the outline format; closing a changed
// window (Cancel keeps it); and a Present killed with SIGKILL after an edit,
// whose next start offers the work back.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDeckFile, type Deck } from '@koompi/core';
import { lastJson, offscreenEnv, repoRoot, runNode } from '../../../tests/support/qt-env.js';
import { libreOfficeConvert, libreOfficeProfile } from '../../../tests/office/tools.js';

const driver = path.join(repoRoot, 'apps/present/test/drive-present-files.mjs');
const tmp = (name: string) => fs.mkdtempSync(path.join(os.tmpdir(), `koompi-present-${name}-`));
const env = () => offscreenEnv({ LANG: 'km_KH.UTF-8', LC_ALL: '', LANGUAGE: '' });
const TITLE = 'ការដាំស្រូវ';
const POINT = 'ដំណាក់កាល';
const POINTS = [[{ text: 'ចំណុចទីមួយ' }], [{ text: 'ចំណុចទីពីរ' }], [{ text: 'ចំណុចទីបី' }]];

interface Menus {
  steps: Record<string, unknown>;
  menus: { file: string; edit: string; actions: Record<string, string> };
  titleStart: string;
  titleTyped: string;
  titleSaved: string;
  opened: Array<{ path?: string; format?: string; deck: Deck; title: string }>;
  recent: string[];
  asked: Array<[string, string]>;
}

describe('Present files through the menus (offscreen, Khmer)', () => {
  let dir: string;
  let r: Menus;
  let again: Menus;
  const saved = () => path.join(dir, 'docs', `${TITLE}.pptx`);
  const lo = () => path.join(dir, 'lo');
  const outline = () => path.join(dir, 'គ្រោង.md');

  beforeAll(() => {
    dir = tmp('menus');
    const run = runNode([driver, 'menus', dir, path.join(dir, 'state'), TITLE, POINT], env(), 90_000);
    expect(run.status, run.stderr).toBe(0);
    r = lastJson<Menus>(run.stdout);
    // LibreOffice reads the saved PPTX and writes it again as PPTX; Present opens that, and an outline
    fs.mkdirSync(lo());
    fs.copyFileSync(saved(), path.join(dir, 'deck.pptx'));
    libreOfficeConvert(
      libreOfficeProfile(),
      'pptx:Impress MS PowerPoint 2007 XML',
      [path.join(dir, 'deck.pptx')],
      lo(),
    );
    fs.writeFileSync(outline(), '# មេរៀនទឹក\n\nថ្នាក់ទី៥\n\n# ប្រភពទឹក\n\n- ទន្លេ\n- **ភ្លៀង**\n');
    const run2 = runNode(
      [
        driver,
        'menus',
        path.join(dir, 'again'),
        path.join(dir, 'again-state'),
        TITLE,
        POINT,
        path.join(lo(), 'deck.pptx'),
        outline(),
      ],
      env(),
      90_000,
    );
    expect(run2.status, run2.stderr).toBe(0);
    again = lastJson<Menus>(run2.stdout);
  }, 300_000);

  it('has File and Edit menus in Khmer', () => {
    expect(r.menus.file).toBe('ឯកសារ');
    expect(r.menus.edit).toBe('កែសម្រួល');
    expect(r.menus.actions).toMatchObject({ save: 'រក្សាទុក', saveAs: 'រក្សាទុកជា…', undo: 'មិនធ្វើវិញ', redo: 'ធ្វើវិញ' });
    expect(r.titleStart).toBe('គ្មានចំណងជើង — KOOMPI បទបង្ហាញ');
    expect(r.titleTyped).toBe('គ្មានចំណងជើង [បានកែប្រែ] — KOOMPI បទបង្ហាញ');
  });

  it('New opens a deck in its own window; Save asks where (PPTX named after the title), then saves in place', () => {
    expect(r.steps['windowsAfterNew']).toBe(2);
    expect(r.asked[0]).toEqual(['saveAs', saved()]);
    expect(r.steps['saveAsStatus']).toBe(`បានរក្សាទុក ${saved()}`);
    expect(r.titleSaved).toBe(`${TITLE}.pptx — KOOMPI បទបង្ហាញ`);
    expect(r.steps['saveStatus']).toBe(`បានរក្សាទុក ${saved()}`);
    expect(r.steps['windowsAfterOpenSame']).toBe(2);
  });

  it('undoes and redoes an edit of a slide', () => {
    expect(r.steps).toMatchObject({ afterEdit: 3, afterUndo: 2, shownAfterUndo: 'ចំណុចទីមួយ\nចំណុចទីពីរ', afterRedo: 3 });
  });

  it('saves what was typed: the PPTX opens again with the same slides', async () => {
    const back = await openDeckFile(saved());
    if (!back.ok) throw new Error(JSON.stringify(back.error));
    expect(back.value.deck.slides.map((s) => [s.layout, s.title])).toEqual([
      ['title', TITLE],
      ['bullets', POINT],
    ]);
    expect(back.value.deck.slides[1]?.bullets).toEqual(POINTS);
    expect(r.recent).toEqual([`&1 ${TITLE}.pptx  (${path.join(dir, 'docs')})`]);
  });

  it('LibreOffice reads the saved PPTX: the PPTX it writes opens with the same titles and points', () => {
    const fromLo = again.opened.find((w) => w.path === path.join(lo(), 'deck.pptx'));
    expect(fromLo?.format).toBe('pptx');
    expect(fromLo?.deck.slides.slice(0, 2).map((s) => s.title)).toEqual([TITLE, POINT]);
    expect(fromLo?.deck.slides[1]?.bullets).toEqual(POINTS);
  });

  it('opens the outline format', () => {
    const md = again.opened.find((w) => w.path === outline());
    expect(md?.format).toBe('md');
    expect(md?.deck.slides.map((s) => [s.layout, s.title])).toEqual([
      ['title', 'មេរៀនទឹក'],
      ['bullets', 'ប្រភពទឹក'],
    ]);
    expect(md?.deck.slides[1]?.bullets).toEqual([[{ text: 'ទន្លេ' }], [{ text: 'ភ្លៀង', bold: true }]]);
  });

  it('asks before saving over a file another program changed: Cancel leaves that file, Replace saves', () => {
    expect(r.steps).toMatchObject({
      changedSaved: false,
      changedFileAfterCancel: 'changed by another program',
      changedSavedReplace: true,
      changedIsZip: true,
      changedAsked: 2,
    });
  });

  it('asks before closing a changed window (Cancel keeps it)', () => {
    expect(r.steps['windowsAfterCancel']).toBe(2);
    expect(r.steps['visibleAfterCancel']).toBe(true);
    expect(r.steps['windowsAfterDiscard']).toBe(1);
  });
});

describe('Present crash recovery', () => {
  it('after SIGKILL mid-edit, the next start offers the work back, and saving it clears the autosave', async () => {
    const state = tmp('kill');
    const TEXT = 'បទបង្ហាញមិនទាន់រក្សាទុក';
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

    const saveAs = path.join(state, 'recovered.pptx');
    const run = runNode([driver, 'recover', state, saveAs], env(), 60_000);
    expect(run.status, run.stderr).toBe(0);
    const out = lastJson<{
      windows: Array<{ deck: Deck; banner: string | null; modified: boolean }>;
      saveStatus: string;
      autosavesAfterSave: string[];
    }>(run.stdout);
    expect(out.windows).toHaveLength(1);
    const [w] = out.windows;
    // typed into the sample deck's second slide
    expect(w!.deck.slides[1]?.title).toBe(TEXT);
    expect(w!.deck.slides[0]?.title).toBe('បុណ្យចូលឆ្នាំខ្មែរ');
    expect(w!.banner).toContain('កម្មវិធីបទបង្ហាញបានបិទមុនពេល គ្មានចំណងជើង ត្រូវបានរក្សាទុក។');
    expect(w!.modified).toBe(true);
    expect(out.saveStatus).toBe(`បានរក្សាទុក ${saveAs}`);
    expect(out.autosavesAfterSave).toEqual([]);
    const back = await openDeckFile(saveAs);
    expect(back.ok && back.value.deck.slides[1]?.title).toBe(TEXT);
  }, 120_000);
});

describe('koompi-present FILE…', () => {
  it('opens each file named at start in a window of its own; one that cannot be read says why', async () => {
    const dir = tmp('start');
    fs.writeFileSync(path.join(dir, 'ក.md'), '# មេរៀនទីមួយ\n\n- ចំណុច\n');
    fs.writeFileSync(path.join(dir, 'ខ.md'), '# មេរៀនទីពីរ\n\n- ចំណុច\n');
    const run = runNode([driver, 'start', dir, path.join(dir, 'ក.md'), path.join(dir, 'ខ.md')], env(), 60_000);
    expect(run.status, run.stderr).toBe(0);
    const r = lastJson<{ windows: Array<{ path: string | null; title: string }> }>(run.stdout);
    expect(r.windows.map((w) => [w.path, w.title])).toEqual([
      [path.join(dir, 'ក.md'), 'មេរៀនទីមួយ'],
      [path.join(dir, 'ខ.md'), 'មេរៀនទីពីរ'],
    ]);
    fs.writeFileSync(path.join(dir, 'បាក់.pptx'), 'not a zip');
    const bad = runNode([driver, 'start', dir, path.join(dir, 'បាក់.pptx')], env(), 60_000);
    const b = lastJson<{ windows: Array<{ path: string | null; status: string }> }>(bad.stdout);
    expect(b.windows).toHaveLength(1);
    expect(b.windows[0]?.path).toBeNull();
    expect(b.windows[0]?.status).toMatch(/[\u1780-\u17FF]/);
  }, 120_000);
});

describe('koompi-present FILE on the command line', () => {
  it('the real command opens the file it is given (it becomes the first recent file) and exits 0 with --screenshot', () => {
    const dir = tmp('bin');
    const file = path.join(dir, 'ឯកសារ.md');
    fs.writeFileSync(file, '# មេរៀន\n\n- ចំណុច\n');
    const e = env();
    const shot = path.join(dir, 'shot.png');
    const run = runNode(
      [path.join(repoRoot, 'apps/present/bin/koompi-present.js'), file, '--screenshot', shot],
      e,
      60_000,
    );
    expect(run.status, run.stderr).toBe(0);
    expect(fs.readFileSync(shot).subarray(1, 4).toString()).toBe('PNG');
    const recent = JSON.parse(
      fs.readFileSync(path.join(e['XDG_STATE_HOME']!, 'koompi', 'recent', 'present.json'), 'utf8'),
    ) as string[];
    expect(recent).toEqual([file]);
  }, 90_000);
});
