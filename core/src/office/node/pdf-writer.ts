/**
 * Paints laid-out lines into a PDF with pdfkit, using glyphs shaped by
 * HarfBuzz. pdfkit is used for pages, drawing, images and font embedding
 * (subset through fontkit), never for shaping: its own `text()` would shape
 * Khmer with fontkit, which is wrong for some syllables. Each run is wrapped in
 * a marked-content span with ActualText, so copying or searching the PDF gives
 * the text in logical order (Khmer pre-base vowels are drawn first).
 */
import type PDFKitTypes from 'pdfkit';
import { defaultOf, lazyImport } from '../lazy.js';
import { layoutParagraph, type LayoutLine, type LayoutOptions, type StyledSpan } from '../text/layout.js';
import { FACE_IDS, type FaceId } from '../text/shaping.js';
import type { HarfBuzzShaper } from './harfbuzz.js';

type Doc = PDFKit.PDFDocument;

/** The parts of pdfkit's embedded font object we drive directly. */
interface EmbeddedFont {
  readonly id: string;
  readonly scale: number;
  readonly font: { getGlyph(id: number): { advanceWidth: number } };
  readonly subset: { includeGlyph(id: number): number };
  readonly widths: number[];
  readonly unicode: number[][];
  ref(): unknown;
}

interface DocInternals {
  _font: EmbeddedFont;
  page: { fonts: Record<string, unknown>; height: number; width: number };
}

export interface PageSize {
  readonly width: number;
  readonly height: number;
}

export const A4: PageSize = { width: 595.28, height: 841.89 };
/** 16:9 slides, 10 × 5.625 in, as PowerPoint's default. */
export const SLIDE_16_9: PageSize = { width: 720, height: 405 };

export interface ComposerOptions {
  readonly title: string;
  readonly lang: string;
  readonly page: PageSize;
  readonly margin: number;
  readonly layout?: 'portrait' | 'landscape';
}

const hex4 = (n: number) => n.toString(16).padStart(4, '0');
const num = (n: number) => (Math.round(n * 1000) / 1000).toString();

/** A PDF being written page by page, with a flowing cursor for documents. */
export class PdfComposer {
  readonly doc: Doc;
  /** Top of the free space on the current page, in points from the top. */
  y: number;
  private readonly fonts = new Map<FaceId, EmbeddedFont>();
  private readonly chunks: Uint8Array[] = [];
  private readonly done: Promise<Uint8Array>;

  private constructor(
    PDFDocument: typeof PDFKitTypes,
    readonly shaper: HarfBuzzShaper,
    readonly options: ComposerOptions,
  ) {
    this.doc = new PDFDocument({
      size: [options.page.width, options.page.height],
      margin: options.margin,
      autoFirstPage: true,
      compress: true,
      pdfVersion: '1.7',
      lang: options.lang,
      displayTitle: true,
      info: { Title: options.title, Creator: 'KOOMPI Office', Producer: 'KOOMPI Office (pdfkit + HarfBuzz)' },
    });
    this.doc.on('data', (chunk: Uint8Array) => this.chunks.push(chunk));
    this.done = new Promise((resolve, reject) => {
      this.doc.on('end', () => resolve(concat(this.chunks)));
      this.doc.on('error', reject);
    });
    for (const face of FACE_IDS) this.doc.registerFont(face, Buffer.from(shaper.fontData(face)));
    this.y = options.margin;
  }

  static async create(shaper: HarfBuzzShaper, options: ComposerOptions): Promise<PdfComposer> {
    const PDFDocument = defaultOf<typeof PDFKitTypes>(await lazyImport('pdfkit'));
    return new PdfComposer(PDFDocument, shaper, options);
  }

  get contentWidth(): number {
    return this.options.page.width - 2 * this.options.margin;
  }

  get bottom(): number {
    return this.options.page.height - this.options.margin;
  }

  newPage(): void {
    this.doc.addPage({ size: [this.options.page.width, this.options.page.height], margin: this.options.margin });
    this.y = this.options.margin;
  }

  /** Starts a new page unless `height` more points fit on this one (a block taller than a page just starts at the top). */
  ensureSpace(height: number): void {
    if (this.y + height > this.bottom && this.y > this.options.margin) this.newPage();
  }

  layout(spans: readonly StyledSpan[], options: LayoutOptions): LayoutLine[] {
    return layoutParagraph(spans, this.shaper, options);
  }

  /** Lays out and paints a paragraph at the cursor, flowing onto new pages; returns its height on the last page. */
  flow(spans: readonly StyledSpan[], x: number, options: LayoutOptions): void {
    for (const line of this.layout(spans, options)) {
      this.ensureSpace(line.height);
      this.drawLine(line, x, this.y);
      this.y += line.height;
    }
  }

