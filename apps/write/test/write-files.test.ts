// Write's files, offscreen, as koompi-write composes them: the File and Edit
// menus in Khmer; Save As of a new document to ODT, Save in place, Undo and
// Redo; New and Open giving one window per document; DOCX, Markdown and text
// files opened; the recent files; closing a changed window (Cancel keeps it);
// a saved ODT and DOCX read by LibreOffice; `koompi-write FILE`; and a Write
// killed with SIGKILL after an edit, whose next start offers the work back.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { heading, list, openDocumentFile, paragraph, saveDocumentFile, table } from '@koompi/core';
import { bestMatch, readInk } from '../../../tests/support/image-match.js';
import { lastJson, offscreenEnv, repoRoot, runNode } from '../../../tests/support/qt-env.js';
import { libreOfficeConvert, libreOfficeProfile, squash } from '../../../tests/office/tools.js';

const driver = path.join(repoRoot, 'apps/write/test/drive-write-files.mjs');
const bin = path.join(repoRoot, 'apps/write/bin/koompi-write.js');
const HEADING = 'កិច្ចការផ្ទះថ្ងៃច័ន្ទ';
const BODY = 'សិស្សត្រូវអានសៀវភៅ';
const BOLD = 'ជំពូកទីបី';
const MORE = ' ហើយសរសេរសេចក្ដីសង្ខេប';
const UNTITLED = 'គ្មានចំណងជើង';
const env = () => offscreenEnv({ LANG: 'km_KH.UTF-8', LC_ALL: '', LANGUAGE: '' });

interface Menus {
  menus: {
    file: string;
    edit: string;
    actions: Record<string, string>;
    shortcuts: Record<string, string>;
    recentTitle: string;
  };
  steps: Record<string, string | number | boolean>;
  titleNew: string;
  titleTyped: string;
  titleSaved: string;
  pristineAtStart: boolean;
  modifiedAfterSave: boolean;
  opened: Array<{ path?: string; format?: string; text: string; title: string; modified: boolean }>;
  recent: string[];
  savedText: string;
  asked: Array<[string, string]>;
}

const tmp = (name: string) => fs.mkdtempSync(path.join(os.tmpdir(), `koompi-write-${name}-`));

