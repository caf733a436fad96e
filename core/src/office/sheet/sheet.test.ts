import { describe, expect, it } from 'vitest';
import { cellName, columnIndex, columnName, parseCell } from './address.js';
import { parseCsv, toCsv } from './csv.js';
import { normalizeFormula, SheetEngine } from './engine.js';
import { classifyInput, formatValue } from './model.js';

describe('addresses and inputs', () => {
  it('names columns and cells', () => {
    expect([0, 25, 26, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA']);
    expect(columnIndex('AA')).toBe(26);
    expect(cellName(9, 1)).toBe('B10');
    expect(parseCell('$C$3')).toEqual({ row: 2, col: 2 });
  });
  it('reads Khmer digits as numbers', () => {
    expect(classifyInput('១២៣')).toEqual({ kind: 'number', value: 123 });
    expect(classifyInput('=A1')).toEqual({ kind: 'formula', formula: '=A1' });
    expect(classifyInput('សុខា')).toEqual({ kind: 'text', value: 'សុខា' });
  });
});

describe('CSV', () => {
  it('parses quotes, embedded newlines and guesses the delimiter', () => {
    expect(parseCsv('a,"b,c","d ""q"""\r\n"x\ny",2\n')).toEqual([
      ['a', 'b,c', 'd "q"'],
      ['x\ny', '2'],
    ]);
    expect(parseCsv('a;b\n1;2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });
  it('round-trips', () => {
    const rows = [['ឈ្មោះ', 'a,b', 'say "hi"', ' pad']];
    expect(parseCsv(toCsv(rows))).toEqual(rows);
  });
});

describe('formula engine', () => {
  it('computes, recalculates after an edit, and handles TRUE and array arithmetic', async () => {
    const engine = await SheetEngine.create({
      sheets: [
        {
          name: 'ពិន្ទុ',
          cells: [
            ['2', '3', '=A1*B1'],
            ['=IF(C1>5,TRUE,FALSE)', '=SUMPRODUCT((A1:B1>2)*1)', '=1/0'],
          ],
        },
      ],
    });
    expect(engine.value(0, 0, 2)).toBe(6);
    expect(engine.value(0, 1, 0)).toBe(true);
    expect(engine.value(0, 1, 1)).toBe(1);
    expect(engine.value(0, 1, 2)).toEqual({ error: '#DIV/0!' });
    engine.set(0, 0, 0, '1');
    expect(engine.value(0, 0, 2)).toBe(3);
    expect(engine.value(0, 1, 0)).toBe(false);
    expect(engine.input(0, 0, 2)).toBe('=A1*B1');
    expect(formatValue(engine.value(0, 0, 2))).toBe('3');
    engine.destroy();
  });
  it('writes TRUE() for HyperFormula outside strings only', () => {
    expect(normalizeFormula('=IF(A1,TRUE,"TRUE")')).toBe('=IF(A1,TRUE(),"TRUE")');
    expect(normalizeFormula('=TRUE()')).toBe('=TRUE()');
  });
});

describe('lookups through the column index', () => {
  it('finds exact matches (numbers, Khmer text, any case) and follows edits to the looked-up column', async () => {
    const engine = await SheetEngine.create({
      sheets: [
        {
          name: 'តារាង',
          cells: [
            ['1', 'សុខា', '=VLOOKUP(3,A$1:B$4,2,FALSE)', '=VLOOKUP("DARA",E$1:F$3,2,FALSE)', 'dara', '40'],
            ['2', 'ដារា', '=MATCH("វណ្ណា",B1:B4,0)', '=VLOOKUP(2.5,A1:B4,2,TRUE)', 'វណ្ណា', '72'],
            ['3', 'វណ្ណា', '=VLOOKUP(9,A1:B4,2,FALSE)', '=VLOOKUP("វណ្ណា",E1:F3,2,FALSE)', 'sokha', '95'],
            ['4', 'ចាន់', '', '', '', ''],
          ],
        },
      ],
    });
    expect(engine.value(0, 0, 2)).toBe('វណ្ណា');
    expect(engine.value(0, 0, 3)).toBe(40);
    expect(engine.value(0, 1, 2)).toBe(3);
    expect(engine.value(0, 1, 3)).toBe('ដារា');
    expect(engine.value(0, 2, 2)).toEqual({ error: '#N/A' });
    expect(engine.value(0, 2, 3)).toBe(72);
    // the key moves: the index must follow, old and new row alike
    engine.set(0, 2, 0, '30');
    engine.set(0, 3, 0, '3');
    expect(engine.value(0, 0, 2)).toBe('ចាន់');
    engine.set(0, 3, 1, 'សុភា');
    expect(engine.value(0, 0, 2)).toBe('សុភា');
    engine.set(0, 3, 0, '9');
    expect(engine.value(0, 2, 2)).toBe('សុភា');
    expect(engine.value(0, 0, 2)).toEqual({ error: '#N/A' });
    engine.destroy();
  });

  it('setMany sets every cell and recalculates what depends on them', async () => {
    const engine = await SheetEngine.create({ sheets: [{ name: 'S', cells: [['1', '=SUM(A1:A5)', '=B1*2']] }] });
    engine.setMany(0, [
      { row: 1, col: 0, raw: '2' },
      { row: 2, col: 0, raw: '៣' },
      { row: 4, col: 0, raw: '=A1*10' },
    ]);
    expect(engine.value(0, 0, 1)).toBe(16);
    expect(engine.value(0, 0, 2)).toBe(32);
    expect(engine.input(0, 2, 0)).toBe('៣');
    expect(engine.data(0).cells[4]).toEqual(['=A1*10']);
    engine.setMany(0, []);
    expect(engine.value(0, 0, 1)).toBe(16);
    engine.destroy();
  });
});
