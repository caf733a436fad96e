/**
 * koompi-write: the composition root. Builds the translators, the template
 * documents and the exporters (DOCX, ODT, PDF with HarfBuzz-shaped Khmer), then
 * the window. Qt is loaded only once the platform is decided.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  TEMPLATE_IDS,
  documentToDocx,
  documentToOdt,
  documentToPdf,
  htmlToDocument,
  loadTranslator,
  systemShaper,
  templateDocument,
  type OfficeDocument,
} from '@koompi/core';
import { appVersion, describeOfficeError, exportFolder, saveExport, startup } from './app-shell.js';
import { documentToHtml } from './document-html.js';

const appRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<number> {
  const t = loadTranslator('write');
  const office = loadTranslator('office');
  const args = startup('koompi-write', t('window.title'), appVersion(appRoot), office);
  if (typeof args === 'number') return args;
  const lang = t.locale;
  const folder = exportFolder();

  const exportHtml = async (html: string, format: 'docx' | 'pdf' | 'odt'): Promise<string> => {
    const doc: OfficeDocument = htmlToDocument(html);
    const first = doc.blocks.find((b) => b.kind === 'heading');
    const title = first && first.kind === 'heading' ? first.runs.map((r) => r.text).join('') : t('window.title');
    let bytes: Uint8Array;
    if (format === 'docx') bytes = await documentToDocx({ ...doc, title });
    else if (format === 'odt') bytes = await documentToOdt({ ...doc, title });
    else {
      const shaper = await systemShaper();
      if (!shaper.ok) return describeOfficeError(office, shaper.error);
      bytes = await documentToPdf({ ...doc, title }, shaper.value);
    }
    const saved = saveExport(folder, title, format, bytes);
    return saved.ok ? office('exported', { path: saved.path }) : describeOfficeError(office, saved.error);
  };

  const { WriteWindow } = await import('./ui/write-window.js');
  const win = new WriteWindow({
    t,
    templates: TEMPLATE_IDS,
    templateHtml: (tpl) => documentToHtml(templateDocument(tpl, lang)),
    exportHtml,
    readyMessage: t('status.ready', { folder }),
  });
  win.show();
  if (args.kind === 'screenshot') {
    const { saveScreenshot } = await import('./ui/screenshot.js');
    const file = path.resolve(args.file);
    if (!saveScreenshot(win.window, file)) {
      process.stderr.write(`${office('common.screenshotFailed', { path: file })}\n`);
      return 1;
    }
    return 0;
  }
  return -1;
}

main().then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