describe('Write files through the menus (offscreen, Khmer)', () => {
  let r: Menus;
  let dir: string;
  const docs = () => path.join(dir, 'docs');
  const saved = () => path.join(docs(), `${HEADING}.odt`);
  const made = (name: string) => path.join(dir, 'made', name);

  beforeAll(async () => {
    dir = tmp('menus');
    fs.mkdirSync(path.join(dir, 'made'));
    // files made elsewhere (by core's writers; LibreOffice-made ones are below)
    await saveDocumentFile(made('ពិន្ទុ.docx'), {
      title: 'ពិន្ទុ',
      blocks: [
        heading(1, 'ពិន្ទុប្រចាំខែ'),
        table([
          ['ឈ្មោះ', 'ពិន្ទុ'],
          ['សុខា', '៩៥'],
        ]),
        list(false, ['ក', 'ខ']),
      ],
    });
    fs.writeFileSync(made('កំណត់ចំណាំ.md'), '# កំណត់ចំណាំ\n\nអត្ថបទ **ដិត**។\n');
    fs.writeFileSync(made('បញ្ជី.txt'), 'បន្ទាត់មួយ\nបន្ទាត់ពីរ\n');
    const env = offscreenEnv({ LANG: 'km_KH.UTF-8', LC_ALL: '', LANGUAGE: '' });
    const run = runNode(
      [
        driver,
        'menus',
        dir,
        path.join(dir, 'state'),
        HEADING,
        BODY,
        BOLD,
        MORE,
        made('ពិន្ទុ.docx'),
        made('កំណត់ចំណាំ.md'),
        made('បញ្ជី.txt'),
      ],
      env,
      90_000,
    );
    expect(run.status, run.stderr).toBe(0);
    r = lastJson<Menus>(run.stdout);
  }, 120_000);

  it('has File and Edit menus in Khmer, with the usual shortcuts', () => {
    expect(r.menus.file).toBe('ឯកសារ');
    expect(r.menus.edit).toBe('កែសម្រួល');
    expect(r.menus.actions).toEqual({
      new: 'ថ្មី',
      open: 'បើក…',
      save: 'រក្សាទុក',
      saveAs: 'រក្សាទុកជា…',
      close: 'បិទ',
      quit: 'ចេញ',
      undo: 'មិនធ្វើវិញ',
      redo: 'ធ្វើវិញ',
    });
    expect(r.menus.recentTitle).toBe('បើកថ្មីៗ');
    expect(r.menus.shortcuts).toMatchObject({ new: 'Ctrl+N', open: 'Ctrl+O', save: 'Ctrl+S', undo: 'Ctrl+Z' });
  });

  it('titles the window by its document and marks it changed until saved', () => {
    expect(r.pristineAtStart).toBe(true);
    expect(r.titleNew).toBe(`${UNTITLED} — KOOMPI សរសេរ`);
    expect(r.titleTyped).toBe(`${UNTITLED} [បានកែប្រែ] — KOOMPI សរសេរ`);
    expect(r.titleSaved).toBe(`${HEADING}.odt — KOOMPI សរសេរ`);
    expect(r.modifiedAfterSave).toBe(false);
  });

  it('Save of a new document asks where (named after its first line, as ODT), then saves in place', async () => {
    expect(r.asked[0]).toEqual(['saveAs', saved()]);
    expect(r.steps['saveAsStatus']).toBe(`បានរក្សាទុក ${saved()}`);
    expect(r.steps['saveStatus']).toBe(`បានរក្សាទុក ${saved()}`);
    expect(r.asked.filter(([k]) => k === 'saveAs')).toHaveLength(1);
    const back = await openDocumentFile(saved());
    if (!back.ok) throw new Error(JSON.stringify(back.error));
    expect(back.value.doc.blocks).toEqual([
      heading(1, HEADING),
      paragraph(`${BODY} `, { text: BOLD, bold: true }, `។${MORE}`),
    ]);
  });

  it('undoes and redoes what was typed after the save', () => {
    const before = `${HEADING}\n${BODY} ${BOLD}។`;
    expect(r.steps['withMore']).toBe(before + MORE);
    expect(r.steps['afterUndo']).toBe(before);
    expect(r.steps['afterRedo']).toBe(before + MORE);
  });

  it('gives each document its own window: New opens one, opening an open file shows its window', () => {
    expect(r.steps['windowsAfterNew']).toBe(2);
    expect(r.steps['windowsAfterOpenSame']).toBe(2);
    expect(r.opened[0]).toMatchObject({ path: saved(), format: 'odt', text: r.savedText, modified: false });
  });

  it('opens DOCX, Markdown and plain text (the new window took the first, the others got windows of their own)', () => {
    const byPath = Object.fromEntries(r.opened.map((w) => [w.path, w]));
    expect(byPath[made('ពិន្ទុ.docx')]).toMatchObject({
      format: 'docx', // Qt's plain text has an empty line after a table
      text: 'ពិន្ទុប្រចាំខែ\nឈ្មោះ\nពិន្ទុ\nសុខា\n៩៥\n\nក\nខ',
    });
    expect(byPath[made('កំណត់ចំណាំ.md')]).toMatchObject({ format: 'md', text: 'កំណត់ចំណាំ\nអត្ថបទ ដិត។' });
    expect(byPath[made('បញ្ជី.txt')]).toMatchObject({
      format: 'txt',
      text: 'បន្ទាត់មួយ\nបន្ទាត់ពីរ',
      title: 'បញ្ជី.txt — KOOMPI សរសេរ',
    });
    expect(r.opened).toHaveLength(4);
  });

  it('lists recent files, newest first', () => {
    expect(r.recent[0]).toBe(`&1 បញ្ជី.txt  (${path.join(dir, 'made')})`);
    expect(r.recent.map((x) => x.replace(/^&\d /, '').split('  ')[0])).toEqual([
      'បញ្ជី.txt',
      'កំណត់ចំណាំ.md',
      'ពិន្ទុ.docx',
      `${HEADING}.odt`,
    ]);
  });

  it('asks before closing a changed window: Cancel keeps it, "close without saving" closes it and drops its autosave', () => {
    expect(r.steps['autosavesBeforeClose']).toBe(1);
    expect(r.steps['windowsAfterCancel']).toBe(4);
    expect(r.steps['visibleAfterCancel']).toBe(true);
    expect(r.steps['windowsAfterDiscard']).toBe(3);
    expect(r.steps['autosavesAfterDiscard']).toBe(0);
  });

  it('asks before saving over a file another program changed: Cancel leaves that file, Replace saves', () => {
    expect(r.steps['changedSaved']).toBe(false);
    expect(r.steps['changedFileAfterCancel']).toBe('changed by another program');
    expect(r.steps['changedSavedReplace']).toBe(true);
    expect(r.steps['changedIsOdtAfterReplace']).toBe(true);
    expect(r.steps['savedAgainUnasked']).toBe(true);
    expect(r.asked.filter(([k]) => k === 'changed')).toEqual([
      ['changed', `${HEADING}.odt`],
      ['changed', `${HEADING}.odt`],
    ]);
  });

  it('says in Khmer why a file cannot be opened, and opens no window for it', () => {
    expect(r.steps['missingStatus']).toContain('មិនអាចអាន');
    expect(r.steps['windowsAfterMissing']).toBe(3);
  });

  it('saves ODT and DOCX that LibreOffice reads with the same text', async () => {
    const out = tmp('lo');
    const docx = path.join(out, 'saved.docx');
    const opened = await openDocumentFile(saved());
    if (!opened.ok) throw new Error('cannot open');
    expect((await saveDocumentFile(docx, opened.value.doc)).ok).toBe(true);
    const odt = path.join(out, 'saved.odt');
    fs.copyFileSync(saved(), odt);
    const profile = libreOfficeProfile();
    libreOfficeConvert(profile, 'txt:Text (encoded):UTF8', [odt, docx], path.join(out, 'txt'));
    const want = squash(`${HEADING}\n${BODY} ${BOLD}។${MORE}`);
    expect(squash(fs.readFileSync(path.join(out, 'txt', 'saved.txt'), 'utf8'))).toBe(want);
    // LibreOffice's DOCX: convert the DOCX itself under another name
    const docx2 = path.join(out, 'word.docx');
    fs.renameSync(docx, docx2);
    libreOfficeConvert(profile, 'txt:Text (encoded):UTF8', [docx2], path.join(out, 'txt'));
    expect(squash(fs.readFileSync(path.join(out, 'txt', 'word.txt'), 'utf8'))).toBe(want);
  }, 240_000);

  it('opens a document LibreOffice wrote (ODT and DOCX, Khmer heading, table, bold)', async () => {
    const out = tmp('lo-made');
    const html = path.join(out, 'lo.html');
    fs.writeFileSync(
      html,
      '<html><body><h1>ចំណងជើងពី LibreOffice</h1><p>អត្ថបទ <b>ដិត</b> និង <i>ទ្រេត</i>។</p><table><tr><td>ក</td><td>ខ</td></tr></table></body></html>',
    );
    const profile = libreOfficeProfile();
    libreOfficeConvert(profile, 'odt:writer8', [html], out);
    libreOfficeConvert(profile, 'docx:MS Word 2007 XML', [html], out);
    for (const ext of ['odt', 'docx']) {
      const r2 = await openDocumentFile(path.join(out, `lo.${ext}`));
      if (!r2.ok) throw new Error(JSON.stringify(r2.error));
      const blocks = r2.value.doc.blocks;
      expect(blocks[0]).toEqual(heading(1, 'ចំណងជើងពី LibreOffice'));
      expect(blocks[1]).toEqual(
        paragraph('អត្ថបទ ', { text: 'ដិត', bold: true }, ' និង ', { text: 'ទ្រេត', italic: true }, '។'),
      );
      expect(blocks[2]).toMatchObject({ kind: 'table', rows: [[[{ text: 'ក' }], [{ text: 'ខ' }]]] });
    }
  }, 240_000);
});

