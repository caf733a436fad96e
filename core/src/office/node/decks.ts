/**
 * Opening and saving Present's decks. Present opens PPTX and the outline
 * format (Markdown: `#` a slide, its paragraphs and list items the points);
 * it saves PPTX, its own format (titles, subtitles, points with bold, italic
 * and underline, speaker notes, the theme; read back by `pptx-import.ts`),
 * and the outline when asked (words only: no theme, no notes). Saves are atomic.
 */
import path from 'node:path';
import { runsText } from '../document/model.js';
import { markdownToDocument } from '../document/markdown.js';
import { err, ok } from '../../base/result.js';
import { describeError, type OfficeResult } from '../result.js';
import { autoLayout, documentToDeck, type Deck } from '../slides/model.js';
import { decodeText, readInput, writeFileAtomic } from './convert.js';
import { deckToPptx } from './pptx.js';
import { pptxToDeck } from './pptx-import.js';

export type DeckFormat = 'pptx' | 'md';
export const OPEN_DECK_FORMATS: readonly DeckFormat[] = ['pptx', 'md'];
export const FULL_DECK_FORMATS: readonly DeckFormat[] = ['pptx'];

const DEFAULT_MAX = 64 * 1024 * 1024;

export function deckFormatOf(file: string): DeckFormat | undefined {
  const ext = path.extname(file).toLowerCase().slice(1);
  if (ext === 'markdown' || ext === 'md') return 'md';
  return ext === 'pptx' ? 'pptx' : undefined;
}

/** A deck as the outline format: `# title`, the subtitle as a line, `- point` for each point. */
export function deckToOutline(deck: Deck): string {
  const md = (runs: Parameters<typeof runsText>[0]) =>
    runs
      .map((r) => {
        let t = r.text.replace(/([\\*_#[\]])/g, '\\$1');
        if (r.bold) t = `**${t}**`;
        if (r.italic) t = `*${t}*`;
        return t;
      })
      .join('');
  return `${deck.slides
    .map((s) => {
      const lines = [`# ${s.title.replace(/\n/g, ' ')}`];
      if (s.subtitle) lines.push('', s.subtitle);
      if (s.bullets.length) lines.push('', ...s.bullets.map((b) => `- ${md(b)}`));
      return lines.join('\n');
    })
    .join('\n\n')}\n`;
}

export interface OpenedDeck {
  readonly deck: Deck;
  readonly format: DeckFormat;
  readonly path: string;
}

export async function openDeckFile(
  file: string,
  options: { readonly maxBytes?: number } = {},
): Promise<OfficeResult<OpenedDeck>> {
  const abs = path.resolve(file);
  const format = deckFormatOf(abs);
  if (!format) return err({ kind: 'unsupported-format', path: abs, supported: OPEN_DECK_FORMATS });
  const data = readInput(abs, options.maxBytes ?? DEFAULT_MAX);
  if (!data.ok) return data;
  const title = path.basename(abs).replace(/\.[^.]+$/, '');
  if (format === 'md') {
    const text = decodeText(abs, data.value, 'markdown');
    if (!text.ok) return text;
    const doc = await markdownToDocument(text.value, title);
    return ok({ deck: documentToDeck({ ...doc, title: doc.title || title }), format, path: abs });
  }
  try {
    return ok({ deck: await pptxToDeck(data.value, title), format, path: abs });
  } catch (error) {
    return err({ kind: 'corrupt', path: abs, format, detail: describeError(error) });
  }
}

export async function saveDeckFile(
  file: string,
  deck: Deck,
): Promise<OfficeResult<{ readonly path: string; readonly format: DeckFormat }>> {
  const abs = path.resolve(file);
  const format = deckFormatOf(abs);
  if (!format) return err({ kind: 'unsupported-format', path: abs, supported: OPEN_DECK_FORMATS });
  const bytes = format === 'pptx' ? await deckToPptx(autoLayout(deck)) : new TextEncoder().encode(deckToOutline(deck));
  const written = writeFileAtomic(abs, bytes, true);
  if (!written.ok) return written;
  return ok({ path: abs, format });
}
