/** One HarfBuzz shaper over the system's Noto fonts, created on first use. */
import { err, ok } from '../../base/result.js';
import type { OfficeError, OfficeResult } from '../result.js';
import { findFontFiles } from './fonts.js';
import { createHarfBuzzShaper, type HarfBuzzShaper } from './harfbuzz.js';

let shared: Promise<OfficeResult<HarfBuzzShaper>> | undefined;

export function systemShaper(): Promise<OfficeResult<HarfBuzzShaper>> {
  shared ??= (async () => {
    const fonts = findFontFiles();
    if ('missing' in fonts) return err<OfficeError>({ kind: 'font-missing', family: fonts.missing });
    return ok(await createHarfBuzzShaper(fonts.files));
  })();
  return shared;
}
