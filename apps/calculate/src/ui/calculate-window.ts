/**
 * The KOOMPI Calculate window: the grid, a formula bar, formulas from plain
 * words, smart fill, a chart from a description, and export. The only NodeGui
 * importer of Calculate. The sheet itself (values, formulas, recalculation)
 * lives in the engine the composition root hands in.
 */
import path from 'node:path';
import { OfficeWindow, type OfficeDialogs, type OfficeSaveResult } from '@koompi/qt/office-ui';
import {
  Direction,
  QBoxLayout,
  QFont,
  QLabel,
  QLineEdit,
  QMainWindow,
  QPushButton,
  QSvgWidget,
  QTableWidget,
  QTableWidgetItem,
  QWidget,
  WidgetEventTypes,
} from '@nodegui/nodegui';
import {
  UndoHistory,
  fileStamp,
  type AutosaveEntry,
  type SheetEngine,
  type Translator,
  type Workbook,
  type WorkbookFormat,
} from '@koompi/core';
import type { CalculateAutosave, CalculateFiles } from '../files.js';

export const KHMER_FONT = 'Noto Sans Khmer';
export type ExportFormat = 'xlsx' | 'csv' | 'pdf';

/** What the window needs from the sheet: inputs in, displayed values out. */
export interface SheetPort {
  readonly rows: number;
  readonly cols: number;
  input(row: number, col: number): string;
  display(row: number, col: number): string;
  /** Sets a cell and recalculates what depends on it. */
  set(row: number, col: number, raw: string): void;
  cellName(row: number, col: number): string;
  columnName(col: number): string;
  /** A formula from plain words, or undefined. */
  formulaFor(sentence: string): Promise<string | undefined>;
  /** Continues the series in `col` from rows `from..to` down `count` rows. */
  fill(col: number, from: number, to: number, count: number): void;
  /** A chart drawn to an SVG file (Qt's SVG widget loads files; loading bytes crashes NodeGui 0.74), or a message saying why not. */
  chart(description: string): { svgFile: string } | { message: string };
  export(format: ExportFormat): Promise<string>;
}

/** What the window asks the person; Qt dialogs by default (dialogs.ts), replaced in tests. */
export type CalculateDialogs = OfficeDialogs;

/** What a window asks of the app that holds all windows (calculate-app.ts). */
export interface CalculateAppPort {
  newWindow(): Promise<CalculateWindow>;
  open(file: string, from?: CalculateWindow): Promise<CalculateWindow | undefined>;
  quit(): Promise<void>;
  closed(win: CalculateWindow): void;
  recentChanged(): void;
}

/** The document behind a window: its engine, and its inputs as a whole (autosave, undo). */
export interface CalculateDocument {
  readonly engine: SheetEngine;
  snapshot(): Workbook;
  restore(book: Workbook): void;
  /** Frees the engine. */
  close(): void;
}

export interface CalculateWindowOptions {
  readonly t: Translator;
  readonly sheet: SheetPort;
  readonly readyMessage: string;
  /** Open, save, autosave and recent files; without them the window has no File menu. */
  readonly files?: CalculateFiles;
  readonly document?: CalculateDocument;
  readonly dialogs?: CalculateDialogs;
  readonly app?: CalculateAppPort;
  /** The file the workbook came from. */
  readonly path?: string;
  readonly format?: WorkbookFormat;
  /** How long after the last change the autosave is written. Default 1500 ms. */
  readonly autosaveDelayMs?: number;
  /** Unbroken changes are autosaved at least this often. Default AUTOSAVE_MAX_WAIT_MS. */
  readonly autosaveMaxWaitMs?: number;
}

export class CalculateWindow extends OfficeWindow<WorkbookFormat, CalculateAutosave> {
  readonly window = new QMainWindow();
  readonly grid: QTableWidget;
  readonly cellLabel = new QLabel();
  readonly formulaBar = new QLineEdit();
  readonly askEdit = new QLineEdit();
  readonly askButton = new QPushButton();
  readonly fillButton = new QPushButton();
  readonly chartEdit = new QLineEdit();
  readonly chartButton = new QPushButton();
  readonly chartView = new QSvgWidget();
  readonly exportButtons: Record<ExportFormat, QPushButton> = {
    xlsx: new QPushButton(),
    csv: new QPushButton(),
    pdf: new QPushButton(),
  };
  readonly status = new QLabel();
  readonly recoveredBanner = new QWidget();
  readonly recoveredLabel = new QLabel();
  readonly keepButton = new QPushButton();
  readonly discardButton = new QPushButton();
  /** Edit ▸ Undo/Redo: every sheet's inputs after each edit. */
  readonly history: UndoHistory<string>;
  private row = 0;
  private col = 0;
  private updating = false;
  /** Every cell's item, created up front: NodeGui cannot tell an empty cell from a null item. */
  private readonly items: QTableWidgetItem[][] = [];

