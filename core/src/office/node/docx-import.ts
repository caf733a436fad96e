/**
 * DOCX → document, through mammoth (which reads the document's structure:
 * headings by style, lists, tables, bold/italic/underline, images) and our
 * small HTML reader.
 */
import type JSZipType from 'jszip';
import { htmlToDocument } from '../document/html.js';
import type { OfficeDocument } from '../document/model.js';
import { defaultOf, lazyImport } from '../lazy.js';

interface Mammoth {
  convertToHtml(input: { buffer: Buffer }, options?: { styleMap?: string[] }): Promise<{ value: string }>;
}

/**
 * Khmer is a complex script: Word and LibreOffice mark its bold and italic as `w:bCs`/`w:iCs`
 * (complex-script bold/italic) only, which mammoth does not read. A run formatted so gets the
 * plain `w:b`/`w:i` too before mammoth sees it.
 */
export function complexScriptFormatting(xml: string): string {
  return xml.replace(/<w:rPr>([\s\S]*?)<\/w:rPr>/g, (whole, inner: string) => {
    let out = inner;
    for (const [cs, plain] of [
      ['bCs', 'b'],
      ['iCs', 'i'],
    ] as const) {
      const m = new RegExp(`<w:${cs}((?:\\s+w:val="[^"]*")?)\\s*/>`).exec(out);
      if (m && !new RegExp(`<w:${plain}[\\s/>]`).test(out)) out = `<w:${plain}${m[1] ?? ''}/>${out}`;
    }
    return out === inner ? whole : `<w:rPr>${out}</w:rPr>`;
  });
}

async function withComplexScriptFormatting(data: Uint8Array): Promise<Buffer> {
  const JSZip = defaultOf<typeof JSZipType>(await lazyImport('jszip'));
  const zip = await JSZip.loadAsync(data);
  const doc = zip.file('word/document.xml');
  if (!doc) return Buffer.from(data);
  const xml = await doc.async('string');
  const fixed = complexScriptFormatting(xml);
  if (fixed === xml) return Buffer.from(data);
  zip.file('word/document.xml', fixed);
  return zip.generateAsync({ type: 'nodebuffer' });
}

/** Throws when the bytes are not a readable DOCX; `convertFile` turns that into a `corrupt` error. */
export async function docxToDocument(data: Uint8Array, title = ''): Promise<OfficeDocument> {
  const mammoth = defaultOf<Mammoth>(await lazyImport('mammoth'));
  const buffer = await withComplexScriptFormatting(data);
  const { value } = await mammoth.convertToHtml({ buffer }, { styleMap: ['u => u'] });
  const doc = htmlToDocument(value, title);
  const first = doc.blocks.find((b) => b.kind === 'heading');
  return first && first.kind === 'heading' && !title ? { ...doc, title: first.runs.map((r) => r.text).join('') } : doc;
}
