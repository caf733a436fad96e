/**
 * ODS (OpenDocument spreadsheet) → workbook: every sheet's cells as raw
 * inputs, formulas in A1 form (`ods-formula.ts`), numbers as numbers, text as
 * text. LibreOffice repeats empty rows and columns to the sheet's edge
 * (`number-rows-repeated="1048000"`): only repeats that hold something are
 * spelled out, up to 10,000 rows and 1,024 columns.
 */
import type JSZipType from 'jszip';
import { defaultOf, lazyImport } from '../lazy.js';
import { odfFormulaToA1 } from '../sheet/ods-formula.js';
import type { SheetData, Workbook } from '../sheet/model.js';
import { elements, find, parseXml, type XmlElement } from '../xml-read.js';

const MAX_ROWS = 10_000;
const MAX_COLS = 1_024;

function cellInput(cell: XmlElement): string {
  const formula = cell.attrs['table:formula'];
  if (formula) return odfFormulaToA1(formula);
  const type = cell.attrs['office:value-type'];
  if (type === 'float' || type === 'percentage' || type === 'currency') return cell.attrs['office:value'] ?? '';
  if (type === 'boolean') return cell.attrs['office:boolean-value'] === 'true' ? 'TRUE' : 'FALSE';
  if (type === 'date') return (cell.attrs['office:date-value'] ?? '').slice(0, 10);
  const paragraphs = elements(cell, 'text:p').map((p) => spaced(p));
  return paragraphs.join('\n');
}

function spaced(p: XmlElement): string {
  return p.children
    .map((c) => {
      if (typeof c === 'string') return c;
      if (c.name === 'text:s') return ' '.repeat(Number(c.attrs['text:c'] ?? 1) || 1);
      if (c.name === 'text:tab') return '\t';
      if (c.name === 'text:line-break') return '\n';
      return spaced(c);
    })
    .join('');
}

function readTable(table: XmlElement): SheetData {
  const cells: string[][] = [];
  let r = 0;
  const rows: XmlElement[] = [];
  const collect = (n: XmlElement) => {
    for (const c of elements(n)) {
      if (c.name === 'table:table-row') rows.push(c);
      else if (
        c.name === 'table:table-header-rows' ||
        c.name === 'table:table-rows' ||
        c.name === 'table:table-row-group'
      )
        collect(c);
    }
  };
  collect(table);
  for (const row of rows) {
    const line: string[] = [];
    let c = 0;
    for (const cell of elements(row)) {
      if (cell.name !== 'table:table-cell' && cell.name !== 'table:covered-table-cell') continue;
      const repeat = Number(cell.attrs['table:number-columns-repeated'] ?? 1) || 1;
      const input = cell.name === 'table:table-cell' ? cellInput(cell) : '';
      if (input !== '') for (let k = 0; k < repeat && c + k < MAX_COLS; k++) line[c + k] = input;
      c += repeat;
      if (c >= MAX_COLS) break;
    }
    const repeat = Number(row.attrs['table:number-rows-repeated'] ?? 1) || 1;
    const filled = Array.from(line, (v) => v ?? '');
    if (filled.some((v) => v !== '')) for (let k = 0; k < repeat && r + k < MAX_ROWS; k++) cells[r + k] = filled;
    r += repeat;
    if (r >= MAX_ROWS) break;
  }
  return { name: table.attrs['table:name'] ?? `Sheet${1}`, cells: Array.from(cells, (row) => row ?? []) };
}

/** Throws when the bytes are not an ODS (not a ZIP, no spreadsheet, broken XML). */
export async function odsToWorkbook(data: Uint8Array): Promise<Workbook> {
  const JSZip = defaultOf<typeof JSZipType>(await lazyImport('jszip'));
  const zip = await JSZip.loadAsync(data);
  const mimetype = await zip.file('mimetype')?.async('string');
  if (mimetype && !mimetype.startsWith('application/vnd.oasis.opendocument.spreadsheet'))
    throw new Error(`not a spreadsheet (${mimetype})`);
  const content = zip.file('content.xml');
  if (!content) throw new Error('no content.xml: not an OpenDocument file');
  const root = parseXml(await content.async('string'));
  const spreadsheet = find(root, 'office:spreadsheet');
  if (!spreadsheet) throw new Error('no office:spreadsheet: not a spreadsheet');
  const sheets = elements(spreadsheet, 'table:table').map(readTable);
  if (!sheets.length) throw new Error('no sheet in the file');
  return { sheets };
}
