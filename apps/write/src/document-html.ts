/** A document as the HTML Qt's rich-text editor loads (and gives back through toHtml()). */
import { htmlToDocument, runsText, type OfficeDocument, type TextRun } from '@koompi/core';
import { HEADING_SIZES } from './styles.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function runs(parts: readonly TextRun[]): string {
  return parts
    .map((r) => {
      let h = esc(r.text).replace(/\n/g, '<br>');
      if (r.bold) h = `<b>${h}</b>`;
      if (r.italic) h = `<i>${h}</i>`;
      if (r.underline) h = `<u>${h}</u>`;
      return h;
    })
    .join('');
}

export function documentToHtml(doc: OfficeDocument): string {
  const out: string[] = [];
  for (const b of doc.blocks) {
    if (b.kind === 'heading') out.push(`<h${b.level}>${runs(b.runs)}</h${b.level}>`);
    else if (b.kind === 'paragraph') out.push(`<p>${runs(b.runs)}</p>`);
    else if (b.kind === 'list')
      out.push(
        `<${b.ordered ? 'ol' : 'ul'}>${b.items.map((i) => `<li>${runs(i)}</li>`).join('')}</${b.ordered ? 'ol' : 'ul'}>`,
      );
    else if (b.kind === 'table')
      out.push(
        `<table border="1" cellpadding="4">${b.rows.map((r, i) => `<tr>${r.map((c) => (b.header && i === 0 ? `<th>${runs(c)}</th>` : `<td>${runs(c)}</td>`)).join('')}</tr>`).join('')}</table>`,
      );
  }
  return `<html><body>${out.join('')}</body></html>`;
}

/** The editor's HTML as a document, titled by its first heading. */
export function editorDocument(html: string, fallbackTitle: string): OfficeDocument {
  const doc = htmlToDocument(html, '', { headingSizes: HEADING_SIZES });
  const first = doc.blocks.find((b) => b.kind === 'heading');
  const title = first && first.kind === 'heading' ? runsText(first.runs).trim() : '';
  return { ...doc, title: title || fallbackTitle };
}
