/**
 * Calculate's files, without Qt: opening XLSX, ODS and CSV into a workbook,
 * saving the engine's workbook, autosave and recent files. Calculate's own
 * format is XLSX (every sheet, every formula with its computed value, Khmer
 * text), which LibreOffice and Excel open too; CSV is saved only when asked
 * (the first sheet, formulas kept as `=…`). The rest is core's
 * createDocumentFiles, shared with Write and Present.
 */
import {
  FULL_WORKBOOK_FORMATS,
  createDocumentFiles,
  openWorkbookFile,
  saveWorkbookFile,
  workbookFormatOf,
  type DocumentFiles,
  type DocumentFilesDeps,
  type FileOpenResult,
  type FileSaveResult,
  type SheetEngine,
  type Workbook,
  type WorkbookFormat,
} from '@koompi/core';

/** An autosave of Calculate: every sheet's inputs. */
export interface CalculateAutosave {
  readonly workbook: Workbook;
  readonly name: string;
}

export type OpenBookResult = FileOpenResult<WorkbookFormat, { readonly workbook: Workbook }>;
export type SaveBookResult = FileSaveResult<WorkbookFormat>;

export type CalculateFiles = DocumentFiles<
  CalculateAutosave,
  WorkbookFormat,
  { readonly workbook: Workbook },
  [engine: SheetEngine]
>;

export function createCalculateFiles(deps: DocumentFilesDeps): CalculateFiles {
  return createDocumentFiles(
    {
      app: 'calculate',
      own: 'xlsx',
      untitled: 'sheet',
      full: FULL_WORKBOOK_FORMATS,
      formatOf: workbookFormatOf,
      read: (file) => openWorkbookFile(file),
      write: (file, engine: SheetEngine) => saveWorkbookFile(file, engine),
    },
    deps,
  );
}
