/**
 * Write's files, without Qt: opening a document into the editor's HTML,
 * saving the editor's HTML, autosaving it, and the recent files. Write's own
 * format is ODT (everything Write makes: headings, bold/italic/underline,
 * alignment, lists, tables, images, page breaks); DOCX keeps the same for
 * Word; Markdown and plain text open, and plain text can be saved on purpose
 * (it keeps the words only). The window (ui/write-window.ts) calls these.
 */
import path from 'node:path';
import {
  AutosaveStore,
  FULL_DOCUMENT_FORMATS,
  RecentFiles,
  describeOfficeError,
  documentFormatOf,
  fileStamp,
  openDocumentFile,
  saveDocumentFile,
  type AutosaveEntry,
  type DocumentFormat,
  type Translator,
} from '@koompi/core';
import { documentToHtml, editorDocument } from './document-html.js';

/** What an autosave of Write holds: the editor's HTML, which keeps everything the editor has. */
export interface WriteAutosave {
  readonly html: string;
  /** The title the window showed (a new document has no file). */
  readonly name: string;
}

export type OpenResult =
  | { readonly ok: true; readonly html: string; readonly path: string; readonly format: DocumentFormat }
  | { readonly ok: false; readonly message: string };

export type SaveResult =
  | { readonly ok: true; readonly path: string; readonly format: DocumentFormat; readonly message: string }
  | { readonly ok: false; readonly message: string };

export interface WriteFiles {
  open(file: string): Promise<OpenResult>;
  /** Saves in the format the name's extension says (.odt unless .docx or .txt). */
  save(file: string, html: string, fallbackTitle: string): Promise<SaveResult>;
  /** Formats Save writes back in place; others (Markdown, text) go through Save As. */
  keepsEverything(format: DocumentFormat | undefined): boolean;
  /** The name Save As proposes: the file's name with .odt, in its folder or the documents folder. */
  saveAsName(current: string | undefined, title: string): string;
  readonly autosave: AutosaveStore<WriteAutosave>;
  /** Work a killed Write left behind, oldest first. */
  orphans(): Array<AutosaveEntry<WriteAutosave>>;
  readonly recent: RecentFiles;
  /** The folder dialogs start in. */
  readonly folder: string;
  /** What the file on disk is now (modification time and size), to notice another program changing it. */
  stamp(file: string): string | undefined;
}

export interface WriteFilesDeps {
  readonly office: Translator;
  readonly folder: string;
  /** Default: $XDG_STATE_HOME/koompi. */
  readonly stateDir?: string;
}

export function createWriteFiles({ office, folder, stateDir }: WriteFilesDeps): WriteFiles {
  const autosave = new AutosaveStore<WriteAutosave>('write', ...(stateDir ? [stateDir] : []));
  const recent = new RecentFiles('write', ...(stateDir ? [stateDir] : []));
  return {
    async open(file) {
      const r = await openDocumentFile(file);
      if (!r.ok) return { ok: false, message: describeOfficeError(office, r.error) };
      recent.add(r.value.path);
      return { ok: true, html: documentToHtml(r.value.doc), path: r.value.path, format: r.value.format };
    },
    async save(file, html, fallbackTitle) {
      const target = documentFormatOf(file) ? file : `${file}.odt`;
      const r = await saveDocumentFile(target, editorDocument(html, fallbackTitle));
      if (!r.ok) return { ok: false, message: describeOfficeError(office, r.error) };
      recent.add(r.value.path);
      return { ok: true, ...r.value, message: office('exported', { path: r.value.path }) };
    },
    keepsEverything: (format) => format !== undefined && FULL_DOCUMENT_FORMATS.includes(format),
    saveAsName(current, title) {
      if (current) return path.join(path.dirname(current), `${path.basename(current, path.extname(current))}.odt`);
      const safe = title.replace(/[/\\\0]/g, ' ').trim() || 'document';
      return path.join(folder, `${safe}.odt`);
    },
    autosave,
    orphans: () => autosave.orphans(),
    recent,
    folder,
    stamp: fileStamp,
  };
}
