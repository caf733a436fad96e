/**
 * Present's files, without Qt: PPTX (its own format: titles, subtitles,
 * points with their formatting, speaker notes and the theme read back the
 * same) and the outline format (Markdown) open; Save writes PPTX, or the
 * outline when asked (words only). Autosave and recent files as in Write
 * (core's createDocumentFiles).
 */
import {
  FULL_DECK_FORMATS,
  createDocumentFiles,
  deckFormatOf,
  openDeckFile,
  saveDeckFile,
  type Deck,
  type DeckFormat,
  type DocumentFiles,
  type DocumentFilesDeps,
  type FileOpenResult,
  type FileSaveResult,
} from '@koompi/core';

export interface PresentAutosave {
  readonly deck: Deck;
  readonly name: string;
}

export type OpenDeckResult = FileOpenResult<DeckFormat, { readonly deck: Deck }>;
export type SaveDeckResult = FileSaveResult<DeckFormat>;

export type PresentFiles = DocumentFiles<PresentAutosave, DeckFormat, { readonly deck: Deck }, [deck: Deck]>;

export function createPresentFiles(deps: DocumentFilesDeps): PresentFiles {
  return createDocumentFiles(
    {
      app: 'present',
      own: 'pptx',
      untitled: 'slides',
      full: FULL_DECK_FORMATS,
      formatOf: deckFormatOf,
      read: (file) => openDeckFile(file),
      write: (file, deck: Deck) => saveDeckFile(file, deck),
    },
    deps,
  );
}
