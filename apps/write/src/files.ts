/**
 * Write's files, without Qt: opening a document into the editor's HTML,
 * saving the editor's HTML, autosaving it, and the recent files. Write's own
 * format is ODT (everything Write makes: headings, bold/italic/underline,
 * alignment, lists, tables, images, page breaks); DOCX keeps the same for
 * Word; Markdown and plain text open, and plain text can be saved on purpose
 * (it keeps the words only). The window (ui/write-window.ts) calls these;
 * the rest is core's createDocumentFiles, shared with Present and Calculate.
 */
import {
  FULL_DOCUMENT_FORMATS,
  createDocumentFiles,
  documentFormatOf,
  openDocumentFile,
  saveDocumentFile,
  type DocumentFiles,
  type DocumentFilesDeps,
  type DocumentFormat,
  type FileOpenResult,
  type FileSaveResult,
} from '@koompi/core';
import { documentToHtml, editorDocument } from './document-html.js';

/** What an autosave of Write holds: the editor's HTML, which keeps everything the editor has. */
export interface WriteAutosave {
  readonly html: string;
  /** The title the window showed (a new document has no file). */
  readonly name: string;
}

export type OpenResult = FileOpenResult<DocumentFormat, { readonly html: string }>;
export type SaveResult = FileSaveResult<DocumentFormat>;

/** Save takes the editor's HTML and the title used when it has no heading; .odt unless the name says .docx or .txt. */
export type WriteFiles = DocumentFiles<
  WriteAutosave,
  DocumentFormat,
  { readonly html: string },
  [html: string, fallbackTitle: string]
>;

export type WriteFilesDeps = DocumentFilesDeps;

export function createWriteFiles(deps: WriteFilesDeps): WriteFiles {
  return createDocumentFiles(
    {
      app: 'write',
      own: 'odt',
      untitled: 'document',
      full: FULL_DOCUMENT_FORMATS,
      formatOf: documentFormatOf,
      async read(file) {
        const r = await openDocumentFile(file);
        if (!r.ok) return r;
        return { ok: true, value: { html: documentToHtml(r.value.doc), path: r.value.path, format: r.value.format } };
      },
      write: (file, html: string, fallbackTitle: string) => saveDocumentFile(file, editorDocument(html, fallbackTitle)),
    },
    deps,
  );
}
