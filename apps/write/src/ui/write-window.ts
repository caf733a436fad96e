/**
 * The KOOMPI Write window: File and Edit menus (New, Open, Open Recent, Save,
 * Save As, Close, Quit; Undo, Redo), a style box, bold/italic/underline, a
 * template box, export buttons, the rich-text editor, and a banner that offers
 * back work recovered after a crash. One window is one document; the
 * windows of a process are kept by `WriteApp` (write-app.ts). The only NodeGui
 * importer of Write besides write-app.ts and dialogs.ts.
 *
 * While the person types, the editor's HTML is autosaved (atomically, under
 * $XDG_STATE_HOME/koompi/autosave/write) a moment after the last change; a
 * save or a deliberate close removes the autosave.
 */
import {
  Direction,
  QBoxLayout,
  QComboBox,
  QFont,
  QLabel,
  QMainWindow,
  QPushButton,
  QTextEdit,
  QWidget,
  WidgetEventTypes,
} from '@nodegui/nodegui';
import path from 'node:path';
import { OfficeWindow, type OfficeDialogs, type OfficeSaveResult } from '@koompi/qt/office-ui';
import {
  UndoHistory,
  type AutosaveEntry,
  type DocumentFormat,
  type OfficeDocument,
  type TemplateId,
  type Translator,
} from '@koompi/core';
import type { WriteAutosave, WriteFiles } from '../files.js';
import { STYLES, STYLE_FORMAT, type StyleId } from '../styles.js';

export const KHMER_FONT = 'Noto Sans Khmer';
export type ExportFormat = 'docx' | 'pdf' | 'odt';

/** What the window asks the person; Qt dialogs by default (dialogs.ts), replaced in tests. */
export type WriteDialogs = OfficeDialogs;

/** What a window asks of the app that holds all windows. */
export interface WriteAppPort {
  newWindow(): WriteWindow;
  /** Opens `file` (in `from` when it is an untouched new document, else in a new window, or the window that has it). */
  open(file: string, from?: WriteWindow): Promise<WriteWindow | undefined>;
  quit(): Promise<void>;
  closed(win: WriteWindow): void;
  recentChanged(): void;
}

export interface WriteWindowOptions {
  readonly t: Translator;
  readonly templates: readonly TemplateId[];
  /** HTML of a new document from a template. */
  templateHtml(template: TemplateId): string;
  /** Reads the editor's HTML into a document and exports it; resolves to a message for the status line. */
  exportHtml(html: string, format: ExportFormat): Promise<string>;
  readonly readyMessage: string;
  /** Open, save, autosave and recent files; without it the window has no File menu (screenshot tools). */
  readonly files?: WriteFiles;
  readonly dialogs?: WriteDialogs;
  readonly app?: WriteAppPort;
  /** How long after the last change the autosave is written. Default 1500 ms. */
  readonly autosaveDelayMs?: number;
  /** Unbroken changes are autosaved at least this often. Default AUTOSAVE_MAX_WAIT_MS. */
  readonly autosaveMaxWaitMs?: number;
}

export class WriteWindow extends OfficeWindow<DocumentFormat, WriteAutosave> {
  readonly window = new QMainWindow();
  readonly editor = new QTextEdit();
  readonly styleBox = new QComboBox();
  readonly templateBox = new QComboBox();
  readonly boldButton = new QPushButton();
  readonly italicButton = new QPushButton();
  readonly underlineButton = new QPushButton();
  readonly exportButtons: Record<ExportFormat, QPushButton> = {
    docx: new QPushButton(),
    pdf: new QPushButton(),
    odt: new QPushButton(),
  };
  readonly status = new QLabel();
  /** Recovered work: the banner and its two buttons. */
  readonly recoveredBanner = new QWidget();
  readonly recoveredLabel = new QLabel();
  readonly keepButton = new QPushButton();
  readonly discardButton = new QPushButton();

