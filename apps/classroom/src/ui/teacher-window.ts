/**
 * The teacher's window: the class code, the roster (online or not, what each
 * student is working in, locked or not, how much they handed in), the actions
 * (share, collect, lock, unlock, message) and the collect grid. Only this
 * folder imports NodeGui.
 */
import {
  AlignmentFlag,
  Direction,
  QBoxLayout,
  QFileDialog,
  QFont,
  QGridLayout,
  QLabel,
  QLineEdit,
  QMainWindow,
  QPushButton,
  QTableWidget,
  QTableWidgetItem,
  QWidget,
  FileMode,
} from '@nodegui/nodegui';
import type { Translator } from '@koompi/core';
import { plainLabel } from './plain-label.js';
import { saveScreenshot } from './screenshot.js';
import { appName, gridCell, rosterSummary, type TeacherModel } from '../model.js';

export const KHMER_FONT_FAMILIES = ['Noto Sans Khmer', 'Khmer OS', 'Khmer OS System'];

const STYLE = `
  #code { font-size: 28pt; font-weight: bold; color: #1d5fa8; padding: 4px 12px; }
  #codeHint { color: #5c6166; }
  #status { color: #5c6166; padding: 4px 10px; }
  #grid QLabel { border-radius: 6px; padding: 8px; }
  QLabel[submitted="true"] { background: #d8f3dc; }
  QLabel[submitted="false"] { background: #eff0f1; }
`;

export class TeacherWindow {
  readonly window = new QMainWindow();
  readonly code = plainLabel();
  readonly codeHint = plainLabel();
  readonly startButton = new QPushButton();
  readonly roster = new QTableWidget(0, 5);
  readonly summary = plainLabel();
  readonly shareButton = new QPushButton();
  readonly collectButton = new QPushButton();
  readonly lockButton = new QPushButton();
  readonly unlockButton = new QPushButton();
  readonly messageInput = new QLineEdit();
  readonly messageButton = new QPushButton();
  readonly grid = new QWidget();
  readonly gridLayout = new QGridLayout();
  readonly status = plainLabel();
  private gridCells: QLabel[] = [];

