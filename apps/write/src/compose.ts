/**
 * Everything the Write window needs except Qt: templates as editor HTML and
 * the exporters (DOCX, ODT, PDF with HarfBuzz-shaped Khmer) saving into the
 * export folder without replacing anything. Used by main.ts and by the test
 * that drives the real window.
 */
import {
  TEMPLATE_IDS,
  describeOfficeError,
  documentToDocx,
  documentToOdt,
  documentToPdf,
  saveExport,
  systemShaper,
  templateDocument,
  type Translator,
} from '@koompi/core';
import { documentToHtml, editorDocument } from './document-html.js';
import { createWriteFiles } from './files.js';
import type { ExportFormat, WriteDialogs, WriteWindowOptions } from './ui/write-window.js';

export interface WriteDeps {
  readonly t: Translator;
  /** The `office` bundle: export messages and errors. */
  readonly office: Translator;
  /** Where exports are saved, and where Open and Save As start. */
  readonly folder: string;
  /** Where autosaves and recent files live. Default: $XDG_STATE_HOME/koompi. */
  readonly stateDir?: string;
  /** Default: Qt's file dialog and question box, in the person's language (ui/dialogs.ts). */
  readonly dialogs?: WriteDialogs;
}

export { editorDocument };

export function composeWrite({ t, office, folder, stateDir, dialogs }: WriteDeps): WriteWindowOptions {
  const exportHtml = async (html: string, format: ExportFormat): Promise<string> => {
    const doc = editorDocument(html, t('window.title'));
    let bytes: Uint8Array;
    if (format === 'docx') bytes = await documentToDocx(doc);
    else if (format === 'odt') bytes = await documentToOdt(doc);
    else {
      const shaper = await systemShaper();
      if (!shaper.ok) return describeOfficeError(office, shaper.error);
      bytes = await documentToPdf(doc, shaper.value);
    }
    const saved = saveExport(folder, doc.title, format, bytes);
    return saved.ok ? office('exported', { path: saved.value }) : describeOfficeError(office, saved.error);
  };
  return {
    t,
    templates: TEMPLATE_IDS,
    templateHtml: (tpl) => documentToHtml(templateDocument(tpl, t.locale)),
    exportHtml,
    readyMessage: t('status.ready', { folder }),
    files: createWriteFiles({ office, folder, ...(stateDir ? { stateDir } : {}) }),
    ...(dialogs ? { dialogs } : {}),
  };
}
