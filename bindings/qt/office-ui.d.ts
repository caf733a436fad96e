import type { QAction, QLabel, QMainWindow, QMenu, QMenuBar, QWidget } from '@nodegui/nodegui';

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

/** The File and Edit menus' commands, in their order (Ctrl+N, Ctrl+O, Ctrl+S, Ctrl+Shift+S, Ctrl+W, Ctrl+Q, Ctrl+Z, Ctrl+Shift+Z). */
export declare const COMMANDS: readonly ['new', 'open', 'save', 'saveAs', 'close', 'quit', 'undo', 'redo'];
export type CommandId = (typeof COMMANDS)[number];

/** What OfficeWindow needs of the app's files (core's DocumentFiles has it). */
export interface OfficeWindowFiles<F extends string, C = unknown> {
  readonly recent: { list(): string[] };
  /** The folder Open starts in. */
  readonly folder: string;
  keepsEverything(format: F | undefined): boolean;
  saveAsName(current: string | undefined, title: string): string;
  stamp(file: string): string | undefined;
  /** Where the window's autosave goes (core's AutosaveStore). */
  readonly autosave: {
    write(id: string, work: { readonly file?: string; readonly content: C }): unknown;
    remove(id: string): void;
  };
}

/** What OfficeWindow asks of the app that holds all windows (OfficeApp). */
export interface OfficeWindowApp {
  newWindow(): unknown;
  open(file: string, from?: OfficeWindow<string>): Promise<unknown>;
  recentChanged(): void;
  quit(): Promise<void>;
}

/** A save's outcome (core's FileSaveResult). */
export type OfficeSaveResult<F extends string> =
  | { readonly ok: true; readonly path: string; readonly format: F; readonly message: string }
  | { readonly ok: false; readonly message: string };

/**
 * What an office window does with its file: Save (in place when the format
 * keeps everything, else Save As; never over a file another program changed
 * without asking), Save As, and the close that asks about unsaved changes.
 */
/** Unbroken changes are autosaved at least this often (the autosave waits for a pause otherwise). */
export declare const AUTOSAVE_MAX_WAIT_MS: number;

/** F: the file formats; C: what the window's autosave holds. */
export declare abstract class OfficeWindow<F extends string, C = unknown> {
  abstract readonly options: {
    readonly files?: OfficeWindowFiles<F, C> | undefined;
    readonly dialogs?: OfficeDialogs | undefined;
    readonly app?: OfficeWindowApp | undefined;
    readonly t: OfficeTranslator;
    /** How long after the last change the autosave is written. Default 1500 ms. */
    readonly autosaveDelayMs?: number;
    /** Unbroken changes are autosaved at least this often. Default AUTOSAVE_MAX_WAIT_MS. */
    readonly autosaveMaxWaitMs?: number;
  };
  readonly menuBar: QMenuBar;
  readonly fileMenu: QMenu;
  readonly editMenu: QMenu;
  readonly recentMenu: QMenu;
  readonly actions: Record<CommandId, QAction>;
  /** File ▸ Open Recent's items, newest first. */
  recentActions: QAction[];
  abstract readonly window: QMainWindow;
  abstract readonly status: QLabel;
  abstract readonly recoveredBanner: QWidget;
  /** The name the window shows for its file. */
  abstract readonly name: string;
  /** The file, absolute; undefined for a new one. */
  path: string | undefined;
  format: F | undefined;
  modified: boolean;
  /** The file as it was when opened or saved here (files.stamp). */
  protected stamp: string | undefined;
  protected closing: boolean;
  /** Settles when the person has decided about the close in progress: true when the window closed. */
  protected closeDecision: Promise<boolean> | undefined;
  /** Builds the File menu (when the window has files) and, with `withEdit` (default), the Edit menu. */
  protected buildMenus(withEdit?: boolean): void;
  /** Rebuilds File ▸ Open Recent from the recent list. */
  refreshRecent(): void;
  /** What a menu item does (the menus and their shortcuts call this). */
  command(id: CommandId): Promise<void>;
  /** Opens `file` through the app (which may give it a window of its own), or with `openAlone` without one. */
  protected openPath(file: string): Promise<void>;
  /** Opens a file in this window when there is no app; without it, such a window does not open files. */
  protected openAlone?(file: string): Promise<unknown>;
  /** Edit ▸ Undo or Redo. */
  protected abstract undoRedo(step: 'undo' | 'redo'): void;
  /** Save: in place when the file's format keeps everything, else Save As. Resolves to true when saved. */
  save(): Promise<boolean>;
  /** Save As `file`, or where the person chooses. */
  saveAs(file?: string): Promise<boolean>;
  protected saveTo(file: string): Promise<boolean>;
  /** The window's close event: finishes, or asks about unsaved changes (the window hides meanwhile). */
  protected onClose(): void;
  protected askAfterClose(): Promise<boolean>;
  /** Closes the window, asking about unsaved changes; resolves to false when the person kept it open. */
  requestClose(): Promise<boolean>;
  /** Writes the content to `file`; undefined when this window cannot save. */
  protected abstract writeFile(file: string): Promise<OfficeSaveResult<F> | undefined>;
  /** The title Save As proposes a name from. */
  protected abstract saveAsTitle(): string;
  protected abstract finishClose(): void;
  protected abstract updateTitle(): void;
  /** This window's autosave in files.autosave; set when the window is made or adopts recovered work. */
  protected autosaveId: string | undefined;
  protected autosaveTimer: ReturnType<typeof setTimeout> | undefined;
  protected autosaveFailed: boolean;
  /** When the first change not yet autosaved was made. */
  protected unsavedSince: number | undefined;
  /** After a change: the autosave a moment after the last one, and at once when changes have gone on too long. */
  protected scheduleAutosave(): void;
  /** Writes the autosave now (the timer calls this); false when it could not be written. */
  autosaveNow(): boolean;
  /** The work is saved or thrown away: its autosave goes. */
  protected dropAutosave(): void;
  /** Before the window goes: an autosave still waiting is written now. */
  protected flushAutosave(): void;
  protected stopAutosaveTimer(): void;
  /** What the autosave holds now; undefined when there is nothing to keep. */
  protected abstract autosaveContent(): C | undefined;
}
