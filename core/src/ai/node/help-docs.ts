/**
 * Loads the help documents (`docs/help/<km|en>/*.md`: a `# Title` line, then
 * the text) for the offline engine. Found beside the repository in development,
 * or under /usr/share/koompi/help on the installed OS (`KOOMPI_HELP_DIR`).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { HelpDocument } from '../help-index.js';
import { findUpward } from '../../fs/node/find-up.js';

export function defaultHelpDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env['KOOMPI_HELP_DIR']) return env['KOOMPI_HELP_DIR'];
  return findUpward(import.meta.url, 'docs/help', 'en') ?? '/usr/share/koompi/help';
}

export function loadHelpDocuments(dir: string = defaultHelpDir()): HelpDocument[] {
  const docs: HelpDocument[] = [];
  for (const locale of ['km', 'en'] as const) {
    const folder = path.join(dir, locale);
    if (!fs.existsSync(folder)) continue;
    for (const name of fs.readdirSync(folder).sort()) {
      if (!name.endsWith('.md')) continue;
      const text = fs.readFileSync(path.join(folder, name), 'utf8');
      const [first = '', ...rest] = text.split('\n');
      const title = first.replace(/^#\s*/, '').trim();
      docs.push({ id: `${locale}/${name.slice(0, -3)}`, locale, title, body: rest.join('\n').trim() });
    }
  }
  return docs;
}