describe('koompi-write FILE', () => {
  it('opens the file named on the command line (its heading is in the window)', async () => {
    const dir = tmp('cli');
    const file = path.join(dir, 'ចំណងជើង.odt');
    const TEXT = 'ពិធីបុណ្យចូលឆ្នាំថ្មី';
    await saveDocumentFile(file, { title: TEXT, blocks: [heading(1, TEXT)] });
    const shot = path.join(dir, 'shot.png');
    const blank = path.join(dir, 'blank.png');
    const env = offscreenEnv({ LANG: 'km_KH.UTF-8' });
    const r = runNode([bin, file, '--screenshot', shot], env, 60_000);
    expect(r.status, r.stderr).toBe(0);
    expect(runNode([bin, '--screenshot', blank], env, 60_000).status).toBe(0);
    // the reference: the heading drawn by a Write window on its own
    const ref = path.join(dir, 'ref.png');
    const refRun = runNode(
      [path.join(repoRoot, 'apps/write/test/drive-write-files.mjs'), 'reference', ref, TEXT],
      env,
      60_000,
    );
    expect(refRun.status, refRun.stderr).toBe(0);
    expect(bestMatch(readInk(shot), readInk(ref)).score).toBeGreaterThan(0.5);
    expect(bestMatch(readInk(blank), readInk(ref)).score).toBeLessThan(0.2);
  }, 120_000);
});

