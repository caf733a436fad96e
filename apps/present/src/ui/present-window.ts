/**
 * The KOOMPI Present window: the slide list, an editor for the selected slide
 * (title and one point per line), a preview in the theme's colours, themes,
 * slides from a description, and export. The only NodeGui importer of Present.
 */
import path from 'node:path';
import { OfficeWindow, type OfficeDialogs, type OfficeSaveResult } from '@koompi/qt/office-ui';
import {
  Direction,
  QBoxLayout,
  QComboBox,
  QFont,
  QLabel,
  QLineEdit,
  QListWidget,
  QListWidgetItem,
  QMainWindow,
  QPlainTextEdit,
  QPushButton,
  QWidget,
  WidgetEventTypes,
} from '@nodegui/nodegui';
import {
  UndoHistory,
  fileStamp,
  type AutosaveEntry,
  type Deck,
  type DeckFormat,
  type Slide,
  type Theme,
  type ThemeId,
  type Translator,
} from '@koompi/core';
import type { PresentAutosave, PresentFiles } from '../files.js';

export const KHMER_FONT = 'Noto Sans Khmer';
export type ExportFormat = 'pptx' | 'pdf' | 'html';

export interface PresentWindowOptions {
  readonly t: Translator;
  readonly deck: Deck;
  readonly themes: Readonly<Record<ThemeId, Theme>>;
  /** Slides from a description (offline: a template outline). */
  slidesFrom(description: string): Promise<Deck>;
  exportDeck(deck: Deck, format: ExportFormat): Promise<string>;
  readonly readyMessage: string;
  /** Open, save, autosave and recent files; without them the window has no File menu. */
  readonly files?: PresentFiles;
  readonly dialogs?: PresentDialogs;
  readonly app?: PresentAppPort;
  readonly path?: string;
  readonly format?: DeckFormat;
  readonly autosaveDelayMs?: number;
  /** Unbroken changes are autosaved at least this often. Default AUTOSAVE_MAX_WAIT_MS. */
  readonly autosaveMaxWaitMs?: number;
}

export type PresentDialogs = OfficeDialogs;

export interface PresentAppPort {
  newWindow(): PresentWindow;
  open(file: string, from?: PresentWindow): Promise<PresentWindow | undefined>;
  quit(): Promise<void>;
  closed(win: PresentWindow): void;
  recentChanged(): void;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

export class PresentWindow extends OfficeWindow<DeckFormat, PresentAutosave> {
  readonly window = new QMainWindow();
  readonly slideList = new QListWidget();
  readonly titleEdit = new QLineEdit();
  readonly bulletsEdit = new QPlainTextEdit();
  readonly preview = new QLabel();
  readonly themeBox = new QComboBox();
  readonly addButton = new QPushButton();
  readonly outlineEdit = new QLineEdit();
  readonly outlineButton = new QPushButton();
  readonly exportButtons: Record<ExportFormat, QPushButton> = {
    pptx: new QPushButton(),
    pdf: new QPushButton(),
    html: new QPushButton(),
  };
  readonly status = new QLabel();
  readonly recoveredBanner = new QWidget();
  readonly recoveredLabel = new QLabel();
  readonly keepButton = new QPushButton();
  readonly discardButton = new QPushButton();
  /** Edit ▸ Undo/Redo: the whole deck, a step per pause in typing. */
  readonly history: UndoHistory<string>;
  private historyTimer: ReturnType<typeof setTimeout> | undefined;
  private slides: Slide[];
  private theme: ThemeId;
  private current = 0;
  private loading = false;

