/**
 * koompi-present: the composition root. Builds the translators, a sample deck,
 * the offline outline generator (the AI service can replace it) and the
 * exporters (PPTX, PDF, self-contained HTML), then the window.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  THEMES,
  autoLayout,
  createTemplateOutlineGenerator,
  deckToHtml,
  deckToPdf,
  deckToPptx,
  loadTranslator,
  outlineToDeck,
  systemShaper,
  type Deck,
  type OutlineGenerator,
} from '@koompi/core';
import { appVersion, describeOfficeError, exportFolder, saveExport, startup } from './app-shell.js';

const appRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<number> {
  const t = loadTranslator('present');
  const office = loadTranslator('office');
  const args = startup('koompi-present', t('window.title'), appVersion(appRoot), office);
  if (typeof args === 'number') return args;
  const folder = exportFolder();
  const outlines: OutlineGenerator = createTemplateOutlineGenerator();
  const sample: Deck = autoLayout({
    title: t('sample.title'),
    theme: 'angkor',
    slides: [
      { layout: 'title', title: t('sample.title'), subtitle: t('sample.subtitle'), bullets: [] },
      {
        layout: 'bullets',
        title: t('sample.slide2'),
        bullets: t('sample.points')
          .split('\n')
          .map((text) => [{ text }]),
      },
    ],
  });

  const exportDeck = async (deck: Deck, format: 'pptx' | 'pdf' | 'html'): Promise<string> => {
    const laid = autoLayout(deck);
    let bytes: Uint8Array;
    if (format === 'pptx') bytes = await deckToPptx(laid);
    else {
      const shaper = await systemShaper();
      if (!shaper.ok) return describeOfficeError(office, shaper.error);
      bytes =
        format === 'pdf'
          ? await deckToPdf(laid, shaper.value)
          : new TextEncoder().encode(
              deckToHtml(
                laid,
                [
                  { family: 'Noto Sans Khmer', weight: 400, data: shaper.value.fontData('khmer') },
                  { family: 'Noto Sans Khmer', weight: 700, data: shaper.value.fontData('khmer-bold') },
                ],
                t.locale,
              ),
            );
    }
    const saved = saveExport(folder, deck.title || t('window.title'), format, bytes);
    return saved.ok ? office('exported', { path: saved.path }) : describeOfficeError(office, saved.error);
  };

  const { PresentWindow } = await import('./ui/present-window.js');
  const win = new PresentWindow({
    t,
    deck: sample,
    themes: THEMES,
    slidesFrom: async (description) => outlineToDeck(await outlines.outline({ description, lang: t.locale }), 'angkor'),
    exportDeck,
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
