/**
 * The `Shaper` on HarfBuzz (harfbuzzjs, HarfBuzz compiled to WebAssembly): the
 * same shaping as Qt, LibreOffice and `hb-shape`, glyph for glyph.
 */
import fs from 'node:fs';
import type * as HB from 'harfbuzzjs';
import { lazyImport } from '../lazy.js';
import type { FaceId, FaceMetrics, ShapedGlyph, Shaper } from '../text/shaping.js';
import type { FontFiles } from './fonts.js';

interface LoadedFace {
  readonly font: HB.Font;
  readonly unicodes: Set<number>;
  readonly metrics: FaceMetrics;
  readonly paths: Map<number, string>;
}

export interface HarfBuzzShaper extends Shaper {
  /** The bytes of the font file behind a face (what exporters embed). */
  fontData(face: FaceId): Uint8Array;
  readonly files: FontFiles;
}

let modulePromise: Promise<typeof HB> | undefined;

/** Loads the font files and returns a shaper over them. Fonts are read once per call. */
export async function createHarfBuzzShaper(files: FontFiles): Promise<HarfBuzzShaper> {
  modulePromise ??= lazyImport<typeof HB>('harfbuzzjs');
  const hb = await modulePromise;
  const faces = new Map<FaceId, LoadedFace>();
  const data = new Map<string, Uint8Array>();
  const bytesOf = (file: string) => {
    let bytes = data.get(file);
    if (!bytes) {
      bytes = new Uint8Array(fs.readFileSync(file));
      data.set(file, bytes);
    }
    return bytes;
  };
  const load = (face: FaceId): LoadedFace => {
    const found = faces.get(face);
    if (found) return found;
    const bytes = bytesOf(files[face]);
    const hbFace = new hb.Face(new hb.Blob(bytes.slice().buffer));
    const font = new hb.Font(hbFace);
    const extents = font.hExtents();
    const loaded: LoadedFace = {
      font,
      unicodes: new Set(hbFace.collectUnicodes()),
      metrics: { unitsPerEm: hbFace.upem, ascender: extents.ascender, descender: extents.descender },
      paths: new Map(),
    };
    faces.set(face, loaded);
    return loaded;
  };
  const buffer = new hb.Buffer();
  return {
    files,
    shape(face, text) {
      if (!text) return [];
      const { font } = load(face);
      buffer.reset();
      buffer.addText(text);
      buffer.guessSegmentProperties();
      hb.shape(font, buffer);
      const infos = buffer.getGlyphInfos();
      const positions = buffer.getGlyphPositions();
      const out: ShapedGlyph[] = [];
      for (let i = 0; i < infos.length; i++) {
        const info = infos[i]!;
        const pos = positions[i]!;
        out.push({
          id: info.codepoint,
          cluster: info.cluster,
          xAdvance: pos.xAdvance,
          yAdvance: pos.yAdvance,
          xOffset: pos.xOffset,
          yOffset: pos.yOffset,
        });
      }
      return out;
    },
    covers(face, codePoint) {
      return load(face).unicodes.has(codePoint);
    },
    metrics(face) {
      return load(face).metrics;
    },
    glyphPath(face, glyph) {
      const loaded = load(face);
      let path = loaded.paths.get(glyph);
      if (path === undefined) {
        path = loaded.font.glyphToPath(glyph);
        loaded.paths.set(glyph, path);
      }
      return path;
    },
    fontData(face) {
      return bytesOf(files[face]);
    },
  };
}