  private loading = false;
  private untouched = true;
  /**
   * Edit ▸ Undo/Redo: a history of the editor's HTML, a step per pause in typing. NodeGui 0.74's
   * QTextEdit.undo() calls a native method that does not exist; the editor's own Ctrl+Z still works
   * while it has the focus, and its result is recorded here like any change.
   */
  readonly history = new UndoHistory<string>('');
  private historyTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(readonly options: WriteWindowOptions) {
    super();
    const { t } = options;
    this.autosaveId = options.files?.autosave.newId();
    this.window.setObjectName('org.koompi.Write');
    this.window.resize(860, 640);
    this.window.setFont(new QFont(KHMER_FONT, 11));
    const root = new QWidget();
    const layout = new QBoxLayout(Direction.TopToBottom);
    root.setLayout(layout);

    const banner = new QBoxLayout(Direction.LeftToRight);
    this.recoveredBanner.setLayout(banner);
    this.recoveredBanner.setObjectName('recovered');
    this.recoveredBanner.setStyleSheet('#recovered { background: #fff4ce; border: 1px solid #e0c060; }');
    this.recoveredLabel.setWordWrap(true);
    banner.addWidget(this.recoveredLabel, 1);
    this.keepButton.setText(t('recover.keep'));
    this.keepButton.setAccessibleName(t('recover.keep'));
    this.discardButton.setText(t('recover.discard'));
    this.discardButton.setAccessibleName(t('recover.discard'));
    banner.addWidget(this.keepButton);
    banner.addWidget(this.discardButton);
    this.recoveredBanner.hide();
    layout.addWidget(this.recoveredBanner);

    const bar = new QBoxLayout(Direction.LeftToRight);
    layout.addLayout(bar);
    for (const s of STYLES) this.styleBox.addItem(undefined, t(`style.${s}`));
    this.styleBox.setAccessibleName(t('style.accessibleName'));
    bar.addWidget(this.styleBox);
    for (const [button, key] of [
      [this.boldButton, 'bold'],
      [this.italicButton, 'italic'],
      [this.underlineButton, 'underline'],
    ] as const) {
      button.setText(t(`${key}.label`));
      button.setAccessibleName(t(`${key}.accessibleName`));
      button.setToolTip(t(`${key}.accessibleName`));
      button.setCheckable(true);
      bar.addWidget(button);
    }
    for (const tpl of options.templates) this.templateBox.addItem(undefined, t(`template.${tpl}`));
    this.templateBox.setAccessibleName(t('template.accessibleName'));
    bar.addWidget(this.templateBox);
    bar.addStretch(1);
    for (const [format, button] of Object.entries(this.exportButtons) as Array<[ExportFormat, QPushButton]>) {
      button.setText(t('export.label', { format: format.toUpperCase() }));
      button.setAccessibleName(t('export.accessibleName', { format: format.toUpperCase() }));
      button.addEventListener('clicked', () => void this.export(format));
      bar.addWidget(button);
    }

    this.editor.setAccessibleName(t('editor.accessibleName'));
    this.editor.setFont(new QFont(KHMER_FONT, 12));
    layout.addWidget(this.editor, 1);
    this.status.setAccessibleName(t('status.accessibleName'));
    this.status.setText(options.readyMessage);
    layout.addWidget(this.status);
    this.window.setCentralWidget(root);
    this.buildMenus();

    this.boldButton.addEventListener('toggled', (on) => this.editor.setFontWeight(on ? 700 : 400));
    this.italicButton.addEventListener('toggled', (on) => this.editor.setFontItalic(on));
    this.underlineButton.addEventListener('toggled', (on) => this.editor.setFontUnderline(on));
    this.templateBox.addEventListener('currentIndexChanged', (i) => this.useTemplate(i));
    this.styleBox.addEventListener('currentIndexChanged', (i) => this.applyStyle(STYLES[i] ?? 'paragraph'));
    this.editor.addEventListener('textChanged', () => this.changed());
    this.keepButton.addEventListener('clicked', () => this.recoveredBanner.hide());
    this.discardButton.addEventListener('clicked', () => void this.discardRecovered());
    this.window.addEventListener(WidgetEventTypes.Close, () => this.onClose());
    this.useTemplate(0);
    this.updateTitle();
  }

  /** A new document no one has typed in: opening a file may reuse its window. */
  get pristine(): boolean {
    return this.untouched && !this.modified && this.path === undefined;
  }

  /** The document's name as the title shows it. */
  get name(): string {
    return this.path ? path.basename(this.path) : this.options.t('document.untitled');
  }

  protected updateTitle(): void {
    const { t } = this.options;
    this.window.setWindowTitle(
      this.options.files
        ? t(this.modified ? 'window.documentModified' : 'window.document', { name: this.name })
        : t('window.title'),
    );
  }

  private changed(): void {
    if (this.loading) return;
    this.untouched = false;
    if (!this.modified) {
      this.modified = true;
      this.updateTitle();
    }
    this.scheduleAutosave();
    if (this.historyTimer) clearTimeout(this.historyTimer);
    this.historyTimer = setTimeout(() => this.recordHistory(), 400);
  }

  private recordHistory(): void {
    if (this.historyTimer) clearTimeout(this.historyTimer);
    this.historyTimer = undefined;
    this.history.record(this.editor.toHtml());
  }

  /** Shows a state from the history: a change like any other (title, autosave), not a new step. */
  private showHistory(html: string | undefined): void {
    if (html === undefined) return;
    this.load(html, false);
    this.untouched = false;
    if (!this.modified) {
      this.modified = true;
      this.updateTitle();
    }
    this.scheduleAutosave();
  }

  protected autosaveContent(): WriteAutosave | undefined {
    return { html: this.editor.toHtml(), name: this.name };
  }

