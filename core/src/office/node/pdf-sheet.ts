/** A sheet as PDF: its computed values as a bordered grid, landscape when it is wide. */
import { formatValue, sheetSize } from '../sheet/model.js';
import type { SheetEngine } from '../sheet/engine.js';
import { drawTable } from './pdf-document.js';
import type { HarfBuzzShaper } from './harfbuzz.js';
import { A4, PdfComposer } from './pdf-writer.js';

export async function sheetToPdf(engine: SheetEngine, shaper: HarfBuzzShaper, sheet = 0): Promise<Uint8Array> {
  const data = engine.data(sheet);
  const { rows, cols } = sheetSize(data);
  const landscape = cols > 6;
  const page = landscape ? { width: A4.height, height: A4.width } : A4;
  const pdf = await PdfComposer.create(shaper, { title: data.name, lang: 'km-KH', page, margin: 36 });
  const values = engine.values(sheet);
  const grid = Array.from({ length: rows }, (_, r) =>
    Array.from({ length: cols }, (_, c) => [{ text: formatValue(values[r]?.[c] ?? null) }]),
  );
  const size = cols > 12 ? 7 : cols > 8 ? 8.5 : 10;
  drawTable(pdf, grid, false, 36, pdf.contentWidth, size);
  return pdf.finish();
}
