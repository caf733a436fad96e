/**
 * The port through which layout asks for shaped glyphs. The real shaper is
 * HarfBuzz (`node/harfbuzz.ts`, harfbuzzjs): fontkit, the shaper inside pdfkit,
 * gets 1–4% of Khmer syllables wrong, so no exporter may shape with it.
 */

/** Which face of the font set to use: Khmer text goes to a Khmer face, the rest to a Latin one. */
export type FaceId = 'khmer' | 'khmer-bold' | 'latin' | 'latin-bold' | 'latin-italic' | 'latin-bold-italic';

export const FACE_IDS: readonly FaceId[] = [
  'khmer',
  'khmer-bold',
  'latin',
  'latin-bold',
  'latin-italic',
  'latin-bold-italic',
];

/** One glyph, positioned in font units as HarfBuzz gives it. */
export interface ShapedGlyph {
  /** Glyph id in the face. */
  readonly id: number;
  /** UTF-16 index, into the shaped text, of the first character this glyph comes from. */
  readonly cluster: number;
  readonly xAdvance: number;
  readonly yAdvance: number;
  readonly xOffset: number;
  readonly yOffset: number;
}

export interface FaceMetrics {
  readonly unitsPerEm: number;
  /** Above the baseline, positive. */
  readonly ascender: number;
  /** Below the baseline, negative. */
  readonly descender: number;
}

export interface Shaper {
  shape(face: FaceId, text: string): ShapedGlyph[];
  covers(face: FaceId, codePoint: number): boolean;
  metrics(face: FaceId): FaceMetrics;
  /** The outline of a glyph as an SVG path in font units, y up (for charts drawn as paths). */
  glyphPath(face: FaceId, glyph: number): string;
}
