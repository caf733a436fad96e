/**
 * Opening and saving Calculate's workbooks. Calculate opens XLSX, ODS and
 * CSV; it saves XLSX (its own format: every sheet, every formula with its
 * computed value, Khmer text) and CSV when asked (one sheet; formulas kept as
 * `=…` so Calculate computes them again on opening). Saves are atomic.
 */
import path from 'node:path';
import { err, ok } from '../../base/result.js';
import { describeError, type OfficeResult } from '../result.js';
import { parseCsv, toCsv } from '../sheet/csv.js';
import type { SheetEngine } from '../sheet/engine.js';
import { sheetSize, type Workbook } from '../sheet/model.js';
import { decodeText, readInput, writeFileAtomic } from './convert.js';
import { odsToWorkbook } from './ods.js';
import { workbookToXlsx, xlsxToWorkbook } from './xlsx.js';

export type WorkbookFormat = 'xlsx' | 'ods' | 'csv';
export const OPEN_WORKBOOK_FORMATS: readonly WorkbookFormat[] = ['xlsx', 'ods', 'csv'];
export const SAVE_WORKBOOK_FORMATS: readonly WorkbookFormat[] = ['xlsx', 'csv'];
/** Formats that keep everything Calculate makes (several sheets, formulas and their values). */
export const FULL_WORKBOOK_FORMATS: readonly WorkbookFormat[] = ['xlsx'];

const DEFAULT_MAX = 64 * 1024 * 1024;

export function workbookFormatOf(file: string): WorkbookFormat | undefined {
  const ext = path.extname(file).toLowerCase().slice(1);
  return (OPEN_WORKBOOK_FORMATS as readonly string[]).includes(ext) ? (ext as WorkbookFormat) : undefined;
}

export interface OpenedWorkbook {
  readonly workbook: Workbook;
  readonly format: WorkbookFormat;
  readonly path: string;
}

export async function openWorkbookFile(
  file: string,
  options: { readonly maxBytes?: number } = {},
): Promise<OfficeResult<OpenedWorkbook>> {
  const abs = path.resolve(file);
  const format = workbookFormatOf(abs);
  if (!format) return err({ kind: 'unsupported-format', path: abs, supported: OPEN_WORKBOOK_FORMATS });
  const data = readInput(abs, options.maxBytes ?? DEFAULT_MAX);
  if (!data.ok) return data;
  if (format === 'csv') {
    const text = decodeText(abs, data.value, 'csv');
    if (!text.ok) return text;
    const name =
      path
        .basename(abs)
        .replace(/\.[^.]+$/, '')
        .slice(0, 31) || 'Sheet1';
    return ok({ workbook: { sheets: [{ name, cells: parseCsv(text.value) }] }, format, path: abs });
  }
  try {
    const workbook = format === 'xlsx' ? await xlsxToWorkbook(data.value) : await odsToWorkbook(data.value);
    return ok({ workbook, format, path: abs });
  } catch (error) {
    return err({ kind: 'corrupt', path: abs, format, detail: describeError(error) });
  }
}

/** The first sheet's inputs as CSV (formulas as `=…`). */
export function engineToCsv(engine: SheetEngine, sheet = 0): string {
  const data = engine.data(sheet);
  const { rows, cols } = sheetSize(data);
  return toCsv(
    Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => data.cells[r]?.[c] ?? '')),
  );
}

export async function saveWorkbookFile(
  file: string,
  engine: SheetEngine,
): Promise<OfficeResult<{ readonly path: string; readonly format: WorkbookFormat }>> {
  const abs = path.resolve(file);
  const format = workbookFormatOf(abs);
  if (!format || !SAVE_WORKBOOK_FORMATS.includes(format))
    return err({ kind: 'unsupported-format', path: abs, supported: SAVE_WORKBOOK_FORMATS });
  const bytes = format === 'xlsx' ? await workbookToXlsx(engine) : new TextEncoder().encode(engineToCsv(engine));
  const written = writeFileAtomic(abs, bytes, true);
  if (!written.ok) return written;
  return ok({ path: abs, format });
}
