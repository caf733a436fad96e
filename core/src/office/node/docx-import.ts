/**
 * DOCX → document, through mammoth (which reads the document's structure:
 * headings by style, lists, tables, bold/italic/underline, images) and our
 * small HTML reader.
 */
import { htmlToDocument } from '../document/html.js';
import type { OfficeDocument } from '../document/model.js';
import { defaultOf, lazyImport } from '../lazy.js';

interface Mammoth {
  convertToHtml(input: { buffer: Buffer }, options?: { styleMap?: string[] }): Promise<{ value: string }>;
}

/** Throws when the bytes are not a readable DOCX; `convertFile` turns that into a `corrupt` error. */
export async function docxToDocument(data: Uint8Array, title = ''): Promise<OfficeDocument> {
  const mammoth = defaultOf<Mammoth>(await lazyImport('mammoth'));
  const { value } = await mammoth.convertToHtml({ buffer: Buffer.from(data) }, { styleMap: ['u => u'] });
  const doc = htmlToDocument(value, title);
  const first = doc.blocks.find((b) => b.kind === 'heading');
  return first && first.kind === 'heading' && !title ? { ...doc, title: first.runs.map((r) => r.text).join('') } : doc;
}