  constructor(readonly options: CalculateWindowOptions) {
    super();
    const { t, sheet } = options;
    this.path = options.path;
    this.format = options.format;
    this.stamp = options.path ? fileStamp(options.path) : undefined;
    this.autosaveId = options.files?.autosave.newId();
    this.history = new UndoHistory(JSON.stringify(options.document?.snapshot() ?? null));
    this.window.setObjectName('org.koompi.Calculate');
    this.window.resize(1000, 640);
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
    this.discardButton.setText(t('recover.discard'));
    banner.addWidget(this.keepButton);
    banner.addWidget(this.discardButton);
    this.recoveredBanner.hide();
    layout.addWidget(this.recoveredBanner);

    const bar = new QBoxLayout(Direction.LeftToRight);
    layout.addLayout(bar);
    this.cellLabel.setAccessibleName(t('cell.accessibleName'));
    this.cellLabel.setMinimumWidth(50);
    bar.addWidget(this.cellLabel);
    this.formulaBar.setAccessibleName(t('formula.accessibleName'));
    this.formulaBar.setPlaceholderText(t('formula.placeholder'));
    bar.addWidget(this.formulaBar, 1);
    for (const [format, button] of Object.entries(this.exportButtons) as Array<[ExportFormat, QPushButton]>) {
      button.setText(t('export.label', { format: format.toUpperCase() }));
      button.setAccessibleName(t('export.accessibleName', { format: format.toUpperCase() }));
      button.addEventListener('clicked', () => void sheet.export(format).then((m) => this.status.setText(m)));
      bar.addWidget(button);
    }

    const ask = new QBoxLayout(Direction.LeftToRight);
    layout.addLayout(ask);
    this.askEdit.setAccessibleName(t('ask.accessibleName'));
    this.askEdit.setPlaceholderText(t('ask.placeholder'));
    ask.addWidget(this.askEdit, 1);
    this.askButton.setText(t('ask.button'));
    this.askButton.setAccessibleName(t('ask.button'));
    ask.addWidget(this.askButton);
    this.fillButton.setText(t('fill.label'));
    this.fillButton.setAccessibleName(t('fill.accessibleName'));
    ask.addWidget(this.fillButton);
    this.chartEdit.setAccessibleName(t('chart.accessibleName'));
    this.chartEdit.setPlaceholderText(t('chart.placeholder'));
    ask.addWidget(this.chartEdit, 1);
    this.chartButton.setText(t('chart.button'));
    this.chartButton.setAccessibleName(t('chart.button'));
    ask.addWidget(this.chartButton);

    const body = new QBoxLayout(Direction.LeftToRight);
    layout.addLayout(body, 1);
    this.grid = new QTableWidget(sheet.rows, sheet.cols);
    this.grid.setAccessibleName(t('grid.accessibleName'));
    this.grid.setHorizontalHeaderLabels(Array.from({ length: sheet.cols }, (_, c) => sheet.columnName(c)));
    body.addWidget(this.grid, 3);
    this.chartView.setAccessibleName(t('chart.view'));
    this.chartView.setMinimumSize(360, 240);
    body.addWidget(this.chartView, 2);

    this.status.setAccessibleName(t('status.accessibleName'));
    this.status.setText(options.readyMessage);
    layout.addWidget(this.status);
    this.window.setCentralWidget(root);

    for (let r = 0; r < sheet.rows; r++) {
      const row: QTableWidgetItem[] = [];
      for (let c = 0; c < sheet.cols; c++) {
        const item = new QTableWidgetItem('');
        this.grid.setItem(r, c, item);
        row.push(item);
      }
      this.items.push(row);
    }
    this.refresh();
    this.grid.addEventListener('currentCellChanged', (r, c) => this.select(r, c));
    this.grid.addEventListener('cellChanged', (r, c) => {
      if (this.updating) return;
      sheet.set(r, c, this.items[r]?.[c]?.text() ?? '');
      this.refresh();
      this.changed();
    });
    this.formulaBar.addEventListener('returnPressed', () => this.commitFormula());
    this.askButton.addEventListener('clicked', () => void this.ask());
    this.askEdit.addEventListener('returnPressed', () => void this.ask());
    this.chartButton.addEventListener('clicked', () => this.drawChart());
    this.fillButton.addEventListener('clicked', () => this.fill());
    this.keepButton.addEventListener('clicked', () => this.recoveredBanner.hide());
    this.discardButton.addEventListener('clicked', () => void this.discardRecovered());
    this.window.addEventListener(WidgetEventTypes.Close, () => this.onClose());
    this.buildMenus(this.options.document !== undefined);
    this.updateTitle();
    this.select(0, 0);
  }

