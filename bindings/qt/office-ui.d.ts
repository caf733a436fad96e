import type { QMainWindow } from '@nodegui/nodegui';

/** A translator as @koompi/core makes one (kept structural: this package does not depend on core). */
export type OfficeTranslator = (key: string, vars?: Record<string, string | number>) => string;

/** The questions an office window asks; Qt's in officeDialogs, stand-ins in tests. */
export interface OfficeDialogs {
  /** A file to open, or undefined when cancelled. */
  askOpen(parent: QMainWindow, folder: string): string | undefined;
  /** Where to save, starting from `suggested`; undefined when cancelled. */
  askSaveAs(parent: QMainWindow, suggested: string): string | undefined;
  /** Before closing a changed file. */
  askSaveChanges(parent: QMainWindow, name: string): 'save' | 'discard' | 'cancel';
  /** Save, when another program changed the file since it was opened or saved here. */
  askChangedOnDisk(parent: QMainWindow, name: string): 'overwrite' | 'saveAs' | 'cancel';
}

/** What differs between the apps: the file types offered. */
export interface OfficeFileTypes {
  /** The Open dialog's filters, already translated, first the default. */
  openFilters(): string[];
  /** The Save As dialog's filters, already translated. */
  saveFilters(): string[];
  /** Added when the name typed has no extension. */
  readonly defaultSuffix: string;
}

/** Qt dialogs in the person's language (Qt's own file dialog, not the desktop's). */
export declare function officeDialogs(t: OfficeTranslator, files: OfficeFileTypes): OfficeDialogs;
