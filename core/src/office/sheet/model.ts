/**
 * The sheet model of KOOMPI Calculate: what a person typed in each cell.
 * `'=SUM(A1:A3)'` is a formula, `'12'` a number, anything else text. Computed
 * values come from the formula engine (`engine.ts`), never from here.
 */

export interface SheetData {
  readonly name: string;
  /** Rows of raw cell inputs; ragged rows are fine, `''` is empty. */
  readonly cells: ReadonlyArray<readonly string[]>;
}

export interface Workbook {
  readonly sheets: readonly SheetData[];
}

/** A computed value as the engine gives it. */
export type CellValue = number | string | boolean | null | { readonly error: string };

/** Khmer digits ០–៩ as Latin digits, so `១២៣` is the number 123. */
export function latinDigits(text: string): string {
  return text.replace(/[\u17E0-\u17E9]/g, (d) => String(d.charCodeAt(0) - 0x17e0));
}

/** What a raw input means: a formula, a number, a boolean or text. */
export function classifyInput(
  raw: string,
):
  | { kind: 'formula'; formula: string }
  | { kind: 'number'; value: number }
  | { kind: 'text'; value: string }
  | { kind: 'empty' } {
  if (raw === '') return { kind: 'empty' };
  if (raw.startsWith('=') && raw.length > 1) return { kind: 'formula', formula: raw };
  const latin = latinDigits(raw.trim());
  if (/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(latin)) return { kind: 'number', value: Number(latin) };
  return { kind: 'text', value: raw };
}

export function sheetSize(sheet: SheetData): { rows: number; cols: number } {
  let cols = 0;
  let rows = 0;
  sheet.cells.forEach((row, r) => {
    const last = row.reduce((n, cell, c) => (cell !== '' ? c + 1 : n), 0);
    if (last > 0) rows = r + 1;
    cols = Math.max(cols, last);
  });
  return { rows, cols };
}

/** Displays a computed value for a grid or an export. */
export function formatValue(value: CellValue): string {
  if (value === null) return '';
  if (typeof value === 'object') return value.error;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number')
    return Number.isInteger(value) ? String(value) : String(Math.round(value * 1e10) / 1e10);
  return value;
}