  /** A new, untouched workbook: Open may use its window. */
  get pristine(): boolean {
    return !this.modified && this.path === undefined && !this.history.canUndo;
  }

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

  /** After every edit: a step of the history, the title, an autosave soon. */
  private changed(): void {
    const doc = this.options.document;
    if (!doc) return;
    this.history.record(JSON.stringify(doc.snapshot()));
    this.markModified();
  }

  private markModified(): void {
    if (!this.modified) {
      this.modified = true;
      this.updateTitle();
    }
    this.scheduleAutosave();
  }

  private showHistory(state: string | undefined): void {
    const doc = this.options.document;
    if (state === undefined || !doc) return;
    doc.restore(JSON.parse(state) as Workbook);
    this.refresh();
    this.markModified();
  }

  protected autosaveContent(): CalculateAutosave | undefined {
    const { document } = this.options;
    return document ? { workbook: document.snapshot(), name: this.name } : undefined;
  }

  /** Takes back work a killed Calculate left (its workbook is already in this window's engine). */
  recovered(entry: AutosaveEntry<CalculateAutosave>): void {
    const { files, t, document } = this.options;
    if (!files) return;
    this.dropAutosave();
    this.autosaveId = files.autosave.adopt(entry);
    this.path = entry.file;
    this.history.reset(JSON.stringify(document?.snapshot() ?? null));
    this.modified = true;
    this.recoveredLabel.setText(t('recover.banner', { name: entry.content.name || this.name }));
    this.recoveredBanner.show();
    this.updateTitle();
  }

  /** The banner's Discard: the recovered work goes; the saved file, if any, opens in its place. */
  async discardRecovered(): Promise<void> {
    this.dropAutosave();
    this.modified = false;
    this.recoveredBanner.hide();
    const file = this.path;
    this.closing = true;
    this.window.close();
    if (file) await this.options.app?.open(file);
  }

  protected undoRedo(step: 'undo' | 'redo'): void {
    this.showHistory(this.history[step]());
  }

  protected saveAsTitle(): string {
    return this.options.document?.engine.sheetNames[0] ?? this.options.sheet.display(0, 0);
  }

  protected async writeFile(file: string): Promise<OfficeSaveResult<WorkbookFormat> | undefined> {
    const { files, document } = this.options;
    if (!files || !document) return undefined;
    return files.save(file, document.engine);
  }

  protected finishClose(): void {
    this.flushAutosave();
    if (this.closing && this.options.app === undefined) return;
    this.closing = true;
    this.options.app?.closed(this);
  }

  /** Shows every cell's computed value. */
  refresh(): void {
    const { sheet } = this.options;
    this.updating = true;
    for (let r = 0; r < sheet.rows; r++) {
      for (let c = 0; c < sheet.cols; c++) {
        const text = sheet.display(r, c);
        const item = this.items[r]?.[c];
        if (item && item.text() !== text) item.setText(text);
      }
    }
    this.updating = false;
    this.formulaBar.setText(sheet.input(this.row, this.col));
  }

  select(row: number, col: number): void {
    if (row < 0 || col < 0) return;
    this.row = row;
    this.col = col;
    this.cellLabel.setText(this.options.sheet.cellName(row, col));
    this.formulaBar.setText(this.options.sheet.input(row, col));
  }

  /** Enters what the formula bar holds into the current cell (Return in the formula bar). */
  commitFormula(): void {
    this.options.sheet.set(this.row, this.col, this.formulaBar.text());
    this.refresh();
    this.changed();
  }

  async ask(): Promise<void> {
    const formula = await this.options.sheet.formulaFor(this.askEdit.text());
    if (!formula) {
      this.status.setText(this.options.t('ask.notUnderstood'));
      return;
    }
    this.options.sheet.set(this.row, this.col, formula);
    this.refresh();
    this.changed();
  }

  /** Fills down from the filled cells above the current one in this column. */
  fill(): void {
    const { sheet } = this.options;
    let from = this.row;
    while (from > 0 && sheet.input(from - 1, this.col) !== '') from--;
    let to = this.row;
    while (to + 1 < sheet.rows && sheet.input(to + 1, this.col) !== '') to++;
    sheet.fill(this.col, from, to, 5);
    this.refresh();
    this.changed();
  }

  drawChart(): void {
    const r = this.options.sheet.chart(this.chartEdit.text());
    if ('svgFile' in r) this.chartView.load(r.svgFile);
    else this.status.setText(r.message);
  }

  show(): void {
    this.window.show();
    this.grid.setFocus();
  }
}
