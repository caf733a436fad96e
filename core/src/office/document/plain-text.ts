/**
 * Plain text ↔ document: each line a paragraph (blank lines separate nothing
 * more), and a document back as text, one block per line, lists with bullets
 * or numbers, table cells tab-separated.
 */
import { hasKhmer } from '../../text/khmer.js';
import { runsText, type OfficeDocument } from './model.js';

export function textToDocument(text: string, title = ''): OfficeDocument {
  const lines = text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  const blocks = lines.filter((l) => l.trim() !== '').map((l) => ({ kind: 'paragraph' as const, runs: [{ text: l }] }));
  return { title, lang: hasKhmer(text) ? 'km-KH' : 'en-US', blocks };
}

export function documentToText(doc: OfficeDocument): string {
  const lines: string[] = [];
  for (const b of doc.blocks) {
    if (b.kind === 'heading' || b.kind === 'paragraph') lines.push(runsText(b.runs));
    else if (b.kind === 'list')
      b.items.forEach((item, i) => lines.push(`${b.ordered ? `${i + 1}.` : '•'} ${runsText(item)}`));
    else if (b.kind === 'table') for (const row of b.rows) lines.push(row.map(runsText).join('\t'));
    else if (b.kind === 'image') lines.push(b.alt);
  }
  return `${lines.join('\n')}\n`;
}
