/**
 * Everything the Present window needs except Qt: a sample deck, slides from a
 * description (offline: the template outline; the AI service can replace the
 * generator), and the exporters (PPTX, PDF, self-contained HTML) saving into
 * the export folder without replacing anything. Used by main.ts and by the
 * test that drives the real window.
 */
import {
  THEMES,
  autoLayout,
  createTemplateOutlineGenerator,
  deckToHtml,
  deckToPdf,
  deckToPptx,
  describeOfficeError,
  outlineToDeck,
  saveExport,
  systemShaper,
  type Deck,
  type OutlineGenerator,
  type Translator,
} from '@koompi/core';
import { createPresentFiles } from './files.js';
import type { ExportFormat, PresentDialogs, PresentWindowOptions } from './ui/present-window.js';

export interface PresentDeps {
  readonly t: Translator;
  /** The `office` bundle: export messages and errors. */
  readonly office: Translator;
  /** Where exports are saved. */
  readonly folder: string;
  /** Default: the offline template outlines. */
  readonly outlines?: OutlineGenerator;
  /** Where autosaves and recent files live. Default: $XDG_STATE_HOME/koompi. */
  readonly stateDir?: string;
  /** Default: Qt's file dialog and question box, in the person's language (ui/dialogs.ts). */
  readonly dialogs?: PresentDialogs;
  readonly autosaveDelayMs?: number;
}

export function sampleDeck(t: Translator): Deck {
  return autoLayout({
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
}

export function composePresent({
  t,
  office,
  folder,
  outlines,
  stateDir,
  dialogs,
  autosaveDelayMs,
}: PresentDeps): PresentWindowOptions {
  const generator = outlines ?? createTemplateOutlineGenerator();
  const exportDeck = async (deck: Deck, format: ExportFormat): Promise<string> => {
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
    return saved.ok ? office('exported', { path: saved.value }) : describeOfficeError(office, saved.error);
  };
  return {
    t,
    deck: sampleDeck(t),
    themes: THEMES,
    slidesFrom: async (description) =>
      outlineToDeck(await generator.outline({ description, lang: t.locale }), 'angkor'),
    exportDeck,
    readyMessage: t('status.ready', { folder }),
    files: createPresentFiles({ office, folder, ...(stateDir ? { stateDir } : {}) }),
    ...(dialogs ? { dialogs } : {}),
    ...(autosaveDelayMs !== undefined ? { autosaveDelayMs } : {}),
  };
}
