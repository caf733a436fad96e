// convertFile's refusals: each bad input or path is a typed error value, and
// nothing is written (no output, no temporary file, an existing file untouched).
// Odd but valid names (spaces, Khmer, a leading dash, a long Khmer name) work.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { beforeEach, describe, expect, it } from 'vitest';
import { convertFile, type OfficeError } from '@koompi/core';

const NOTES = '# កំណត់ត្រា\n\nសិស្សានុសិស្សទាំងអស់ត្រូវការសៀវភៅថ្មី។\n';
let dir: string;
const at = (...parts: string[]) => path.join(dir, ...parts);
/** Every file and folder under `dir`, hidden ones too. */
const tree = (): string[] =>
  (fs.readdirSync(dir, { recursive: true }) as string[]).map((f) => f.split(path.sep).join('/')).sort();

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-convert-'));
  fs.writeFileSync(at('notes.md'), NOTES);
  fs.writeFileSync(at('marks.csv'), 'ឈ្មោះ,ពិន្ទុ\nសុខា,95\n');
});

/** Converts and expects a refusal of `kind` that leaves the folder exactly as it was. */
async function refused(
  input: string,
  output: string,
  options: Parameters<typeof convertFile>[2] = {},
): Promise<OfficeError> {
  const before = tree();
  const r = await convertFile(input, output, { cwd: dir, ...options });
  expect(r.ok, JSON.stringify(r)).toBe(false);
  expect(tree()).toEqual(before);
  if (r.ok) throw new Error('unreachable');
  return r.error;
}

