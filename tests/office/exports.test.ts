// Exports opened by real programs: LibreOffice headless reads our DOCX, ODT,
// PPTX and XLSX (one start per target format, batched), pdftotext reads our
// PDFs, mammoth reads our DOCX, and LibreOffice's own recalculation of our
// XLSX gives the values HyperFormula computed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  SheetEngine,
  convertFile,
  documentToDocx,
  documentToOdt,
  documentToPdf,
  formatValue,
  heading,
  list,
  paragraph,
  parseCsv,
  systemShaper,
  table,
  workbookToXlsx,
  type OfficeDocument,
} from '@koompi/core';
import { WORDS } from './corpus.js';
import { libreOfficeConvert, libreOfficeProfile, pdfText, squash } from './tools.js';

const SENTENCE = 'សិស្សានុសិស្សទាំងអស់ត្រូវការសៀវភៅថ្មី ហើយគ្រូបង្រៀនត្រូវរៀបចំមេរៀនឱ្យបានល្អ។';
const DOC: OfficeDocument = {
  title: 'របាយការណ៍',
  lang: 'km-KH',
  blocks: [
    heading(1, 'របាយការណ៍ប្រចាំខែ'),
    paragraph(SENTENCE.repeat(3), ' Mixed English ', { text: 'ដិត', bold: true }, ' ', { text: 'italic', italic: true }),
    heading(2, 'ពាក្យពិបាក'),
    list(false, WORDS),
    list(true, ['មួយ', 'ពីរ']),
    table([
      ['ឈ្មោះ', 'ពិន្ទុ'],
      ['សុខា', '95'],
    ]),
  ],
};
const MARKDOWN = `# ${DOC.title}\n\n${SENTENCE}\n\n## ស្លាយទីពីរ\n\n- ${WORDS.slice(0, 4).join('\n- ')}\n`;
const CSV = [
  'ឈ្មោះ,ពិន្ទុ,ពីរដង,ជាប់',
  'សុខា,95,=B2*2,"=IF(B2>=50,""ជាប់"",""ធ្លាក់"")"',
  'ដារា,40,=B3*2,"=IF(B3>=50,""ជាប់"",""ធ្លាក់"")"',
  'សរុប,=SUM(B2:B3),=AVERAGE(C2:C3),"=IF(B4>100,TRUE,FALSE)"',
  'ផ្សេងៗ,=SUMPRODUCT((B2:B3>50)*1),"=ROUND(B4/7,2)","=COUNTIF(B2:B3,"">50"")"',
  'អត្ថបទ,"=CONCATENATE(A2,""-"",A3)",=LEN(A2),=MAX(B2:B3)-MIN(B2:B3)',
].join('\n');

