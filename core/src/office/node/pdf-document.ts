/**
 * A Write document as PDF: A4, Khmer shaped by HarfBuzz, lines broken at
 * Khmer word boundaries, fonts embedded (subset), text copyable in logical order.
 */
import type { Block, OfficeDocument, TextRun } from '../document/model.js';
import type { StyledSpan } from '../text/layout.js';
import type { HarfBuzzShaper } from './harfbuzz.js';
import { A4, PdfComposer } from './pdf-writer.js';

export const BODY_SIZE = 12;
const HEADING_SIZES = { 1: 22, 2: 17, 3: 14 } as const;
const LINE_SPACING = 1.25;
const MARGIN = 56;

export function spansOf(runs: readonly TextRun[], size: number, bold = false): StyledSpan[] {
  return runs.map((r) => ({
    text: r.text,
    size,
    bold: bold || Boolean(r.bold),
    italic: Boolean(r.italic),
    underline: Boolean(r.underline),
  }));
}

function drawBlock(pdf: PdfComposer, block: Block): void {
  const width = pdf.contentWidth;
  const x = MARGIN;
  switch (block.kind) {
    case 'heading': {
      const size = HEADING_SIZES[block.level];
      const lines = pdf.layout(spansOf(block.runs, size, true), { width, lineSpacing: LINE_SPACING });
      // keep a heading with the first line after it
      pdf.ensureSpace(size * 0.6 + lines.reduce((h, l) => h + l.height, 0) + BODY_SIZE * 2.5);
      if (pdf.y > MARGIN) pdf.y += size * 0.6;
      pdf.y += pdf.drawLines(lines, x, pdf.y) + size * 0.3;
      break;
    }
    case 'paragraph':
      pdf.flow(spansOf(block.runs, BODY_SIZE), x, { width, lineSpacing: LINE_SPACING, align: block.align ?? 'left' });
      pdf.y += BODY_SIZE * 0.6;
      break;
    case 'list': {
      const indent = 22;
      block.items.forEach((item, i) => {
        const marker = block.ordered ? `${i + 1}.` : '•';
        const markerLine = pdf.layout([{ text: marker, size: BODY_SIZE }], { width: indent });
        const lines = pdf.layout(spansOf(item, BODY_SIZE), { width: width - indent, lineSpacing: LINE_SPACING });
        lines.forEach((line, n) => {
          pdf.ensureSpace(line.height);
          const first = markerLine[0];
          if (n === 0 && first) pdf.drawLine({ ...first, ascent: line.ascent }, x + 4, pdf.y);
          pdf.drawLine(line, x + indent, pdf.y);
          pdf.y += line.height;
        });
      });
      pdf.y += BODY_SIZE * 0.6;
      break;
    }
    case 'table':
      drawTable(pdf, block.rows, Boolean(block.header), x, width);
      pdf.y += BODY_SIZE * 0.6;
      break;
    case 'image': {
      const scale = Math.min(1, width / block.width, (pdf.bottom - MARGIN) / block.height);
      const w = block.width * scale;
      const h = block.height * scale;
      pdf.ensureSpace(h);
      pdf.image(block.data, x + (width - w) / 2, pdf.y, w, h);
      pdf.y += h + BODY_SIZE * 0.6;
      break;
    }
    case 'page-break':
      pdf.newPage();
      break;
  }
}

/** A table with equal columns, wrapped cells, borders and a shaded bold header row. */
export function drawTable(
  pdf: PdfComposer,
  rows: ReadonlyArray<ReadonlyArray<readonly TextRun[]>>,
  header: boolean,
  x: number,
  width: number,
  size = BODY_SIZE,
): void {
  const columns = Math.max(1, ...rows.map((r) => r.length));
  const colWidth = width / columns;
  const pad = 4;
  rows.forEach((row, r) => {
    const isHeader = header && r === 0;
    const cells = Array.from({ length: columns }, (_, c) =>
      pdf.layout(spansOf(row[c] ?? [], size, isHeader), { width: colWidth - 2 * pad, lineSpacing: LINE_SPACING }),
    );
    const height = Math.max(...cells.map((lines) => lines.reduce((h, l) => h + l.height, 0))) + 2 * pad;
    pdf.ensureSpace(height);
    const top = pdf.y;
    if (isHeader) pdf.doc.save().rect(x, top, width, height).fill('#e8eef7').restore();
    cells.forEach((lines, c) => pdf.drawLines(lines, x + c * colWidth + pad, top + pad));
    pdf.doc.save().lineWidth(0.5).strokeColor('#8a96a3');
    for (let c = 0; c < columns; c++) pdf.doc.rect(x + c * colWidth, top, colWidth, height);
    pdf.doc.stroke().restore();
    pdf.y = top + height;
  });
}

/** Renders a document to PDF bytes. */
export async function documentToPdf(doc: OfficeDocument, shaper: HarfBuzzShaper): Promise<Uint8Array> {
  const pdf = await PdfComposer.create(shaper, {
    title: doc.title,
    lang: doc.lang ?? 'km-KH',
    page: A4,
    margin: MARGIN,
  });
  for (const block of doc.blocks) drawBlock(pdf, block);
  return pdf.finish();
}