describe('convertFile refuses, and writes nothing', () => {
  it('a corrupt DOCX (not a ZIP, or a ZIP with no document) and a corrupt XLSX', async () => {
    fs.writeFileSync(at('broken.docx'), Buffer.from('PK\u0003\u0004 this is not really a zip'));
    const zip = new JSZip();
    zip.file('hello.txt', 'ស្វាគមន៍');
    const bytes = await zip.generateAsync({ type: 'nodebuffer' });
    fs.writeFileSync(at('no-document.docx'), bytes);
    fs.writeFileSync(at('no-sheet.xlsx'), bytes);
    fs.writeFileSync(at('random.xlsx'), Buffer.from([0, 1, 2, 3, 255, 254]));
    expect(await refused('broken.docx', 'out.pdf')).toMatchObject({ kind: 'corrupt', format: 'docx' });
    expect(await refused('no-document.docx', 'out.odt')).toMatchObject({ kind: 'corrupt', format: 'docx' });
    expect(await refused('no-sheet.xlsx', 'out.csv')).toMatchObject({ kind: 'corrupt', format: 'xlsx' });
    expect(await refused('random.xlsx', 'out.xlsx')).toMatchObject({ kind: 'corrupt', format: 'xlsx' });
  });

  it('text that is not UTF-8 text: NUL bytes or invalid UTF-8 in a .md or .csv', async () => {
    fs.writeFileSync(at('nul.md'), 'សួស្តី\u0000ពិភពលោក');
    fs.writeFileSync(at('latin1.csv'), Buffer.from([0x61, 0x2c, 0xe9, 0x0a]));
    expect(await refused('nul.md', 'nul.docx')).toMatchObject({ kind: 'corrupt', format: 'markdown' });
    expect(await refused('latin1.csv', 'latin1.xlsx')).toMatchObject({ kind: 'corrupt', format: 'csv' });
  });

  it('an input larger than the limit', async () => {
    expect(await refused('notes.md', 'notes.docx', { maxBytes: 10 })).toEqual({
      kind: 'too-large',
      path: at('notes.md'),
      bytes: Buffer.byteLength(NOTES),
      limit: 10,
    });
  });

  it('an output that exists, unless replacing is asked for (then it is replaced whole)', async () => {
    fs.writeFileSync(at('notes.docx'), 'keep me');
    expect(await refused('notes.md', 'notes.docx')).toEqual({ kind: 'exists', path: at('notes.docx') });
    expect(fs.readFileSync(at('notes.docx'), 'utf8')).toBe('keep me');
    // a dangling symbolic link is a name that is taken too
    fs.symlinkSync(at('nowhere.docx'), at('link.docx'));
    expect(await refused('notes.md', 'link.docx')).toMatchObject({ kind: 'exists' });
    const r = await convertFile('notes.md', 'notes.docx', { cwd: dir, overwrite: true });
    expect(r.ok).toBe(true);
    expect(fs.readFileSync(at('notes.docx')).subarray(0, 2).toString()).toBe('PK');
    expect(tree()).toEqual(['link.docx', 'marks.csv', 'notes.docx', 'notes.md']);
  });

  it('the same file as input and output, however it is named', async () => {
    fs.mkdirSync(at('sub'));
    fs.symlinkSync(at('marks.csv'), at('alias.csv'));
    fs.linkSync(at('marks.csv'), at('hard.csv'));
    for (const output of ['marks.csv', './sub/../marks.csv', at('marks.csv'), 'alias.csv', 'hard.csv'])
      expect(await refused('marks.csv', output, { overwrite: true })).toMatchObject({
        kind: 'invalid-path',
        reason: 'same-as-input',
      });
    expect(fs.readFileSync(at('marks.csv'), 'utf8')).toBe('ឈ្មោះ,ពិន្ទុ\nសុខា,95\n');
  });

  it('paths outside the allowed folder: ../, absolute, or a link that leads out', async () => {
    fs.mkdirSync(at('class'));
    fs.writeFileSync(at('class', 'lesson.md'), NOTES);
    fs.symlinkSync(at('notes.md'), at('class', 'escape.md'));
    const inside = { cwd: at('class'), root: at('class') };
    expect(await refused('../notes.md', 'notes.docx', inside)).toEqual({
      kind: 'invalid-path',
      path: '../notes.md',
      reason: 'outside-root',
    });
    expect(await refused('lesson.md', '../lesson.docx', inside)).toMatchObject({ reason: 'outside-root' });
    expect(await refused('lesson.md', '../../../tmp/lesson.docx', inside)).toMatchObject({ reason: 'outside-root' });
    expect(await refused(at('notes.md'), 'notes.docx', inside)).toMatchObject({ reason: 'outside-root' });
    expect(await refused('escape.md', 'escape.docx', inside)).toMatchObject({ reason: 'outside-root' });
    expect(await refused('lesson.md', 'lesson.docx', { cwd: at('class'), root: at('missing') })).toMatchObject({
      reason: 'root-missing',
    });
    // `..` that stays inside is fine
    const ok = await convertFile('sub/../lesson.md', './lesson.docx', inside);
    expect(ok.ok, JSON.stringify(ok)).toBe(true);
  });

  it('NUL bytes and empty names, a missing output folder, a missing or non-file input', async () => {
    expect(await refused('notes\u0000.md', 'notes.docx')).toEqual({
      kind: 'invalid-path',
      path: 'notes\\0.md',
      reason: 'nul-byte',
    });
    expect(await refused('notes.md', 'out\u0000/../notes.docx')).toMatchObject({ reason: 'nul-byte' });
    expect(await refused('notes.md', ' ')).toMatchObject({ kind: 'unsupported-format' });
    expect(await refused('', 'x.docx')).toMatchObject({ kind: 'unsupported-format' });
    expect(await refused('notes.md', 'missing/notes.docx')).toMatchObject({
      kind: 'invalid-path',
      reason: 'folder-missing',
    });
    expect(await refused('missing.md', 'missing.docx')).toMatchObject({ kind: 'unreadable', reason: 'ENOENT' });
    fs.mkdirSync(at('folder.md'));
    expect(await refused('folder.md', 'folder.docx')).toMatchObject({ kind: 'unreadable', reason: 'not-a-file' });
  });

  it('formats it does not convert between', async () => {
    expect(await refused('notes.md', 'notes.xlsx')).toMatchObject({ kind: 'unsupported-format' });
    expect(await refused('marks.csv', 'marks.pptx', { as: 'slides' })).toMatchObject({ kind: 'unsupported-format' });
    expect(await refused('notes', 'notes.docx')).toMatchObject({ kind: 'unsupported-format' });
  });

  it('a folder it may not write in', async () => {
    const r = await convertFile(at('notes.md'), '/proc/koompi-notes.docx');
    expect(r).toMatchObject({ ok: false, error: { kind: 'write-failed', path: '/proc/koompi-notes.docx' } });
    expect(fs.existsSync('/proc/koompi-notes.docx')).toBe(false);
  });
});

describe('convertFile accepts odd but valid names', () => {
  it('spaces, Khmer, a leading dash, a long Khmer name', async () => {
    const long = 'ក'.repeat(80);
    for (const name of ['my notes', 'កំណត់ត្រា ថ្មី', '-notes', long]) fs.writeFileSync(at(`${name}.md`), NOTES);
    for (const name of ['my notes', 'កំណត់ត្រា ថ្មី', '-notes', long]) {
      const r = await convertFile(`${name}.md`, `${name}.docx`, { cwd: dir, root: dir });
      expect(r.ok, `${name}: ${JSON.stringify(r)}`).toBe(true);
      if (r.ok) expect(r.value.output).toBe(at(`${name}.docx`));
    }
    const r = await convertFile('marks.csv', 'ពិន្ទុ ថ្នាក់ទី៦.csv', { cwd: dir });
    expect(r.ok).toBe(true);
    expect(fs.readFileSync(at('ពិន្ទុ ថ្នាក់ទី៦.csv'), 'utf8')).toContain('សុខា,95');
    expect(tree().filter((f) => f.startsWith('.'))).toEqual([]);
  });
});