describe('autosave during unbroken typing', () => {
  it('is written even when the typing never pauses for the autosave delay', () => {
    const run = runNode([driver, 'steady-typing', tmp('steady')], env(), 60_000);
    expect(run.status, run.stderr).toBe(0);
    const r = lastJson<{ typed: number; autosaved: boolean; html: boolean }>(run.stdout);
    expect(r.autosaved).toBe(true);
    expect(r.html).toBe(true);
    // written while typing went on (20 ms between keys, the delay is a minute): not after it
    expect(r.typed).toBeLessThan(200);
  }, 60_000);
});

describe('autosave that cannot be written', () => {
  it('says so once in Khmer and keeps the work open', () => {
    const state = tmp('ro');
    const run = runNode([driver, 'autosave-fails', state, 'អត្ថបទ'], offscreenEnv({ LANG: 'km_KH.UTF-8' }), 60_000);
    expect(run.status, run.stderr).toBe(0);
    const r = lastJson<{
      wrote: boolean;
      status: string;
      again: boolean;
      statusAgain: string;
      text: string;
      modified: boolean;
    }>(run.stdout);
    expect(r.wrote).toBe(false);
    expect(r.status).toBe('មិនអាចរក្សាទុកការងាររបស់អ្នកដោយស្វ័យប្រវត្តិបានទេ (ENOTDIR)។ សូមរក្សាទុកវាជាឯកសារ ដើម្បីកុំឲ្យបាត់។');
    expect(r.again).toBe(false);
    expect(r.statusAgain).toBe('');
    expect(r.text).toBe('អត្ថបទក');
    expect(r.modified).toBe(true);
  }, 60_000);
});

