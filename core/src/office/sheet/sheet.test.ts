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
