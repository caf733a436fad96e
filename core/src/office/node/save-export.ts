/**
 * Where the office apps save exports, and saving one without ever replacing a
 * file: "ឯកសារ.pdf", then "ឯកសារ (2).pdf", …, each written atomically.
 *
 * @example
 * const saved = saveExport(exportFolder(), 'របាយការណ៍', 'pdf', bytes);
 * if (saved.ok) console.log(saved.value); // /home/dara/Documents/របាយការណ៍.pdf
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { numberedName, safeFileName } from '../file-name.js';
import { err, ok } from '../../base/result.js';
import type { OfficeResult } from '../result.js';
import { writeFileAtomic } from './convert.js';

/** `~/Documents` when it exists, else the home folder. */
export function exportFolder(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const home = env['HOME'] || os.homedir();
  const docs = path.join(home, 'Documents');
  return fs.existsSync(docs) ? docs : home;
}

/** Writes `data` as `title.ext` in `folder`, numbering the name when taken; resolves to the path written. */
export function saveExport(folder: string, title: string, ext: string, data: Uint8Array): OfficeResult<string> {
  const name = safeFileName(title, ext);
  for (let n = 1; n < 1000; n++) {
    const file = path.join(folder, numberedName(name, n));
    const r = writeFileAtomic(file, data, false);
    if (r.ok) return ok(file);
    if (r.error.kind !== 'exists') return r;
  }
  return err({ kind: 'exists', path: path.join(folder, name) });
}