describe('exports read back by LibreOffice, pdftotext and mammoth', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-office-'));
  const out = (name: string) => path.join(dir, name);
  const lo = path.join(dir, 'lo');
  let engineValues: string[][] = [];

  beforeAll(async () => {
    const shaper = await systemShaper();
    if (!shaper.ok) throw new Error(JSON.stringify(shaper.error));
    fs.writeFileSync(out('doc.docx'), await documentToDocx(DOC));
    fs.writeFileSync(out('doc-odt.odt'), await documentToOdt(DOC));
    fs.writeFileSync(out('doc.pdf'), await documentToPdf(DOC, shaper.value));
    fs.writeFileSync(out('notes.md'), MARKDOWN);
    fs.writeFileSync(out('marks.csv'), CSV);
    for (const [from, to, as] of [
      ['notes.md', 'deck.pptx', 'slides'],
      ['notes.md', 'deck.pdf', 'slides'],
      ['notes.md', 'deck.html', 'slides'],
      ['marks.csv', 'marks.xlsx', undefined],
      ['marks.csv', 'marks.pdf', undefined],
      ['marks.csv', 'marks-out.csv', undefined],
    ] as const) {
      const r = await convertFile(out(from), out(to), as ? { as } : {});
      expect(r.ok, JSON.stringify(r)).toBe(true);
    }
    // an XLSX with formulas but no cached values, so LibreOffice must compute them itself
    const engine = await SheetEngine.create({ sheets: [{ name: 'marks', cells: parseCsv(CSV) }] });
    engineValues = engine.values(0).map((row) => row.map((v) => formatValue(v)));
    fs.writeFileSync(out('uncached.xlsx'), await workbookToXlsx(engine, { cachedValues: false }));
    engine.destroy();

    const profile = libreOfficeProfile();
    libreOfficeConvert(profile, 'txt:Text', [out('doc.docx'), out('doc-odt.odt')], lo);
    libreOfficeConvert(profile, 'odp', [out('deck.pptx')], lo);
    libreOfficeConvert(
      profile,
      'csv:Text - txt - csv (StarCalc):44,34,76,1',
      [out('marks.xlsx'), out('uncached.xlsx')],
      lo,
    );
  }, 300_000);

  const expectedLines = [DOC.title, 'របាយការណ៍ប្រចាំខែ', 'ពាក្យពិបាក', ...WORDS, 'សុខា'];

  it('DOCX: LibreOffice and mammoth read the Khmer text and structure', async () => {
    const text = squash(fs.readFileSync(path.join(lo, 'doc.txt'), 'utf8'));
    for (const line of expectedLines.slice(1)) expect(text).toContain(squash(line));
    expect(text).toContain(squash(SENTENCE));
    const html = (await mammoth.convertToHtml({ path: out('doc.docx') })).value;
    expect(html).toContain('<h1>របាយការណ៍ប្រចាំខែ</h1>');
    expect(html).toContain('<strong>ដិត</strong>');
    expect(html).toContain('<li>ស្ត្រី</li>');
    expect(html).toMatch(/<table>.*សុខា.*<\/table>/s);
  });

  it('ODT: LibreOffice reads the Khmer text', () => {
    const text = squash(fs.readFileSync(path.join(lo, 'doc-odt.txt'), 'utf8'));
    for (const line of expectedLines.slice(1)) expect(text).toContain(squash(line));
    expect(text).toContain(squash(SENTENCE));
  });

  it('PDF: copy and search give the logical text; fonts are embedded subsets', () => {
    const text = squash(pdfText(out('doc.pdf')));
    for (const line of expectedLines.slice(1)) expect(text).toContain(squash(line));
    // the long paragraph wraps at word boundaries, so it reads back whole once spaces are squashed
    expect(text.replace(/ /g, '')).toContain(SENTENCE.repeat(3).replace(/ /g, ''));
    const pdf = fs.readFileSync(out('doc.pdf'), 'latin1');
    expect(pdf).toMatch(/\/FontFile2/);
    expect(pdf).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansKhmer-Regular/);
  });

  it('PPTX: LibreOffice opens the slides; our slide PDF and HTML say the same', async () => {
    // LibreOffice's own PDF of the slides would give Khmer in visual order (it writes no ActualText),
    // so read what it understood from the presentation it saves
    const zip = await JSZip.loadAsync(fs.readFileSync(path.join(lo, 'deck.odp')));
    const content = (await zip.file('content.xml')?.async('string')) ?? '';
    const pptx = squash(
      [...content.matchAll(/<text:p[^>]*>(.*?)<\/text:p>/gs)]
        .map((m) => (m[1] ?? '').replace(/<[^>]+>/g, ''))
        .join('\n'),
    );
    const ours = squash(pdfText(out('deck.pdf')));
    for (const s of [DOC.title, SENTENCE, 'ស្លាយទីពីរ', ...WORDS.slice(0, 4)]) {
      expect(pptx).toContain(squash(s));
      expect(ours.replace(/ /g, '')).toContain(squash(s).replace(/ /g, ''));
    }
    const html = fs.readFileSync(out('deck.html'), 'utf8');
    expect(html).toContain('<h2>ស្លាយទីពីរ</h2>');
    expect(html).toContain('font/ttf;base64,');
  });

  it('XLSX: LibreOffice recalculates every formula to what HyperFormula computed', () => {
    const recomputed = parseCsv(fs.readFileSync(path.join(lo, 'uncached.csv'), 'utf8'));
    const cached = parseCsv(fs.readFileSync(path.join(lo, 'marks.csv'), 'utf8'));
    const normalize = (rows: string[][]) =>
      rows.map((r) => {
        const cells = r.map((v) =>
          /^-?\d+(\.\d+)?$/.test(v) ? String(Number(v)) : v.toUpperCase() === 'TRUE' ? 'TRUE' : v,
        );
        while (cells.length && cells[cells.length - 1] === '') cells.pop();
        return cells;
      });
    expect(normalize(recomputed)).toEqual(normalize(engineValues));
    expect(normalize(cached)).toEqual(normalize(engineValues));
    expect(engineValues[1]?.[3]).toBe('ជាប់');
    expect(engineValues[3]?.[1]).toBe('135');
  });

  it('CSV and sheet PDF carry the computed values', () => {
    const csv = parseCsv(fs.readFileSync(out('marks-out.csv'), 'utf8'));
    expect(csv[3]?.slice(0, 3)).toEqual(['សរុប', '135', '135']);
    const text = squash(pdfText(out('marks.pdf')));
    expect(text).toContain('សរុប 135 135');
    expect(text).toContain('ជាប់');
  });
});
