/**
 * Line layout of styled text: font choice per character, shaping through the
 * `Shaper` port, and greedy line filling at Khmer word boundaries. The result
 * is glyphs with positions, which the PDF writer and the chart renderer paint
 * without shaping anything again.
 */
import { isKhmerCodePoint } from '../../text/khmer.js';
import { breakOpportunities, graphemeBoundaries } from './segment.js';
import type { FaceId, ShapedGlyph, Shaper } from './shaping.js';

export interface StyledSpan {
  readonly text: string;
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly underline?: boolean;
  /** Points. */
  readonly size: number;
  /** `#rrggbb`. */
  readonly color?: string;
}

/** Glyphs of one face and size on one line, with the logical text they show. */
export interface PlacedRun {
  readonly face: FaceId;
  readonly size: number;
  /** From the line's left edge, in points. */
  readonly x: number;
  readonly width: number;
  readonly glyphs: readonly ShapedGlyph[];
  /** The characters these glyphs show, in logical order (for ActualText / copy). */
  readonly text: string;
  readonly underline: boolean;
  readonly color: string;
}

export interface LayoutLine {
  readonly runs: readonly PlacedRun[];
  /** Width without trailing spaces, in points. */
  readonly width: number;
  /** Distance from the top of the line to the baseline. */
  readonly ascent: number;
  readonly height: number;
}

export interface LayoutOptions {
  /** Points available for each line. */
  readonly width: number;
  /** Multiple of the font's natural line height; Khmer stacks need ≥ 1.3 of the font size. */
  readonly lineSpacing?: number;
  readonly align?: 'left' | 'center' | 'right' | 'justify';
}

interface Item {
  readonly start: number;
  readonly end: number;
  readonly face: FaceId;
  readonly span: StyledSpan;
  glyphs: ShapedGlyph[];
}

function faceFor(khmer: boolean, span: StyledSpan): FaceId {
  if (khmer) return span.bold ? 'khmer-bold' : 'khmer';
  if (span.bold && span.italic) return 'latin-bold-italic';
  if (span.bold) return 'latin-bold';
  if (span.italic) return 'latin-italic';
  return 'latin';
}

/** Splits spans into items of one face each: Khmer letters to the Khmer face, the rest to Latin. */
export function itemize(spans: readonly StyledSpan[], shaper: Shaper): Item[] {
  const items: Item[] = [];
  let offset = 0;
  for (const span of spans) {
    let runStart = offset;
    let runKhmer: boolean | undefined;
    let i = 0;
    for (const ch of span.text) {
      const cp = ch.codePointAt(0) ?? 0;
      let khmer: boolean;
      if (isKhmerCodePoint(cp)) khmer = true;
      else if (/[\p{L}\p{M}]/u.test(ch)) khmer = false;
      // neutral characters (spaces, digits, punctuation) stay with the run they are in, when its face has them
      else khmer = runKhmer ?? false;
      if (khmer && !isKhmerCodePoint(cp) && !shaper.covers(faceFor(true, span), cp)) khmer = false;
      if (runKhmer !== undefined && khmer !== runKhmer) {
        items.push({ start: runStart, end: offset + i, face: faceFor(runKhmer, span), span, glyphs: [] });
        runStart = offset + i;
      }
      runKhmer = khmer;
      i += ch.length;
    }
    if (runKhmer !== undefined)
      items.push({ start: runStart, end: offset + i, face: faceFor(runKhmer, span), span, glyphs: [] });
    offset += span.text.length;
  }
  return items;
}

/**
 * Lays out one paragraph into lines. Each item is shaped once; a line is cut
 * only where a word boundary falls, so the glyphs of a cluster are never split.
 */
export function layoutParagraph(spans: readonly StyledSpan[], shaper: Shaper, options: LayoutOptions): LayoutLine[] {
  const text = spans.map((s) => s.text).join('');
  const items = itemize(spans, shaper);
  // advance[i]: width in points credited to the character at i (the start of its cluster)
  const advance = new Float64Array(text.length + 1);
  for (const item of items) {
    const units = shaper.metrics(item.face).unitsPerEm;
    const scale = item.span.size / units;
    item.glyphs = shaper
      .shape(item.face, text.slice(item.start, item.end))
      .map((g) => ({ ...g, cluster: g.cluster + item.start }));
    for (const g of item.glyphs) advance[g.cluster] = (advance[g.cluster] ?? 0) + g.xAdvance * scale;
  }
  const prefix = new Float64Array(text.length + 1);
  for (let i = 0; i < text.length; i++) prefix[i + 1] = (prefix[i] ?? 0) + (advance[i] ?? 0);
  const widthOf = (a: number, b: number) => (prefix[b] ?? 0) - (prefix[a] ?? 0);
  const trimEnd = (a: number, b: number) => {
    while (b > a && /[\s\u200B]/u.test(text[b - 1] ?? '')) b--;
    return b;
  };

  const breaks = [...breakOpportunities(text), text.length];
  const lines: Array<[number, number]> = [];
  let start = 0;
  let next = 0; // index into breaks of the first candidate after `start`
  while (start < text.length) {
    let end = -1;
    while (next < breaks.length && (breaks[next] ?? 0) <= start) next++;
    for (let k = next; k < breaks.length; k++) {
      const b = breaks[k] ?? text.length;
      if (widthOf(start, trimEnd(start, b)) > options.width) break;
      end = b;
    }
    if (end < 0) {
      // one word wider than the line: cut between grapheme clusters
      const within = graphemeBoundaries(text.slice(start)).map((g) => g + start);
      end = within.find((g) => widthOf(start, g) > options.width) ?? text.length;
      const previous = within.filter((g) => g < end).pop();
      if (previous !== undefined && previous > start) end = previous;
    }
    lines.push([start, end]);
    start = end;
  }
  if (lines.length === 0) lines.push([0, 0]);

  const spacing = options.lineSpacing ?? 1;
  return lines.map(([a, b]) => {
    const visibleEnd = trimEnd(a, b);
    const width = widthOf(a, visibleEnd);
    const offset =
      options.align === 'center' ? (options.width - width) / 2 : options.align === 'right' ? options.width - width : 0;
    const runs: PlacedRun[] = [];
    let ascent = 0;
    let height = 0;
    for (const item of items) {
      const from = Math.max(a, item.start);
      const to = Math.min(b, item.end);
      const metrics = shaper.metrics(item.face);
      const size = item.span.size;
      ascent = Math.max(ascent, (metrics.ascender / metrics.unitsPerEm) * size);
      height = Math.max(height, ((metrics.ascender - metrics.descender) / metrics.unitsPerEm) * size);
      if (from >= to) continue;
      const glyphs = item.glyphs.filter((g) => g.cluster >= from && g.cluster < to);
      runs.push({
        face: item.face,
        size,
        x: offset + widthOf(a, from),
        width: widthOf(from, to),
        glyphs,
        text: text.slice(from, to),
        underline: Boolean(item.span.underline),
        color: item.span.color ?? '#000000',
      });
    }
    if (height === 0) {
      const size = spans[0]?.size ?? 12;
      ascent = size;
      height = size * 1.3;
    }
    const lineHeight = height * spacing;
    return { runs, width, ascent: ascent + (lineHeight - height) / 2, height: lineHeight };
  });
}