  /** Paints lines at a fixed place (no page flow); returns the height used. */
  drawLines(lines: readonly LayoutLine[], x: number, top: number): number {
    let y = top;
    for (const line of lines) {
      this.drawLine(line, x, y);
      y += line.height;
    }
    return y - top;
  }

  drawLine(line: LayoutLine, x: number, top: number): void {
    const baseline = top + line.ascent;
    for (const run of line.runs) this.drawRun(run.face, run.size, x + run.x, baseline, run, run.color);
    for (const run of line.runs) {
      if (!run.underline || run.width <= 0) continue;
      const thickness = Math.max(0.5, run.size / 16);
      this.doc
        .save()
        .lineWidth(thickness)
        .strokeColor(run.color)
        .moveTo(x + run.x, baseline + run.size * 0.12)
        .lineTo(x + run.x + run.width, baseline + run.size * 0.12)
        .stroke()
        .restore();
    }
  }

  private font(face: FaceId): EmbeddedFont {
    let font = this.fonts.get(face);
    if (!font) {
      this.doc.font(face);
      font = (this.doc as unknown as DocInternals)._font;
      this.fonts.set(face, font);
    }
    return font;
  }

  /**
   * Shows HarfBuzz's glyphs with their advances and offsets: a TJ array with
   * kerning adjustments, and a text matrix moved for each offset mark.
   */
  private drawRun(
    face: FaceId,
    size: number,
    x: number,
    baseline: number,
    run: { glyphs: LayoutLine['runs'][number]['glyphs']; text: string },
    color: string,
  ): void {
    if (run.glyphs.length === 0) return;
    const font = this.font(face);
    const internals = this.doc as unknown as DocInternals;
    const upem = this.shaper.metrics(face).unitsPerEm;
    const toPdf = 1000 / upem; // font units → PDF text space (thousandths of the size)
    const scale = size / upem; // font units → points
    const firstCluster = run.glyphs[0]?.cluster ?? 0;
    internals.page.fonts[font.id] ??= font.ref();

    this.doc.save();
    this.doc.fillColor(color);
    this.doc.transform(1, 0, 0, -1, 0, internals.page.height);
    const y = internals.page.height - baseline;
    this.doc.markContent('Span', { actual: run.text } as PDFKit.Mixins.MarkingOptions);
    const out: string[] = ['BT', `/${font.id} ${num(size)} Tf`, `1 0 0 1 ${num(x)} ${num(y)} Tm`];
    let pen = x;
    let shown: string[] = [];
    const flush = () => {
      if (shown.length) out.push(`[${shown.join(' ')}] TJ`);
      shown = [];
    };
    const seenClusters = new Set<number>();
    for (const g of run.glyphs) {
      const gid = font.subset.includeGlyph(g.id);
      if (font.widths[gid] == null) font.widths[gid] = font.font.getGlyph(g.id).advanceWidth * font.scale;
      if (font.unicode[gid] == null) {
        // a fallback for readers that ignore ActualText: the cluster's characters on its first glyph
        const clusterText = seenClusters.has(g.cluster)
          ? ''
          : clusterAt(run.text, g.cluster - firstCluster, run.glyphs, firstCluster);
        font.unicode[gid] = [...clusterText].map((c) => c.codePointAt(0) ?? 0);
      }
      seenClusters.add(g.cluster);
      const natural = font.widths[gid] ?? 0;
      const advance = g.xAdvance * toPdf;
      if (g.xOffset !== 0 || g.yOffset !== 0) {
        flush();
        out.push(`1 0 0 1 ${num(pen + g.xOffset * scale)} ${num(y + g.yOffset * scale)} Tm`);
        shown.push(`<${hex4(gid)}>`);
        flush();
        // the next glyph starts from the pen, not from this mark's offset position
        pen += g.xAdvance * scale;
        out.push(`1 0 0 1 ${num(pen)} ${num(y)} Tm`);
        continue;
      }
      shown.push(`<${hex4(gid)}>`);
      if (Math.abs(advance - natural) > 0.001) shown.push(num(-(advance - natural)));
      pen += g.xAdvance * scale;
    }
    flush();
    out.push('ET');
    this.doc.addContent(out.join('\n'));
    this.doc.endMarkedContent();
    this.doc.restore();
  }

  image(data: Uint8Array, x: number, y: number, width: number, height: number): void {
    this.doc.image(Buffer.from(data), x, y, { width, height });
  }

  async finish(): Promise<Uint8Array> {
    this.doc.end();
    return this.done;
  }
}

/** The characters of the cluster that starts at `index` (clusters end where the next one starts). */
function clusterAt(text: string, index: number, glyphs: ReadonlyArray<{ cluster: number }>, base: number): string {
  let end = text.length;
  for (const g of glyphs) {
    const c = g.cluster - base;
    if (c > index && c < end) end = c;
  }
  return text.slice(index, end);
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const total = chunks.reduce((n, c) => n + c.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
