import type { FaceId, Shaper, ShapedGlyph } from '../text/shaping.js';

/** A shaper where every UTF-16 unit is one glyph 500 units wide (1000 per em), for layout tests without fonts. */
export function fakeShaper(): Shaper {
  return {
    shape: (_face: FaceId, text: string): ShapedGlyph[] =>
      [...text].map((_, i) => ({
        id: text.charCodeAt(i),
        cluster: i,
        xAdvance: 500,
        yAdvance: 0,
        xOffset: 0,
        yOffset: 0,
      })),
    covers: (face, cp) => face.startsWith('khmer') === (cp >= 0x1780 && cp <= 0x17ff),
    metrics: () => ({ unitsPerEm: 1000, ascender: 1000, descender: -300 }),
    glyphPath: () => 'M0,0L10,0L10,10Z',
  };
}