  constructor(
    private readonly t: Translator,
    private readonly model: TeacherModel,
  ) {
    this.window.setObjectName('org.koompi.Classroom');
    this.window.setWindowTitle(t('window.teacherTitle'));
    this.window.resize(860, 640);
    this.window.setFont(new QFont(KHMER_FONT_FAMILIES[0] ?? 'Sans', 11));
    const root = new QWidget();
    const layout = new QBoxLayout(Direction.TopToBottom);
    root.setLayout(layout);

    const header = new QWidget();
    const headerRow = new QBoxLayout(Direction.LeftToRight);
    header.setLayout(headerRow);
    this.code.setObjectName('code');
    this.code.setAccessibleName(t('class.codeAccessibleName'));
    this.codeHint.setObjectName('codeHint');
    this.codeHint.setWordWrap(true);
    this.startButton.setObjectName('start');
    headerRow.addWidget(this.code);
    headerRow.addWidget(this.codeHint, 1);
    headerRow.addWidget(this.startButton);
    layout.addWidget(header);

    this.summary.setObjectName('summary');
    layout.addWidget(this.summary);
    this.roster.setObjectName('roster');
    this.roster.setAccessibleName(t('roster.accessibleName'));
    this.roster.setHorizontalHeaderLabels([
      t('roster.name'),
      t('roster.status'),
      t('roster.activity'),
      t('roster.screen'),
      t('roster.submitted'),
    ]);
    this.roster.setColumnWidth(0, 200);
    this.roster.setColumnWidth(2, 200);
    layout.addWidget(this.roster, 1);

    const actions = new QWidget();
    const row = new QBoxLayout(Direction.LeftToRight);
    actions.setLayout(row);
    const buttons: Array<[QPushButton, string, string]> = [
      [this.shareButton, 'share', 'actions.share'],
      [this.collectButton, 'collect', 'actions.collect'],
      [this.lockButton, 'lock', 'actions.lock'],
      [this.unlockButton, 'unlock', 'actions.unlock'],
    ];
    for (const [button, name, key] of buttons) {
      button.setObjectName(name);
      button.setText(t(key));
      button.setAccessibleName(t(key));
      row.addWidget(button);
    }
    this.messageInput.setObjectName('message');
    this.messageInput.setPlaceholderText(t('message.placeholder'));
    this.messageInput.setAccessibleName(t('message.accessibleName'));
    row.addWidget(this.messageInput, 1);
    this.messageButton.setObjectName('send');
    this.messageButton.setText(t('message.send'));
    this.messageButton.setAccessibleName(t('message.sendAccessibleName'));
    row.addWidget(this.messageButton);
    layout.addWidget(actions);

    const gridTitle = plainLabel();
    gridTitle.setText(t('grid.title'));
    layout.addWidget(gridTitle);
    this.grid.setObjectName('grid');
    this.grid.setAccessibleName(t('grid.accessibleName'));
    this.grid.setLayout(this.gridLayout);
    layout.addWidget(this.grid);

    this.status.setObjectName('status');
    this.status.setAccessibleName(t('status.accessibleName'));
    this.status.setWordWrap(true);
    layout.addWidget(this.status);

    this.window.setCentralWidget(root);
    this.window.setStyleSheet(STYLE);

    const run = (action: () => Promise<void>): void => {
      action().catch((error: unknown) => this.status.setText(t('status.failed', { reason: String(error) })));
    };
    this.startButton.addEventListener('clicked', () =>
      run(() => (this.model.view().code ? this.model.stopJoining() : this.model.startClass())),
    );
    this.collectButton.addEventListener('clicked', () => run(() => this.model.collect()));
    this.lockButton.addEventListener('clicked', () => run(() => this.model.lock()));
    this.unlockButton.addEventListener('clicked', () => run(() => this.model.unlock()));
    const send = (): void => {
      const text = this.messageInput.text().trim();
      if (!text) return;
      this.messageInput.clear();
      run(() => this.model.message(text));
    };
    this.messageButton.addEventListener('clicked', send);
    this.messageInput.addEventListener('returnPressed', send);
    this.shareButton.addEventListener('clicked', () => {
      const dialog = new QFileDialog(this.window, t('actions.share'));
      dialog.setFileMode(FileMode.ExistingFile);
      if (dialog.exec() === 1) {
        const [file] = dialog.selectedFiles();
        if (file) run(() => this.model.share(file));
      }
    });
    model.onChange(() => this.render());
    this.render();
  }

  show(): void {
    this.window.show();
  }

  /** Draws the window into a PNG file (see screenshot.ts). */
  screenshot(file: string): boolean {
    return saveScreenshot(this.window, file);
  }

  render(): void {
    const { t } = this;
    const view = this.model.view();
    this.window.setWindowTitle(`${t('window.teacherTitle')} · ${view.className}`);
    if (view.code) {
      this.code.setText(view.code);
      this.codeHint.setText(t('class.codeHint', { className: view.className }));
      this.startButton.setText(t('class.stopJoining'));
    } else {
      this.code.setText('—');
      this.codeHint.setText(t('class.noCode'));
      this.startButton.setText(t('class.start'));
    }
    this.startButton.setAccessibleName(this.startButton.text());
    this.summary.setText(rosterSummary(t, view.roster));
    this.roster.setRowCount(view.roster.length);
    view.roster.forEach((r, i) => {
      const cells = [
        r.name,
        r.online ? t('roster.online') : t('roster.offline'),
        r.online ? appName(r.activity) : '',
        r.locked ? t('roster.locked') : t('roster.unlocked'),
        String(r.submitted),
      ];
      cells.forEach((text, col) => this.roster.setItem(i, col, new QTableWidgetItem(text)));
    });
    for (const cell of this.gridCells) {
      this.gridLayout.removeWidget(cell);
      cell.close();
    }
    this.gridCells = view.roster.map((r, i) => {
      const { text, submitted } = gridCell(t, r);
      const label = plainLabel();
      label.setText(text);
      label.setWordWrap(true);
      label.setAlignment(AlignmentFlag.AlignCenter);
      label.setProperty('submitted', submitted ? 'true' : 'false');
      label.setAccessibleName(text);
      this.gridLayout.addWidget(label, Math.floor(i / 4), i % 4);
      return label;
    });
    this.status.setText(view.status);
  }
}