  constructor(readonly options: PresentWindowOptions) {
    super();
    const { t } = options;
    this.slides = [...options.deck.slides];
    this.theme = options.deck.theme;
    this.path = options.path;
    this.format = options.format;
    this.stamp = options.path ? fileStamp(options.path) : undefined;
    this.autosaveId = options.files?.autosave.newId();
    this.history = new UndoHistory(JSON.stringify(options.deck));
    this.window.setObjectName('org.koompi.Present');
    this.window.resize(980, 620);
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

    const top = new QBoxLayout(Direction.LeftToRight);
    layout.addLayout(top);
    this.outlineEdit.setPlaceholderText(t('outline.placeholder'));
    this.outlineEdit.setAccessibleName(t('outline.accessibleName'));
    top.addWidget(this.outlineEdit, 1);
    this.outlineButton.setText(t('outline.make'));
    this.outlineButton.setAccessibleName(t('outline.make'));
    top.addWidget(this.outlineButton);
    this.themeBox.setAccessibleName(t('theme.accessibleName'));
    for (const id of Object.keys(options.themes)) this.themeBox.addItem(undefined, t(`theme.${id}`));
    this.themeBox.setCurrentIndex(Object.keys(options.themes).indexOf(this.theme));
    top.addWidget(this.themeBox);
    for (const [format, button] of Object.entries(this.exportButtons) as Array<[ExportFormat, QPushButton]>) {
      button.setText(t('export.label', { format: format.toUpperCase() }));
      button.setAccessibleName(t('export.accessibleName', { format: format.toUpperCase() }));
      button.addEventListener('clicked', () => void this.export(format));
      top.addWidget(button);
    }

    const body = new QBoxLayout(Direction.LeftToRight);
    layout.addLayout(body, 1);
    const left = new QBoxLayout(Direction.TopToBottom);
    body.addLayout(left);
    this.slideList.setAccessibleName(t('slides.accessibleName'));
    this.slideList.setFixedWidth(220);
    left.addWidget(this.slideList, 1);
    this.addButton.setText(t('add.label'));
    this.addButton.setAccessibleName(t('add.accessibleName'));
    left.addWidget(this.addButton);

    const right = new QBoxLayout(Direction.TopToBottom);
    body.addLayout(right, 1);
    this.titleEdit.setAccessibleName(t('slideTitle.accessibleName'));
    this.titleEdit.setPlaceholderText(t('slideTitle.placeholder'));
    right.addWidget(this.titleEdit);
    this.bulletsEdit.setAccessibleName(t('bullets.accessibleName'));
    this.bulletsEdit.setPlaceholderText(t('bullets.placeholder'));
    this.bulletsEdit.setFixedHeight(110);
    right.addWidget(this.bulletsEdit);
    this.preview.setAccessibleName(t('preview.accessibleName'));
    this.preview.setWordWrap(true);
    this.preview.setMinimumSize(560, 315);
    right.addWidget(this.preview, 1);

    this.status.setAccessibleName(t('status.accessibleName'));
    this.status.setText(options.readyMessage);
    layout.addWidget(this.status);
    this.window.setCentralWidget(root);

    this.slideList.addEventListener('currentRowChanged', (row) => this.select(row));
    this.titleEdit.addEventListener('textChanged', () => this.edit());
    this.bulletsEdit.addEventListener('textChanged', () => this.edit());
    this.themeBox.addEventListener('currentIndexChanged', (i) => {
      if (this.loading) return;
      this.theme = (Object.keys(options.themes)[i] as ThemeId | undefined) ?? this.theme;
      this.render();
      this.changed(true);
    });
    this.addButton.addEventListener('clicked', () => {
      this.slides.push({ layout: 'bullets', title: '', bullets: [] });
      this.refreshList();
      this.slideList.setCurrentRow(this.slides.length - 1);
      this.changed(true);
    });
    this.outlineButton.addEventListener('clicked', () => void this.fromDescription());
    this.keepButton.addEventListener('clicked', () => this.recoveredBanner.hide());
    this.discardButton.addEventListener('clicked', () => void this.discardRecovered());
    this.window.addEventListener(WidgetEventTypes.Close, () => this.onClose());
    this.buildMenus();
    this.updateTitle();
    this.refreshList();
    this.slideList.setCurrentRow(Math.min(1, this.slides.length - 1));
  }

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

  /** After an edit: the title, an autosave soon, and an undo step (at once for whole-deck edits, after a pause in typing). */
  private changed(step = false): void {
    if (this.historyTimer) clearTimeout(this.historyTimer);
    if (step) this.recordHistory();
    else this.historyTimer = setTimeout(() => this.recordHistory(), 400);
    this.markModified();
  }

  private recordHistory(): void {
    if (this.historyTimer) clearTimeout(this.historyTimer);
    this.historyTimer = undefined;
    this.history.record(JSON.stringify(this.deck));
  }

  private markModified(): void {
    if (!this.modified) {
      this.modified = true;
      this.updateTitle();
    }
    this.scheduleAutosave();
  }

  /** Shows a whole deck (undo, redo, recovered work). */
  private showDeck(state: string | undefined): void {
    if (state === undefined) return;
    this.setDeck(JSON.parse(state) as Deck);
    this.markModified();
  }

  private setDeck(deck: Deck): void {
    this.slides = [...deck.slides];
    this.theme = deck.theme;
    this.loading = true;
    this.themeBox.setCurrentIndex(Object.keys(this.options.themes).indexOf(this.theme));
    this.loading = false;
    const at = Math.min(this.current, this.slides.length - 1);
    this.refreshList();
    this.slideList.setCurrentRow(Math.max(0, at));
    this.select(Math.max(0, at));
  }

