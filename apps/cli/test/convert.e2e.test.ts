// `koompi convert` end to end: the real bin, spawned in a folder of files as a
// person or a script runs it. Outputs are read back by pdftotext and exceljs.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { isCommand } from '../src/args.js';
import { pdfText, squash } from '../../../tests/office/tools.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const bin = path.join(root, 'apps', 'cli', 'bin', 'koompi.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-convert-e2e-'));
const at = (name: string) => path.join(dir, name);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const NOTES = '# មេរៀនទឹកស្អាត\n\nទឹកស្អាតសំខាន់សម្រាប់សុខភាព។\n\n## លាងដៃ\n\n- មុនពេលញ៉ាំបាយ\n- ក្រោយពេលលេង\n';
fs.writeFileSync(at('notes.md'), NOTES);
fs.writeFileSync(at('-dash.md'), NOTES);
fs.writeFileSync(
  at('ពិន្ទុ.csv'),
  'ឈ្មោះ,ពិន្ទុ,លទ្ធផល\nសុខា,95,"=IF(B2>50,""ជាប់"",""ធ្លាក់"")"\nដារា,40,"=IF(B3>50,""ជាប់"",""ធ្លាក់"")"\nសរុប,=SUM(B2:B3),\n',
);

function koompi(args: readonly string[], lang = 'en_US.UTF-8') {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: dir,
    env: { PATH: process.env['PATH'], HOME: dir, XDG_CONFIG_HOME: path.join(dir, '.config'), LANG: lang },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// The parser must know `convert` and pass `--as`/`--overwrite` to it (apps/cli/src/args.ts).
describe.skipIf(!isCommand('convert'))('koompi convert, spawned', () => {
  it('Markdown to PDF, said in Khmer; the PDF reads back in logical order', () => {
    const r = koompi(['convert', 'notes.md', 'notes.pdf'], 'km_KH.UTF-8');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^បានបម្លែង notes\.md ទៅជា notes\.pdf \([\d,]+ បៃ\)។\n$/);
    const text = squash(pdfText(at('notes.pdf')));
    for (const line of ['មេរៀនទឹកស្អាត', 'ទឹកស្អាតសំខាន់សម្រាប់សុខភាព។', 'មុនពេលញ៉ាំបាយ']) expect(text).toContain(line);
  });

  it('--as slides makes a slide per heading (PPTX), --json answers with one object', async () => {
    const r = koompi(['convert', '--json', 'notes.md', 'lesson.pptx', '--as', 'slides']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ output: at('lesson.pptx'), kind: 'slides', from: 'md', to: 'pptx' });
    const zip = await JSZip.loadAsync(fs.readFileSync(at('lesson.pptx')));
    expect(Object.keys(zip.files).filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f))).toHaveLength(2);
    expect(await zip.file('ppt/slides/slide2.xml')?.async('string')).toContain('<a:t>លាងដៃ</a:t>');
    const pdf = koompi(['convert', 'notes.md', 'lesson.pdf', '--as=slides']);
    expect(pdf.code, pdf.stderr).toBe(0);
  });

  it('CSV to XLSX with the formulas computed; a leading-dash name after --', async () => {
    const r = koompi(['convert', 'ពិន្ទុ.csv', 'ពិន្ទុ.xlsx']);
    expect(r.code, r.stderr).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(at('ពិន្ទុ.xlsx'));
    const sheet = book.worksheets[0]!;
    expect(sheet.getCell('C2').value).toMatchObject({ result: 'ជាប់' });
    expect(sheet.getCell('C3').value).toMatchObject({ result: 'ធ្លាក់' });
    expect(sheet.getCell('B4').value).toMatchObject({ formula: 'SUM(B2:B3)', result: 135 });
    const dash = koompi(['convert', '--', '-dash.md', '-dash.docx']);
    expect(dash.code, dash.stderr).toBe(0);
    expect(fs.existsSync(at('-dash.docx'))).toBe(true);
  });

  it('never replaces a file unless --overwrite (exit 1, said in Khmer)', () => {
    fs.writeFileSync(at('keep.docx'), 'keep');
    const r = koompi(['convert', 'notes.md', 'keep.docx'], 'km_KH.UTF-8');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('មានរួចហើយ');
    expect(r.stderr).toContain('--overwrite');
    expect(fs.readFileSync(at('keep.docx'), 'utf8')).toBe('keep');
    const again = koompi(['convert', 'notes.md', 'keep.docx', '--overwrite']);
    expect(again.code, again.stderr).toBe(0);
    expect(fs.readFileSync(at('keep.docx')).subarray(0, 2).toString()).toBe('PK');
  });

  it('wrong usage exits 2: a missing file name, a bad --as, an unsupported pair (JSON error object)', () => {
    expect(koompi(['convert', 'notes.md']).code).toBe(2);
    expect(koompi(['convert', 'notes.md', 'x.pdf', '--as', 'movie']).code).toBe(2);
    const pair = koompi(['convert', '--json', 'notes.md', 'notes.xlsx']);
    expect(pair.code).toBe(2);
    expect(JSON.parse(pair.stdout).error.code).toBe('unsupported-format');
    expect(fs.existsSync(at('x.pdf'))).toBe(false);
  });

  it('has Khmer help of its own', () => {
    const r = koompi(['convert', '--help'], 'km_KH.UTF-8');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('koompi convert ចូល ចេញ [--as slides] [--overwrite]');
  });

  it('completes its options and --as values in bash', () => {
    const script = koompi(['completion', 'bash']).stdout;
    const complete = (...words: string[]) =>
      spawnSync(
        'bash',
        [
          '-c',
          `${script}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _koompi; echo "\${COMPREPLY[*]}"`,
        ],
        { encoding: 'utf8', cwd: dir },
      ).stdout.trim();
    expect(complete('koompi', 'conv')).toBe('convert');
    expect(complete('koompi', 'convert', 'notes.md', 'x.pptx', '--')).toContain('--as');
    expect(complete('koompi', 'convert', 'notes.md', 'x.pptx', '--as', 's')).toBe('slides');
    expect(complete('koompi', 'convert', 'ពិន').split(' ')).toContain('ពិន្ទុ.csv');
  });
});
