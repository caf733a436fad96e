/**
 * Calculate's files, without Qt: opening XLSX, ODS and CSV into a workbook,
 * saving the engine's workbook, autosave and recent files. Calculate's own
 * format is XLSX (every sheet, every formula with its computed value, Khmer
 * text), which LibreOffice and Excel open too; CSV is saved only when asked
 * (the first sheet, formulas kept as `=…`).
 */
import path from 'node:path';
import {
  AutosaveStore,
  FULL_WORKBOOK_FORMATS,
  RecentFiles,
  describeOfficeError,
  openWorkbookFile,
  saveWorkbookFile,
  workbookFormatOf,
  type AutosaveEntry,
  type SheetEngine,
  type Translator,
  type Workbook,
  type WorkbookFormat,
} from '@koompi/core';

/** An autosave of Calculate: every sheet's inputs. */
export interface CalculateAutosave {
  readonly workbook: Workbook;
  readonly name: string;
}

export type OpenBookResult =
  | { readonly ok: true; readonly workbook: Workbook; readonly path: string; readonly format: WorkbookFormat }
  | { readonly ok: false; readonly message: string };

export type SaveBookResult =
  | { readonly ok: true; readonly path: string; readonly format: WorkbookFormat; readonly message: string }
  | { readonly ok: false; readonly message: string };

export interface CalculateFiles {
  open(file: string): Promise<OpenBookResult>;
  save(file: string, engine: SheetEngine): Promise<SaveBookResult>;
  keepsEverything(format: WorkbookFormat | undefined): boolean;
  saveAsName(current: string | undefined, title: string): string;
  readonly autosave: AutosaveStore<CalculateAutosave>;
  orphans(): Array<AutosaveEntry<CalculateAutosave>>;
  readonly recent: RecentFiles;
  readonly folder: string;
}

export function createCalculateFiles({
  office,
  folder,
  stateDir,
}: {
  readonly office: Translator;
  readonly folder: string;
  readonly stateDir?: string;
}): CalculateFiles {
  const autosave = new AutosaveStore<CalculateAutosave>('calculate', ...(stateDir ? [stateDir] : []));
  const recent = new RecentFiles('calculate', ...(stateDir ? [stateDir] : []));
  return {
    async open(file) {
      const r = await openWorkbookFile(file);
      if (!r.ok) return { ok: false, message: describeOfficeError(office, r.error) };
      recent.add(r.value.path);
      return { ok: true, ...r.value };
    },
    async save(file, engine) {
      const target = workbookFormatOf(file) ? file : `${file}.xlsx`;
      const r = await saveWorkbookFile(target, engine);
      if (!r.ok) return { ok: false, message: describeOfficeError(office, r.error) };
      recent.add(r.value.path);
      return { ok: true, ...r.value, message: office('exported', { path: r.value.path }) };
    },
    keepsEverything: (format) => format !== undefined && FULL_WORKBOOK_FORMATS.includes(format),
    saveAsName(current, title) {
      if (current) return path.join(path.dirname(current), `${path.basename(current, path.extname(current))}.xlsx`);
      const safe = title.replace(/[/\\\0]/g, ' ').trim() || 'sheet';
      return path.join(folder, `${safe}.xlsx`);
    },
    autosave,
    orphans: () => autosave.orphans(),
    recent,
    folder,
  };
}