  protected autosaveContent(): PresentAutosave | undefined {
    return { deck: this.deck, name: this.name };
  }

  recover(entry: AutosaveEntry<PresentAutosave>): void {
    const { files, t } = this.options;
    if (!files) return;
    this.setDeck(entry.content.deck);
    this.dropAutosave();
    this.autosaveId = files.autosave.adopt(entry);
    this.path = entry.file;
    this.history.reset(JSON.stringify(this.deck));
    this.modified = true;
    this.recoveredLabel.setText(t('recover.banner', { name: entry.content.name || this.name }));
    this.recoveredBanner.show();
    this.updateTitle();
  }

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
    this.recordHistory();
    this.showDeck(this.history[step]());
  }

  protected saveAsTitle(): string {
    return this.deck.title;
  }

  protected async writeFile(file: string): Promise<OfficeSaveResult<DeckFormat> | undefined> {
    if (!this.options.files) return undefined;
    this.recordHistory();
    return this.options.files.save(file, this.deck);
  }

  protected finishClose(): void {
    this.flushAutosave();
    if (this.historyTimer) clearTimeout(this.historyTimer);
    this.historyTimer = undefined;
    this.closing = true;
    this.options.app?.closed(this);
  }

  get deck(): Deck {
    return { title: this.slides[0]?.title ?? '', theme: this.theme, slides: this.slides };
  }

  private refreshList(): void {
    this.slideList.clear();
    this.slides.forEach((s, i) => this.slideList.addItem(new QListWidgetItem(`${i + 1}. ${s.title}`)));
  }

  select(row: number): void {
    const slide = this.slides[row];
    if (!slide) return;
    this.current = row;
    this.loading = true;
    this.titleEdit.setText(slide.title);
    this.bulletsEdit.setPlainText(
      slide.layout === 'title'
        ? (slide.subtitle ?? '')
        : slide.bullets.map((b) => b.map((r) => r.text).join('')).join('\n'),
    );
    this.loading = false;
    this.render();
  }

  private edit(): void {
    if (this.loading) return;
    const slide = this.slides[this.current];
    if (!slide) return;
    const lines = this.bulletsEdit
      .toPlainText()
      .split('\n')
      .filter((l) => l.trim());
    this.slides[this.current] =
      slide.layout === 'title'
        ? { ...slide, title: this.titleEdit.text(), subtitle: lines.join(' ') }
        : { ...slide, title: this.titleEdit.text(), bullets: lines.map((text) => [{ text }]) };
    this.slideList.item(this.current).setText(`${this.current + 1}. ${this.titleEdit.text()}`);
    this.render();
    this.changed();
  }

  /** The preview: the slide in the theme's colours, as Qt rich text (Qt shapes the Khmer). */
  render(): void {
    const slide = this.slides[this.current];
    const theme = this.options.themes[this.theme];
    if (!slide) return;
    // a style sheet resets the inherited font: name the exports' Khmer font, or Qt falls back to another
    const font = `font-family: '${KHMER_FONT}';`;
    if (slide.layout === 'title') {
      this.preview.setStyleSheet(
        `${font} background: ${theme.titleBackground}; color: ${theme.titleSlideText}; padding: 24px;`,
      );
      this.preview.setText(
        `<div align="center"><p style="font-size:30pt; font-weight:700">${esc(slide.title)}</p><p style="font-size:18pt; color:${theme.accent}">${esc(slide.subtitle ?? '')}</p></div>`,
      );
    } else {
      this.preview.setStyleSheet(`${font} background: ${theme.background}; color: ${theme.textColor}; padding: 24px;`);
      this.preview.setText(
        `<p style="font-size:24pt; font-weight:700; color:${theme.titleColor}">${esc(slide.title)}</p><ul style="font-size:16pt">${slide.bullets.map((b) => `<li>${esc(b.map((r) => r.text).join(''))}</li>`).join('')}</ul>`,
      );
    }
  }

  async fromDescription(): Promise<void> {
    const text = this.outlineEdit.text().trim();
    if (!text) return;
    const deck = await this.options.slidesFrom(text);
    this.slides = [...deck.slides];
    this.refreshList();
    this.slideList.setCurrentRow(0);
    this.changed(true);
  }

  async export(format: ExportFormat): Promise<void> {
    this.status.setText(await this.options.exportDeck(this.deck, format));
  }

  show(): void {
    this.window.show();
  }
}
