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

/** What OfficeApp needs of a window. */
export interface OfficeAppWindow {
  readonly path?: string | undefined;
  readonly window: { raise(): void; activateWindow(): void };
  refreshRecent(): void;
  /** Asks about unsaved changes; false when the person cancelled. */
  requestClose(): Promise<boolean>;
}

/**
 * The windows of one office app, one file each. Qt's quit-on-last-window is
 * off (a changed window may come back after its question); `lastWindowClosed`
 * runs when the last window has closed, by default quitting the app.
 */
export declare class OfficeApp<W extends OfficeAppWindow> {
  readonly windows: W[];
  constructor(lastWindowClosed?: () => void);
  /** The window that has `abs` (absolute) already, raised and activated; undefined when none has. */
  protected raiseOpen(abs: string): W | undefined;
  closed(win: W): void;
  /** Every window's recent-files menu, after one of them changed the list. */
  recentChanged(): void;
  /** Closes every window, asking about each changed one; stops at the first Cancel. */
  quit(): Promise<void>;
}
