/**
 * Finds the font files exports embed, through fontconfig (`fc-match`): Noto
 * Sans Khmer (Debian's fonts-noto-core) for Khmer, Noto Sans for the rest.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type { FaceId } from '../text/shaping.js';

export type FontFiles = Readonly<Record<FaceId, string>>;

const PATTERNS: Record<FaceId, { pattern: string; family: RegExp; fallback: string }> = {
  khmer: {
    pattern: 'Noto Sans Khmer:style=Regular',
    family: /Khmer/i,
    fallback: '/usr/share/fonts/truetype/noto/NotoSansKhmer-Regular.ttf',
  },
  'khmer-bold': {
    pattern: 'Noto Sans Khmer:style=Bold',
    family: /Khmer/i,
    fallback: '/usr/share/fonts/truetype/noto/NotoSansKhmer-Bold.ttf',
  },
  latin: {
    pattern: 'Noto Sans:style=Regular',
    family: /./,
    fallback: '/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf',
  },
  'latin-bold': {
    pattern: 'Noto Sans:style=Bold',
    family: /./,
    fallback: '/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf',
  },
  'latin-italic': {
    pattern: 'Noto Sans:style=Italic',
    family: /./,
    fallback: '/usr/share/fonts/truetype/noto/NotoSans-Italic.ttf',
  },
  'latin-bold-italic': {
    pattern: 'Noto Sans:style=Bold Italic',
    family: /./,
    fallback: '/usr/share/fonts/truetype/noto/NotoSans-BoldItalic.ttf',
  },
};

function fcMatch(pattern: string): { family: string; file: string } | undefined {
  try {
    const out = execFileSync('fc-match', ['-f', '%{family}\n%{file}\n', pattern], {
      encoding: 'utf8',
      timeout: 10_000,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const [family = '', file = ''] = out.split('\n');
    return file ? { family, file } : undefined;
  } catch {
    return undefined;
  }
}

/** Only TrueType/OpenType files can be embedded and shaped. */
const usable = (file: string) => /\.(ttf|otf)$/i.test(file) && fs.existsSync(file);

/**
 * The font file for each face. Khmer faces must really be Khmer fonts;
 * `undefined` names the missing family when they are not installed.
 */
export function findFontFiles(): { files: FontFiles } | { missing: string } {
  const files = {} as Record<FaceId, string>;
  for (const [face, want] of Object.entries(PATTERNS) as Array<[FaceId, (typeof PATTERNS)[FaceId]]>) {
    const hit = fcMatch(want.pattern);
    if (hit && want.family.test(hit.family) && usable(hit.file)) files[face] = hit.file;
    else if (usable(want.fallback)) files[face] = want.fallback;
    else if (face.startsWith('khmer')) return { missing: 'Noto Sans Khmer' };
    else if (files.latin) files[face] = files.latin;
    else return { missing: 'Noto Sans' };
  }
  return { files };
}