  /** Puts HTML in the editor without counting it as typing; a new document or file also starts a new history. */
  private load(html: string, fresh = true): void {
    this.loading = true;
    this.editor.setHtml(html);
    this.loading = false;
    if (fresh) {
      if (this.historyTimer) clearTimeout(this.historyTimer);
      this.historyTimer = undefined;
      this.history.reset(this.editor.toHtml());
    }
  }

  /** Reads a file into this window. */
  async openFile(file: string): Promise<boolean> {
    const { files, t } = this.options;
    if (!files) return false;
    const r = await files.open(file);
    if (!r.ok) {
      this.status.setText(r.message);
      return false;
    }
    this.dropAutosave();
    this.load(r.html);
    this.path = r.path;
    this.format = r.format;
    this.stamp = files.stamp(r.path);
    this.modified = false;
    this.untouched = false;
    this.recoveredBanner.hide();
    this.updateTitle();
    this.status.setText(t('status.opened', { path: r.path }));
    this.options.app?.recentChanged();
    return true;
  }

  /** Takes back work a killed Write left behind (`AutosaveStore.orphans`), and shows the banner. */
  recover(entry: AutosaveEntry<WriteAutosave>): void {
    const { files, t } = this.options;
    if (!files) return;
    this.load(entry.content.html);
    this.path = entry.file;
    this.format = undefined;
    if (entry.file) {
      const ext = path.extname(entry.file).slice(1).toLowerCase();
      this.format =
        ext === 'odt' || ext === 'docx' || ext === 'txt' || ext === 'md' ? (ext as DocumentFormat) : undefined;
    }
    // first our own copy, then the old entry goes: a crash here leaves two copies, never none
    this.dropAutosave();
    this.autosaveId = files.autosave.adopt(entry);
    this.modified = true;
    this.untouched = false;
    this.recoveredLabel.setText(t('recover.banner', { name: entry.content.name || this.name }));
    this.recoveredBanner.show();
    this.updateTitle();
  }

  /** The banner's Discard: the recovered work goes, the saved file (if any) comes back. */
  async discardRecovered(): Promise<void> {
    this.dropAutosave();
    this.modified = false;
    this.recoveredBanner.hide();
    const file = this.path;
    this.path = undefined;
    this.format = undefined;
    if (file && (await this.openFile(file))) return;
    this.untouched = true;
    this.useTemplate(this.templateBox.currentIndex());
    this.updateTitle();
  }

  protected undoRedo(step: 'undo' | 'redo'): void {
    this.recordHistory();
    this.showHistory(this.history[step]());
  }

  protected override openAlone(file: string): Promise<boolean> {
    return this.openFile(file);
  }

  protected saveAsTitle(): string {
    const first = this.editor
      .toPlainText()
      .split('\n')
      .find((l) => l.trim());
    return (first ?? this.options.t('document.untitled')).trim().slice(0, 60);
  }

  protected override onClose(): void {
    if (this.closing) {
      this.finishClose();
      return;
    }
    const { dialogs } = this.options;
    if (!this.modified || !dialogs) {
      if (!this.modified) this.dropAutosave();
      this.finishClose();
      return;
    }
    // NodeGui cannot refuse a close (QWidget::closeEvent accepts it after our listener): the
    // window is hidden now; ask, and show it again on Cancel. The autosave stays until then.
    this.closeDecision = new Promise<boolean>((resolve) =>
      setTimeout(() => void this.askAfterClose().then(resolve), 0),
    );
  }

  protected async writeFile(file: string): Promise<OfficeSaveResult<DocumentFormat> | undefined> {
    const { files, t } = this.options;
    if (!files) return undefined;
    // a save ends an undo step
    this.recordHistory();
    return files.save(file, this.editor.toHtml(), t('document.untitled'));
  }

  protected finishClose(): void {
    this.flushAutosave();
    if (this.historyTimer) clearTimeout(this.historyTimer);
    this.historyTimer = undefined;
    this.closing = true;
    this.options.app?.closed(this);
  }

  useTemplate(index: number): void {
    const tpl = this.options.templates[index];
    if (!tpl) return;
    if (!this.pristine && this.options.app) {
      // never replace work: a template starts a new document in its own window
      const win = this.options.app.newWindow();
      win.templateBox.setCurrentIndex(index);
      return;
    }
    this.load(this.options.templateHtml(tpl));
  }

  /** Sets the size and weight of the text typed next, as the style's heading level would. */
  applyStyle(style: StyleId): void {
    const { size, weight } = STYLE_FORMAT[style];
    this.editor.setFontPointSize(size);
    this.editor.setFontWeight(weight);
    this.boldButton.setChecked(weight === 700);
  }

  async export(format: ExportFormat): Promise<void> {
    this.status.setText(await this.options.exportHtml(this.editor.toHtml(), format));
  }

  show(): void {
    this.window.show();
    this.editor.setFocus();
  }
}

export type { OfficeDocument };