describe('crash recovery', () => {
  it('after SIGKILL mid-edit, the next start offers the work back, and saving it clears the autosave', async () => {
    const state = tmp('kill');
    const TEXT = 'ការងារដែលមិនទាន់រក្សាទុក';
    const env = offscreenEnv({ LANG: 'km_KH.UTF-8', LC_ALL: '', LANGUAGE: '' });
    const child = spawn(process.execPath, [driver, 'type', state, TEXT], { cwd: repoRoot, env });
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
    // a little more typing, then the kill, by PID, wherever it lands
    await new Promise((res) => setTimeout(res, 300));
    process.kill(pid, 'SIGKILL');
    await new Promise((res) => child.once('exit', res));

    const saveAs = path.join(state, 'recovered.odt');
    const run = runNode([driver, 'recover', state, saveAs], env, 60_000);
    expect(run.status, run.stderr).toBe(0);
    const r = lastJson<{
      windows: Array<{ text: string; banner: string | null; modified: boolean; title: string }>;
      keep: string;
      discard: string;
      saveStatus: string;
      bannerAfterSave: boolean;
      autosavesAfterSave: string[];
    }>(run.stdout);
    expect(r.windows).toHaveLength(1);
    const [w] = r.windows;
    expect(w!.text.startsWith(TEXT)).toBe(true);
    expect(w!.text.slice(TEXT.length)).toMatch(/^ក*$/);
    expect(w!.banner).toBe(
      `កម្មវិធីសរសេរបានបិទមុនពេល ${UNTITLED} ត្រូវបានរក្សាទុក។ នេះជាការងាររបស់អ្នក ដូចនៅពេលរក្សាទុកស្វ័យប្រវត្តិចុងក្រោយ។`,
    );
    expect(w!.modified).toBe(true);
    expect([r.keep, r.discard]).toEqual(['បន្តធ្វើការ', 'លុបចោល']);
    expect(r.saveStatus).toBe(`បានរក្សាទុក ${saveAs}`);
    expect(r.bannerAfterSave).toBe(false);
    expect(r.autosavesAfterSave).toEqual([]);
    const back = await openDocumentFile(saveAs);
    expect(back.ok && back.value.doc.blocks[0]).toMatchObject({ kind: 'paragraph' });
    expect(
      back.ok && back.value.doc.blocks.map((b) => ('runs' in b ? b.runs.map((x) => x.text).join('') : '')).join(''),
    ).toBe(w!.text);
  }, 120_000);
});

describe('recovered work discarded', () => {
  it('Discard drops the autosave and puts back the saved file', async () => {
    const state = tmp('discard');
    const file = path.join(state, 'ឯកសារ.odt');
    await saveDocumentFile(file, { title: 't', blocks: [paragraph('អត្ថបទដែលបានរក្សាទុក')] });
    // what a Write killed before saving its edit to that file left behind
    const dir = path.join(state, 'autosave', 'write');
    fs.mkdirSync(dir, { recursive: true });
    const dead = runNode(['-e', 'process.stdout.write(String(process.pid))'], process.env);
    const pid = Number(dead.stdout);
    fs.writeFileSync(
      path.join(dir, `${pid}-dead.json`),
      JSON.stringify({
        id: `${pid}-dead`,
        app: 'write',
        pid,
        started: '1',
        file,
        savedAt: new Date().toISOString(),
        content: { html: '<p>ការកែប្រែដែលមិនទាន់រក្សាទុក</p>', name: 'ឯកសារ.odt' },
      }),
    );
    const run = runNode([driver, 'recover-discard', state], env(), 60_000);
    expect(run.status, run.stderr).toBe(0);
    const r = lastJson<{
      before: { count: number; text: string; banner: boolean };
      after: { text: string; banner: boolean; path: string | null };
      autosaves: string[];
    }>(run.stdout);
    expect(r.before).toEqual({ count: 1, text: 'ការកែប្រែដែលមិនទាន់រក្សាទុក', banner: true });
    expect(r.after).toEqual({ text: 'អត្ថបទដែលបានរក្សាទុក', banner: false, path: file });
    expect(r.autosaves).toEqual([]);
  }, 60_000);
});
