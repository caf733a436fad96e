// The real Calculate window, offscreen: names and scores typed into the grid
// (one in Khmer digits), a formula in the formula bar, formulas from plain
// Khmer and English words, a smart fill of Khmer months, an edit that
// recalculates; XLSX exported with the button and read back by exceljs; a
// computed Khmer value found in the screenshot.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { bestMatch, readInk } from '../../../tests/support/image-match.js';
import { lastJson, offscreenEnv, repoRoot, runNode } from '../../../tests/support/qt-env.js';

const artifacts = path.join(repoRoot, 'artifacts', 'calculate');
const bin = path.join(repoRoot, 'apps/calculate/bin/koompi-calculate.js');
const IF_SENTENCE = 'បើ B2 ធំជាង ៥០ នោះ ជាប់ល្អណាស់ បើមិនដូច្នោះ ត្រូវខំ';
const SHOWN = 'ជាប់ល្អណាស់';
const NOT_SHOWN = 'មិនទាន់ប្រឡង';
const SHEET = 'ពិន្ទុថ្នាក់ទី៦';

interface Driven {
  saved: boolean;
  sheetAfter: string[][];
  inputs: string[][];
  afterEdit: { total: string; average: string; result: string; column: string };
  cellLabel: string;
  xlsxStatus: string;
  exports: string[];
  accessibleNames: string[];
}

describe('KOOMPI Calculate window (offscreen, Khmer)', () => {
  let driven: Driven;

  beforeAll(() => {
    fs.rmSync(artifacts, { recursive: true, force: true });
    fs.mkdirSync(artifacts, { recursive: true });
    const r = runNode(
      [path.join(repoRoot, 'apps/calculate/test/drive-calculate.mjs'), artifacts, IF_SENTENCE, SHOWN, NOT_SHOWN],
      offscreenEnv({ LANG: 'km_KH.UTF-8', LC_ALL: '', LANGUAGE: '' }),
      60_000,
    );
    expect(r.status, r.stderr).toBe(0);
    driven = lastJson<Driven>(r.stdout);
  }, 90_000);

  it('computes what was typed: numbers (Khmer digits too), a formula, formulas from plain words', () => {
    const { inputs, sheetAfter } = driven;
    expect(inputs[4]?.[1]).toBe('=SUM(B2:B4)');
    expect(inputs[1]?.[2]).toBe('=IF(B2>50,"ជាប់ល្អណាស់","ត្រូវខំ")');
    expect(inputs[2]?.[2]).toBe('=IF(B3>50,"ជាប់ល្អណាស់","ត្រូវខំ")');
    expect(inputs[1]?.[4]).toBe('=AVERAGE(B2:B4)');
    expect(inputs[0]?.[5]).toBe('=SUM(B:B)');
    expect(inputs[2]?.[1]).toBe('៤០');
    expect(sheetAfter[2]?.[1]).toBe('40');
    expect(sheetAfter[4]?.[1]).toBe('207');
    expect(sheetAfter[1]?.[2]).toBe(SHOWN);
    expect(sheetAfter[2]?.[2]).toBe('ត្រូវខំ');
    expect(sheetAfter[1]?.[4]).toBe('69');
    expect(sheetAfter[0]?.[5]).toBe('414');
  });

  it('smart fill continues the Khmer months below the column heading', () => {
    expect(driven.sheetAfter.map((row) => row[3])).toEqual([
      'ខែ',
      'មករា',
      'កុម្ភៈ',
      'មីនា',
      'មេសា',
      'ឧសភា',
      'មិថុនា',
      'កក្កដា',
      '',
    ]);
    expect(driven.cellLabel).toBe('D3');
  });

  it('recalculates everything that depends on an edited score', () => {
    expect(driven.afterEdit).toEqual({ total: '142', average: '47.333333333', result: 'ត្រូវខំ', column: '284' });
  });

  it('exports XLSX with the formulas and their computed values, named after the sheet', async () => {
    const file = path.join(artifacts, 'exports', `${SHEET}.xlsx`);
    expect(driven.exports).toEqual([`${SHEET}.xlsx`]);
    expect(driven.xlsxStatus).toBe(`បានរក្សាទុក ${file}`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.getWorksheet(SHEET);
    expect(sheet).toBeDefined();
    const cell = (ref: string) => sheet!.getCell(ref).value;
    expect(cell('A2')).toBe('សុខា');
    expect(cell('B3')).toBe(40);
    expect(cell('B5')).toMatchObject({ formula: 'SUM(B2:B4)', result: 142 });
    expect(cell('C2')).toMatchObject({ formula: 'IF(B2>50,"ជាប់ល្អណាស់","ត្រូវខំ")', result: 'ត្រូវខំ' });
    expect(cell('F1')).toMatchObject({ formula: 'SUM(B:B)', result: 284 });
    expect(cell('D8')).toBe('កក្កដា');
  });

  it('shows the computed Khmer value in the screenshot, and not a value never computed', () => {
    expect(driven.saved).toBe(true);
    const filled = readInk(path.join(artifacts, 'calculate-filled.png'));
    const empty = readInk(path.join(artifacts, 'calculate-empty.png'));
    const shown = readInk(path.join(artifacts, 'reference-shown.png'));
    const other = readInk(path.join(artifacts, 'reference-not-shown.png'));
    expect(bestMatch(filled, shown).score).toBeGreaterThan(0.8);
    // a short word over grid lines and placeholder text finds a third of its ink almost anywhere
    expect(bestMatch(empty, shown).score).toBeLessThan(0.4);
    expect(bestMatch(filled, other).score).toBeLessThan(0.2);
  });

  it('names every control in Khmer', () => {
    expect(driven.accessibleNames).toHaveLength(13);
    for (const name of driven.accessibleNames) expect(name).toMatch(/[\u1780-\u17FF]/);
  });
});

describe('koompi-calculate on the command line', () => {
  it('--screenshot writes a PNG of the main window and exits 0, with no display', () => {
    const out = path.join(artifacts, 'screenshot-cli.png');
    const r = runNode([bin, '--screenshot', out], offscreenEnv({ LANG: 'km_KH.UTF-8' }));
    expect(r.status, r.stderr).toBe(0);
    expect(fs.readFileSync(out).subarray(1, 4).toString()).toBe('PNG');
    expect(readInk(out).width).toBeGreaterThanOrEqual(900);
  });

  it('says in Khmer when the screenshot folder does not exist (exit 1), and prints its version', () => {
    const r = runNode([bin, '--screenshot', '/nonexistent/ថត/x.png'], offscreenEnv({ LANG: 'km_KH.UTF-8' }));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('មិនអាចរក្សាទុករូបថតអេក្រង់');
    const v = runNode([bin, '--version'], offscreenEnv());
    expect(v.status).toBe(0);
    expect(v.stdout).toMatch(/^koompi-calculate \d+\.\d+\.\d+/);
  });
});
