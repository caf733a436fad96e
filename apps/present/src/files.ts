/**
 * Present's files, without Qt: PPTX (its own format: titles, subtitles,
 * points with their formatting, speaker notes and the theme read back the
 * same) and the outline format (Markdown) open; Save writes PPTX, or the
 * outline when asked (words only). Autosave and recent files as in Write.
 */
import path from 'node:path';
import {
  AutosaveStore,
  FULL_DECK_FORMATS,
  RecentFiles,
  deckFormatOf,
  describeOfficeError,
  openDeckFile,
  saveDeckFile,
  type AutosaveEntry,
  type Deck,
  type DeckFormat,
  type Translator,
} from '@koompi/core';

export interface PresentAutosave {
  readonly deck: Deck;
  readonly name: string;
}

export type OpenDeckResult =
  | { readonly ok: true; readonly deck: Deck; readonly path: string; readonly format: DeckFormat }
  | { readonly ok: false; readonly message: string };
export type SaveDeckResult =
  | { readonly ok: true; readonly path: string; readonly format: DeckFormat; readonly message: string }
  | { readonly ok: false; readonly message: string };

export interface PresentFiles {
  open(file: string): Promise<OpenDeckResult>;
  save(file: string, deck: Deck): Promise<SaveDeckResult>;
  keepsEverything(format: DeckFormat | undefined): boolean;
  saveAsName(current: string | undefined, title: string): string;
  readonly autosave: AutosaveStore<PresentAutosave>;
  orphans(): Array<AutosaveEntry<PresentAutosave>>;
  readonly recent: RecentFiles;
  readonly folder: string;
}

export function createPresentFiles({
  office,
  folder,
  stateDir,
}: {
  readonly office: Translator;
  readonly folder: string;
  readonly stateDir?: string;
}): PresentFiles {
  const autosave = new AutosaveStore<PresentAutosave>('present', ...(stateDir ? [stateDir] : []));
  const recent = new RecentFiles('present', ...(stateDir ? [stateDir] : []));
  return {
    async open(file) {
      const r = await openDeckFile(file);
      if (!r.ok) return { ok: false, message: describeOfficeError(office, r.error) };
      recent.add(r.value.path);
      return { ok: true, ...r.value };
    },
    async save(file, deck) {
      const target = deckFormatOf(file) ? file : `${file}.pptx`;
      const r = await saveDeckFile(target, deck);
      if (!r.ok) return { ok: false, message: describeOfficeError(office, r.error) };
      recent.add(r.value.path);
      return { ok: true, ...r.value, message: office('exported', { path: r.value.path }) };
    },
    keepsEverything: (format) => format !== undefined && FULL_DECK_FORMATS.includes(format),
    saveAsName(current, title) {
      if (current) return path.join(path.dirname(current), `${path.basename(current, path.extname(current))}.pptx`);
      const safe = title.replace(/[/\\\0]/g, ' ').trim() || 'slides';
      return path.join(folder, `${safe}.pptx`);
    },
    autosave,
    orphans: () => autosave.orphans(),
    recent,
    folder,
  };
}
