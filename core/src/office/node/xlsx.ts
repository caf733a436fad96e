/**
 * XLSX in and out through exceljs. exceljs computes nothing: each formula is
 * written with the result HyperFormula computed (the cached value), so viewers
 * that do not recalculate show the right numbers.
 */
import type ExcelJSTypes from 'exceljs';
import { hasKhmer } from '../../text/khmer.js';
import { defaultOf, lazyImport } from '../lazy.js';
import type { SheetEngine } from '../sheet/engine.js';
import { classifyInput, sheetSize, type CellValue, type SheetData, type Workbook } from '../sheet/model.js';

type ExcelJS = typeof ExcelJSTypes;

function cached(value: CellValue): ExcelJSTypes.CellFormulaValue['result'] {
  if (value === null) return undefined;
  if (typeof value === 'object') return { error: value.error } as ExcelJSTypes.CellErrorValue;
  return value;
}

export interface XlsxOptions {
  /** Write each formula's computed result beside it (default true). */
  readonly cachedValues?: boolean;
}

export async function workbookToXlsx(engine: SheetEngine, options: XlsxOptions = {}): Promise<Uint8Array> {
  const Excel = defaultOf<ExcelJS>(await lazyImport('exceljs'));
  const wb = new Excel.Workbook();
  wb.creator = 'KOOMPI Calculate';
  engine.sheetNames.forEach((name, s) => {
    const ws = wb.addWorksheet(name.slice(0, 31));
    const data = engine.data(s);
    const { rows, cols } = sheetSize(data);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const raw = data.cells[r]?.[c] ?? '';
        const input = classifyInput(raw);
        if (input.kind === 'empty') continue;
        const cell = ws.getCell(r + 1, c + 1);
        if (input.kind === 'formula') {
          const result = options.cachedValues === false ? undefined : cached(engine.value(s, r, c));
          cell.value = {
            formula: input.formula.slice(1),
            ...(result === undefined ? {} : { result }),
          } as ExcelJSTypes.CellFormulaValue;
        } else if (input.kind === 'number') cell.value = input.value;
        else cell.value = input.value;
        if (hasKhmer(raw)) cell.font = { name: 'Noto Sans Khmer' };
      }
    }
    for (let c = 0; c < cols; c++) {
      let width = 8;
      for (let r = 0; r < rows; r++) width = Math.max(width, Math.min(60, (data.cells[r]?.[c] ?? '').length + 2));
      ws.getColumn(c + 1).width = width;
    }
  });
  if (engine.sheetNames.length === 0) wb.addWorksheet('Sheet1');
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

function rawOf(value: ExcelJSTypes.CellValue, formula: string | undefined): string {
  if (formula) return `=${formula}`;
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  if ('text' in value && typeof value.text === 'string') return value.text;
  if ('result' in value) return value.result === undefined ? '' : String(value.result);
  if ('error' in value) return value.error;
  return '';
}

/** Reads every worksheet's cells as raw inputs (formulas with their `=`). Throws on a file that is not XLSX. */
export async function xlsxToWorkbook(data: Uint8Array): Promise<Workbook> {
  const Excel = defaultOf<ExcelJS>(await lazyImport('exceljs'));
  const wb = new Excel.Workbook();
  await wb.xlsx.load(Buffer.from(data) as unknown as ArrayBuffer);
  const sheets: SheetData[] = [];
  wb.eachSheet((ws) => {
    const cells: string[][] = [];
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      const out: string[] = [];
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        out[c - 1] = rawOf(cell.value, cell.formula || undefined);
      });
      cells[r - 1] = Array.from(out, (v) => v ?? '');
    });
    sheets.push({ name: ws.name, cells: Array.from(cells, (r) => r ?? []) });
  });
  // exceljs reads any ZIP, even one with no workbook in it, as a book of no sheets
  if (sheets.length === 0) throw new Error('no worksheet in the file');
  return { sheets };
}
