/**
 * The KOOMPI Write window: a style box, bold/italic/underline, a template box,
 * export buttons and the rich-text editor. The only NodeGui importer of Write.
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
} from '@nodegui/nodegui';
import type { OfficeDocument, TemplateId, Translator } from '@koompi/core';
import { STYLES, STYLE_FORMAT, type StyleId } from '../styles.js';

export const KHMER_FONT = 'Noto Sans Khmer';
export type ExportFormat = 'docx' | 'pdf' | 'odt';

export interface WriteWindowOptions {
  readonly t: Translator;
  readonly templates: readonly TemplateId[];
  /** HTML of a new document from a template. */
  templateHtml(template: TemplateId): string;
  /** Reads the editor's HTML into a document and exports it; resolves to a message for the status line. */
  exportHtml(html: string, format: ExportFormat): Promise<string>;
  readonly readyMessage: string;
}

export class WriteWindow {
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

  constructor(private readonly options: WriteWindowOptions) {
    const { t } = options;
    this.window.setObjectName('org.koompi.Write');
    this.window.setWindowTitle(t('window.title'));
    this.window.resize(860, 640);
    this.window.setFont(new QFont(KHMER_FONT, 11));
    const root = new QWidget();
    const layout = new QBoxLayout(Direction.TopToBottom);
    root.setLayout(layout);
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

    this.boldButton.addEventListener('toggled', (on) => this.editor.setFontWeight(on ? 700 : 400));
    this.italicButton.addEventListener('toggled', (on) => this.editor.setFontItalic(on));
    this.underlineButton.addEventListener('toggled', (on) => this.editor.setFontUnderline(on));
    this.templateBox.addEventListener('currentIndexChanged', (i) => this.useTemplate(i));
    this.styleBox.addEventListener('currentIndexChanged', (i) => this.applyStyle(STYLES[i] ?? 'paragraph'));
    this.useTemplate(0);
  }

  useTemplate(index: number): void {
    const tpl = this.options.templates[index];
    if (tpl) this.editor.setHtml(this.options.templateHtml(tpl));
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
