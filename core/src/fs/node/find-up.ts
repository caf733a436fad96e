import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The nearest `relative` path in the folders above the module at `fromUrl`
 * (pass `import.meta.url`), up to 8 levels: how code finds the repository's
 * data (i18n/, docs/help/, plasma-integration/…) in development, whether it
 * runs from `dist/` or bundled into an app. `marker`, relative to the
 * candidate, is what must exist (default: the candidate itself). Undefined
 * when nothing is found, and the caller uses the installed location.
 */
export function findUpward(fromUrl: string, relative: string, marker = '.'): string | undefined {
  let dir = path.dirname(fileURLToPath(fromUrl));
  for (let i = 0; i < 8; i++) {
    const candidate = path.join(dir, relative);
    if (fs.existsSync(path.join(candidate, marker))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}
