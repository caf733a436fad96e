/**
 * An office app's files, without Qt, written once for Write, Present and
 * Calculate: open (the file becomes the first recent file; a failure is said
 * in the person's language), save in the format the name's extension says
 * (the app's own format when it names none), the name Save As proposes, the
 * autosave store and the recent files. Each app injects how its content is
 * read and written.
 */
import path from 'node:path';
import type { Translator } from '../../i18n/i18n.js';
import { describeOfficeError } from '../describe-error.js';
import type { OfficeResult } from '../result.js';
import { AutosaveStore, type AutosaveEntry } from './autosave.js';
import { fileStamp } from './file-stamp.js';
import { RecentFiles } from './recent-files.js';

/** Where a file was read or written (absolute) and in which format. */
export interface FileAt<F extends string> {
  readonly path: string;
  readonly format: F;
}

/** Opened: the content `C` (e.g. `{ deck }`), with where and how it was read; or why not. */
export type FileOpenResult<F extends string, C extends object> =
  ({ readonly ok: true } & FileAt<F> & C) | { readonly ok: false; readonly message: string };

export type FileSaveResult<F extends string> =
  ({ readonly ok: true; readonly message: string } & FileAt<F>) | { readonly ok: false; readonly message: string };

export interface DocumentFiles<A, F extends string, C extends object, S extends unknown[]> {
  open(file: string): Promise<FileOpenResult<F, C>>;
  /** Saves in the format the name's extension says (the app's own format when it names none). */
  save(file: string, ...content: S): Promise<FileSaveResult<F>>;
  /** Formats Save writes back in place; others go through Save As. */
  keepsEverything(format: F | undefined): boolean;
  /** The name Save As proposes: the file's name with the app's own extension, in its folder or `folder`. */
  saveAsName(current: string | undefined, title: string): string;
  readonly autosave: AutosaveStore<A>;
  /** Work a killed app left behind, oldest first. */
  orphans(): Array<AutosaveEntry<A>>;
  readonly recent: RecentFiles;
  /** The folder dialogs start in. */
  readonly folder: string;
  /** What the file on disk is now (modification time and size), to notice another program changing it. */
  stamp(file: string): string | undefined;
}

/** What differs between the apps. */
export interface DocumentFilesSpec<F extends string, C extends object, S extends unknown[]> {
  /** The app's name for its autosaves and recent files ('write'). */
  readonly app: string;
  /** The app's own format, added to a name without a known extension ('odt'). */
  readonly own: F;
  /** The name of a new file with no title ('document'). */
  readonly untitled: string;
  /** Formats that keep everything the app makes. */
  readonly full: readonly F[];
  formatOf(file: string): F | undefined;
  read(file: string): Promise<OfficeResult<FileAt<F> & C>>;
  write(file: string, ...content: S): Promise<OfficeResult<FileAt<F>>>;
}

export interface DocumentFilesDeps {
  /** The office messages (errors, "saved"). */
  readonly office: Translator;
  readonly folder: string;
  /** Default: $XDG_STATE_HOME/koompi. */
  readonly stateDir?: string;
}

export function createDocumentFiles<A, F extends string, C extends object, S extends unknown[]>(
  spec: DocumentFilesSpec<F, C, S>,
  { office, folder, stateDir }: DocumentFilesDeps,
): DocumentFiles<A, F, C, S> {
  const autosave = new AutosaveStore<A>(spec.app, ...(stateDir ? [stateDir] : []));
  const recent = new RecentFiles(spec.app, ...(stateDir ? [stateDir] : []));
  return {
    async open(file) {
      const r = await spec.read(file);
      if (!r.ok) return { ok: false, message: describeOfficeError(office, r.error) };
      recent.add(r.value.path);
      return { ok: true, ...r.value };
    },
    async save(file, ...content) {
      const target = spec.formatOf(file) ? file : `${file}.${spec.own}`;
      const r = await spec.write(target, ...content);
      if (!r.ok) return { ok: false, message: describeOfficeError(office, r.error) };
      recent.add(r.value.path);
      return { ok: true, ...r.value, message: office('exported', { path: r.value.path }) };
    },
    keepsEverything: (format) => format !== undefined && spec.full.includes(format),
    saveAsName(current, title) {
      if (current)
        return path.join(path.dirname(current), `${path.basename(current, path.extname(current))}.${spec.own}`);
      const safe = title.replace(/[/\\\0]/g, ' ').trim() || spec.untitled;
      return path.join(folder, `${safe}.${spec.own}`);
    },
    autosave,
    orphans: () => autosave.orphans(),
    recent,
    folder,
    stamp: fileStamp,
  };
}
