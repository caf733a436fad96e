import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { SheetEngine } from '../sheet/engine.js';
import { odfFormulaToA1 } from '../sheet/ods-formula.js';
import { odsToWorkbook } from './ods.js';
import { openWorkbookFile, saveWorkbookFile, workbookFormatOf } from './workbooks.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-books-'));

const BOOK = {
  sheets: [
    {
      name: 'ពិន្ទុ',
      cells: [
        ['ឈ្មោះ', 'ពិន្ទុ'],
        ['សុខា', '95'],
        ['ដារា', '80'],
        ['សរុប', '=SUM(B2:B3)'],
      ],
    },
    { name: 'ខែ', cells: [['មករា', "='ពិន្ទុ'!B4*2"]] },
  ],
};

describe('OpenFormula to A1', () => {
  it('turns ODF references and separators into A1 formulas, leaving strings alone', () => {
    expect(odfFormulaToA1('of:=SUM([.B2:.B4])')).toBe('=SUM(B2:B4)');
    expect(odfFormulaToA1('of:=IF([.B2]>50;"ជាប់;";"ធ្លាក់")')).toBe('=IF(B2>50,"ជាប់;","ធ្លាក់")');
    expect(odfFormulaToA1("of:=[$'ពិន្ទុ ខែ'.B4]*2+[$Sheet2.A1:.A3]")).toBe("='ពិន្ទុ ខែ'!B4*2+Sheet2!A1:A3");
    expect(odfFormulaToA1('of:=[$ពិន្ទុ.B4]')).toBe("='ពិន្ទុ'!B4");
  });
});

describe('ODS import', () => {
  it('reads sheets, numbers, text, formulas, and spells out only repeats that hold something', async () => {
    const zip = new JSZip();
    zip.file('mimetype', 'application/vnd.oasis.opendocument.spreadsheet');
    zip.file(
      'content.xml',
      `<?xml version="1.0"?><office:document-content xmlns:office="o" xmlns:table="t" xmlns:text="x"><office:body><office:spreadsheet>
<table:table table:name="ពិន្ទុ">
<table:table-row><table:table-cell office:value-type="string"><text:p>ឈ្មោះ<text:s text:c="2"/>ពេញ</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="95"><text:p>95</text:p></table:table-cell><table:table-cell table:number-columns-repeated="1020"/></table:table-row>
<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="2" office:value-type="float" office:value="1.5"><text:p>1.5</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell table:formula="of:=SUM([.B1:.B3])" office:value-type="float" office:value="98"><text:p>98</text:p></table:table-cell></table:table-row>
<table:table-row table:number-rows-repeated="1048572"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
</table:table>
<table:table table:name="ទទេ"/>
</office:spreadsheet></office:body></office:document-content>`,
    );
    const book = await odsToWorkbook(await zip.generateAsync({ type: 'uint8array' }));
    expect(book.sheets).toEqual([
      {
        name: 'ពិន្ទុ',
        cells: [['ឈ្មោះ  ពេញ', '95'], ['1.5', '1.5'], ['1.5', '1.5'], ['=SUM(B1:B3)']],
      },
      { name: 'ទទេ', cells: [] },
    ]);
  });

  it('refuses a text document and a broken file', async () => {
    const zip = new JSZip();
    zip.file('mimetype', 'application/vnd.oasis.opendocument.text');
    zip.file('content.xml', '<a/>');
    await expect(odsToWorkbook(await zip.generateAsync({ type: 'uint8array' }))).rejects.toThrow(/not a spreadsheet/);
    await expect(odsToWorkbook(new Uint8Array([1, 2, 3]))).rejects.toThrow();
  });
});

describe('openWorkbookFile / saveWorkbookFile', () => {
  it('knows the formats', () => {
    expect(['a.xlsx', 'b.ODS', 'c.csv', 'd.xls'].map(workbookFormatOf)).toEqual(['xlsx', 'ods', 'csv', undefined]);
  });

  it('round-trips XLSX (every sheet, formulas, Khmer) and CSV (the first sheet, formulas as =…)', async () => {
    const dir = tmp();
    const engine = await SheetEngine.create(BOOK);
    try {
      expect((await saveWorkbookFile(path.join(dir, 'សៀវភៅ.xlsx'), engine)).ok).toBe(true);
      expect((await saveWorkbookFile(path.join(dir, 'សៀវភៅ.csv'), engine)).ok).toBe(true);
    } finally {
      engine.destroy();
    }
    const xlsx = await openWorkbookFile(path.join(dir, 'សៀវភៅ.xlsx'));
    expect(xlsx.ok && xlsx.value.workbook).toEqual(BOOK);
    const csv = await openWorkbookFile(path.join(dir, 'សៀវភៅ.csv'));
    expect(csv.ok && csv.value.workbook).toEqual({ sheets: [{ ...BOOK.sheets[0], name: 'សៀវភៅ' }] });
    // open → save → open again: the same
    if (!xlsx.ok) return;
    const again = await SheetEngine.create(xlsx.value.workbook);
    try {
      expect(again.value(1, 0, 1)).toBe(350);
      expect((await saveWorkbookFile(path.join(dir, 'សៀវភៅ.xlsx'), again)).ok).toBe(true);
    } finally {
      again.destroy();
    }
    const third = await openWorkbookFile(path.join(dir, 'សៀវភៅ.xlsx'));
    expect(third.ok && third.value.workbook).toEqual(BOOK);
  });

  it('says why a file cannot be opened or saved', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'bad.xlsx'), 'not a zip');
    fs.writeFileSync(path.join(dir, 'bad.ods'), 'not a zip');
    const bad = await openWorkbookFile(path.join(dir, 'bad.xlsx'));
    expect(!bad.ok && bad.error.kind).toBe('corrupt');
    const badOds = await openWorkbookFile(path.join(dir, 'bad.ods'));
    expect(!badOds.ok && badOds.error.kind).toBe('corrupt');
    const engine = await SheetEngine.create(BOOK);
    try {
      const ods = await saveWorkbookFile(path.join(dir, 'a.ods'), engine);
      expect(!ods.ok && ods.error.kind).toBe('unsupported-format');
      const missing = await saveWorkbookFile(path.join(dir, 'no', 'a.xlsx'), engine);
      expect(!missing.ok && missing.error.kind).toBe('write-failed');
    } finally {
      engine.destroy();
    }
  });
});
