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
  htmlToDocument,
  runsText,
  saveExport,
  systemShaper,
  templateDocument,
  type OfficeDocument,
  type Translator,
} from '@koompi/core';
import { documentToHtml } from './document-html.js';
import { HEADING_SIZES } from './styles.js';
import type { ExportFormat, WriteWindowOptions } from './ui/write-window.js';

export interface WriteDeps {
  readonly t: Translator;
  /** The `office` bundle: export messages and errors. */
  readonly office: Translator;
  /** Where exports are saved. */
  readonly folder: string;
}

/** The editor's HTML as a document, titled by its first heading. */
export function editorDocument(html: string, fallbackTitle: string): OfficeDocument {
  const doc = htmlToDocument(html, '', { headingSizes: HEADING_SIZES });
  const first = doc.blocks.find((b) => b.kind === 'heading');
  const title = first && first.kind === 'heading' ? runsText(first.runs).trim() : '';
  return { ...doc, title: title || fallbackTitle };
}

export function composeWrite({ t, office, folder }: WriteDeps): WriteWindowOptions {
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
  };
}
