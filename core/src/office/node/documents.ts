/**
 * Opening and saving Write's documents. Write opens ODT, DOCX, Markdown and
 * plain text; it saves ODT (its own format: everything Write can make, read
 * back unchanged) or DOCX, and plain text when asked for. Markdown is opened,
 * not written (Save goes to Save As). Every save is one atomic write: the old
 * file or the new, never half of one.
 *
 * @example
 * const r = await openDocumentFile('/home/dara/Documents/notes.docx');
 * if (r.ok) editor.setHtml(documentToHtml(r.value.doc));
 */
import path from 'node:path';
import { markdownToDocument } from '../document/markdown.js';
import type { OfficeDocument } from '../document/model.js';
import { documentToOdt } from '../document/odt.js';
import { odtToDocument } from '../document/odt-import.js';
import { documentToText, textToDocument } from '../document/plain-text.js';
import { err, ok } from '../../base/result.js';
import { describeError, type OfficeResult } from '../result.js';
import { decodeText, readInput, writeFileAtomic } from './convert.js';
import { documentToDocx } from './docx-export.js';
import { docxToDocument } from './docx-import.js';

export type DocumentFormat = 'odt' | 'docx' | 'md' | 'txt';
export const OPEN_DOCUMENT_FORMATS: readonly DocumentFormat[] = ['odt', 'docx', 'md', 'txt'];
/** What Save can write; the first is Write's own format. */
export const SAVE_DOCUMENT_FORMATS: readonly DocumentFormat[] = ['odt', 'docx', 'txt'];
/** Formats that keep everything Write makes (headings, formatting, lists, tables, images). */
export const FULL_DOCUMENT_FORMATS: readonly DocumentFormat[] = ['odt', 'docx'];

const DEFAULT_MAX = 64 * 1024 * 1024;

export function documentFormatOf(file: string): DocumentFormat | undefined {
  const ext = path.extname(file).toLowerCase().slice(1);
  if (ext === 'markdown') return 'md';
  if (ext === 'text') return 'txt';
  return (OPEN_DOCUMENT_FORMATS as readonly string[]).includes(ext) ? (ext as DocumentFormat) : undefined;
}

export interface OpenedDocument {
  readonly doc: OfficeDocument;
  readonly format: DocumentFormat;
  /** Absolute. */
  readonly path: string;
}

export async function openDocumentFile(
  file: string,
  options: { readonly maxBytes?: number } = {},
): Promise<OfficeResult<OpenedDocument>> {
  const abs = path.resolve(file);
  const format = documentFormatOf(abs);
  if (!format) return err({ kind: 'unsupported-format', path: abs, supported: OPEN_DOCUMENT_FORMATS });
  const data = readInput(abs, options.maxBytes ?? DEFAULT_MAX);
  if (!data.ok) return data;
  const title = path.basename(abs).replace(/\.[^.]+$/, '');
  if (format === 'md' || format === 'txt') {
    const text = decodeText(abs, data.value, format === 'md' ? 'markdown' : 'text');
    if (!text.ok) return text;
    const doc = format === 'md' ? await markdownToDocument(text.value, title) : textToDocument(text.value, title);
    return ok({ doc, format, path: abs });
  }
  try {
    const doc = format === 'odt' ? await odtToDocument(data.value, title) : await docxToDocument(data.value);
    return ok({ doc: { ...doc, title: doc.title || title }, format, path: abs });
  } catch (error) {
    return err({ kind: 'corrupt', path: abs, format, detail: describeError(error) });
  }
}

export async function documentBytes(doc: OfficeDocument, format: DocumentFormat): Promise<OfficeResult<Uint8Array>> {
  if (format === 'odt') return ok(await documentToOdt(doc));
  if (format === 'docx') return ok(await documentToDocx(doc));
  if (format === 'txt') return ok(new TextEncoder().encode(documentToText(doc)));
  return err({ kind: 'unsupported-format', path: `.${format}`, supported: SAVE_DOCUMENT_FORMATS });
}

/** Saves `doc` to `file` in the format its extension names, replacing the file atomically. */
export async function saveDocumentFile(
  file: string,
  doc: OfficeDocument,
): Promise<OfficeResult<{ readonly path: string; readonly format: DocumentFormat }>> {
  const abs = path.resolve(file);
  const format = documentFormatOf(abs);
  if (!format || !SAVE_DOCUMENT_FORMATS.includes(format))
    return err({ kind: 'unsupported-format', path: abs, supported: SAVE_DOCUMENT_FORMATS });
  const bytes = await documentBytes(doc, format);
  if (!bytes.ok) return bytes;
  const written = writeFileAtomic(abs, bytes.value, true);
  if (!written.ok) return written;
  return ok({ path: abs, format });
}
