/**
 * Formulas through HyperFormula 3 (GPL-3.0, used under its `gpl-v3` licence key,
 * which suits KOOMPI OS's GPL-3.0-or-later). Two of its quirks are handled
 * here: a bare `TRUE`/`FALSE` in a formula is a name error, so they are written
 * `TRUE()`/`FALSE()`; and array arithmetic is on, so `SUMPRODUCT((A1:A9>5)*1)`
 * works as in LibreOffice.
 *
 * Speed: every formula that reads a range depends on the whole range, so one
 * edit inside `A$1:B$10000` makes all 10,000 `VLOOKUP`s over it recompute. With
 * HyperFormula's default linear search each of them scans the column again
 * (10,000 × 10,000 comparisons, ~6 s per edit); with its column index each
 * lookup is a hash probe (~50 ms per edit). Several edits at once (smart fill,
 * paste) go through `setMany`, which recalculates once.
 *
 * @example
 * const engine = await SheetEngine.create({ sheets: [{ name: 'Sheet1', cells: [['2', '3', '=A1*B1']] }] });
 * engine.value(0, 0, 2); // 6
 */
import type * as HF from 'hyperformula';
import { lazyImport } from '../lazy.js';
import { classifyInput, type CellValue, type SheetData, type Workbook } from './model.js';

type Raw = string | number | boolean | null;

/** `TRUE` → `TRUE()` outside string literals, for HyperFormula. */
export function normalizeFormula(formula: string): string {
  return formula
    .split(/("(?:[^"]|"")*")/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/\b(TRUE|FALSE)\b(?!\s*\()/gi, (m) => `${m.toUpperCase()}()`)))
    .join('');
}

function toEngine(raw: string): Raw {
  const input = classifyInput(raw);
  switch (input.kind) {
    case 'empty':
      return null;
    case 'formula':
      return normalizeFormula(input.formula);
    case 'number':
      return input.value;
    case 'text':
      return /^(true|false)$/i.test(raw) ? raw.toLowerCase() === 'true' : raw;
  }
}

let hfModule: Promise<typeof HF> | undefined;

/** A live workbook: raw inputs in, computed values out, recalculated on each edit. */
export class SheetEngine {
  private readonly raw: string[][][];

  private constructor(
    private readonly hf: HF.HyperFormula,
    private readonly names: string[],
    workbook: Workbook,
  ) {
    this.raw = workbook.sheets.map((s) => s.cells.map((r) => [...r]));
  }

  static async create(workbook: Workbook): Promise<SheetEngine> {
    hfModule ??= lazyImport<typeof HF>('hyperformula');
    const { HyperFormula } = await hfModule;
    const sheets: Record<string, Raw[][]> = {};
    const names = workbook.sheets.map((s, i) => s.name || `Sheet${i + 1}`);
    workbook.sheets.forEach((sheet, i) => {
      sheets[names[i]!] = sheet.cells.map((row) => row.map(toEngine));
    });
    if (names.length === 0) {
      names.push('Sheet1');
      sheets['Sheet1'] = [];
    }
    const hf = HyperFormula.buildFromSheets(sheets, {
      licenseKey: 'gpl-v3',
      useArrayArithmetic: true,
      // exact-match VLOOKUP/HLOOKUP/MATCH/XLOOKUP through an index instead of a scan (see the top of this file)
      useColumnIndex: true,
      smartRounding: true,
    });
    return new SheetEngine(hf, names, workbook.sheets.length ? workbook : { sheets: [{ name: 'Sheet1', cells: [] }] });
  }

  get sheetNames(): readonly string[] {
    return this.names;
  }

  private id(sheet: number): number {
    return this.hf.getSheetId(this.names[sheet] ?? '') ?? 0;
  }

  /** Sets what a person typed in a cell and recalculates what depends on it. */
  set(sheet: number, row: number, col: number, raw: string): void {
    this.remember(sheet, row, col, raw);
    this.hf.setCellContents({ sheet: this.id(sheet), row, col }, [[toEngine(raw)]]);
  }

  /** Sets many cells (a fill, a paste) and recalculates once, not once per cell. */
  setMany(
    sheet: number,
    edits: ReadonlyArray<{ readonly row: number; readonly col: number; readonly raw: string }>,
  ): void {
    if (edits.length === 0) return;
    const id = this.id(sheet);
    this.hf.batch(() => {
      for (const { row, col, raw } of edits) {
        this.remember(sheet, row, col, raw);
        this.hf.setCellContents({ sheet: id, row, col }, [[toEngine(raw)]]);
      }
    });
  }

  private remember(sheet: number, row: number, col: number, raw: string): void {
    const rows = (this.raw[sheet] ??= []);
    while (rows.length <= row) rows.push([]);
    const cells = rows[row]!;
    while (cells.length <= col) cells.push('');
    cells[col] = raw;
  }

  /** What was typed in a cell (a formula keeps its `=`). */
  input(sheet: number, row: number, col: number): string {
    return this.raw[sheet]?.[row]?.[col] ?? '';
  }

  value(sheet: number, row: number, col: number): CellValue {
    return fromEngine(this.hf.getCellValue({ sheet: this.id(sheet), row, col }));
  }

  /** All computed values of a sheet, as rows. */
  values(sheet: number): CellValue[][] {
    return this.hf.getSheetValues(this.id(sheet)).map((row) => row.map(fromEngine));
  }

  /** The sheet as raw inputs, e.g. for saving. */
  data(sheet: number): SheetData {
    return { name: this.names[sheet] ?? 'Sheet1', cells: (this.raw[sheet] ?? []).map((r) => [...r]) };
  }

  /** Whether a formula parses; its error message when it does not. */
  validate(formula: string): { ok: true } | { ok: false; message: string } {
    const normalized = normalizeFormula(formula.startsWith('=') ? formula : `=${formula}`);
    return this.hf.validateFormula(normalized) ? { ok: true } : { ok: false, message: 'parse' };
  }

  destroy(): void {
    this.hf.destroy();
  }
}

function fromEngine(value: HF.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object') return { error: (value as { value: string }).value };
  return value;
}
