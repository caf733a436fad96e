/**
 * The student's widget: which class, what has arrived from the teacher, a
 * button to hand in work and the receipts for it, and the teacher's last
 * message. Joining takes the six-digit class code.
 */
import {
  Direction,
  FileMode,
  QBoxLayout,
  QFileDialog,
  QFont,
  QLineEdit,
  QListWidget,
  QListWidgetItem,
  QMainWindow,
  QPushButton,
  QWidget,
} from '@nodegui/nodegui';
import type { Translator } from '@koompi/core';
import { plainLabel } from './plain-label.js';
import { saveScreenshot } from './screenshot.js';
import { formatBytes, type StudentModel } from '../model.js';
import { KHMER_FONT_FAMILIES } from './teacher-window.js';

export class StudentWindow {
  readonly window = new QMainWindow();
  readonly heading = plainLabel();
  readonly codeInput = new QLineEdit();
  readonly joinButton = new QPushButton();
  readonly lessons = new QListWidget();
  readonly submitButton = new QPushButton();
  readonly receipts = new QListWidget();
  readonly message = plainLabel();
  readonly status = plainLabel();
  private readonly joinRow = new QWidget();

  constructor(
    private readonly t: Translator,
    private readonly model: StudentModel,
  ) {
    this.window.setObjectName('org.koompi.Classroom.Student');
    this.window.setWindowTitle(t('window.studentTitle'));
    this.window.resize(420, 560);
    this.window.setFont(new QFont(KHMER_FONT_FAMILIES[0] ?? 'Sans', 11));
    const root = new QWidget();
    const layout = new QBoxLayout(Direction.TopToBottom);
    root.setLayout(layout);

    this.heading.setObjectName('heading');
    this.heading.setWordWrap(true);
    layout.addWidget(this.heading);

    const row = new QBoxLayout(Direction.LeftToRight);
    this.joinRow.setLayout(row);
    this.codeInput.setObjectName('code');
    this.codeInput.setPlaceholderText(t('student.codePlaceholder'));
    this.codeInput.setAccessibleName(t('student.codeLabel'));
    row.addWidget(this.codeInput, 1);
    this.joinButton.setObjectName('join');
    this.joinButton.setText(t('student.join'));
    this.joinButton.setAccessibleName(t('student.join'));
    row.addWidget(this.joinButton);
    layout.addWidget(this.joinRow);

    this.message.setObjectName('teacherMessage');
    this.message.setWordWrap(true);
    this.message.setAccessibleName(t('student.messageAccessibleName'));
    layout.addWidget(this.message);

    const arrived = plainLabel();
    arrived.setText(t('student.arrived'));
    layout.addWidget(arrived);
    this.lessons.setObjectName('lessons');
    this.lessons.setAccessibleName(t('student.arrived'));
    layout.addWidget(this.lessons, 2);

    this.submitButton.setObjectName('submit');
    this.submitButton.setText(t('student.submit'));
    this.submitButton.setAccessibleName(t('student.submit'));
    layout.addWidget(this.submitButton);

    const receiptsTitle = plainLabel();
    receiptsTitle.setText(t('student.receipts'));
    layout.addWidget(receiptsTitle);
    this.receipts.setObjectName('receipts');
    this.receipts.setAccessibleName(t('student.receipts'));
    layout.addWidget(this.receipts, 1);

    this.status.setObjectName('status');
    this.status.setWordWrap(true);
    this.status.setAccessibleName(t('status.accessibleName'));
    layout.addWidget(this.status);
    this.window.setCentralWidget(root);

    const run = (action: () => Promise<void>): void => {
      action().catch((error: unknown) => this.status.setText(t('status.failed', { reason: String(error) })));
    };
    const join = (): void => run(() => this.model.join(this.codeInput.text()));
    this.joinButton.addEventListener('clicked', join);
    this.codeInput.addEventListener('returnPressed', join);
    this.submitButton.addEventListener('clicked', () => {
      const dialog = new QFileDialog(this.window, t('student.submit'));
      dialog.setFileMode(FileMode.ExistingFile);
      if (dialog.exec() === 1) {
        const [file] = dialog.selectedFiles();
        if (file) run(() => this.model.submit(file));
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
    const joined = view.className !== undefined;
    this.heading.setText(
      joined
        ? t('student.joined', { className: view.className ?? '', teacher: view.teacher ?? '' })
        : t('student.notJoined'),
    );
    this.joinRow.setVisible(!joined);
    this.submitButton.setEnabled(joined);
    this.message.setText(view.lastMessage ? t('student.messageFromTeacher', { text: view.lastMessage }) : '');
    this.message.setVisible(Boolean(view.lastMessage));
    this.lessons.clear();
    for (const l of view.lessons) {
      this.lessons.addItem(
        new QListWidgetItem(
          t('student.arrivedItem', {
            title: l.title,
            count: l.files,
            size: formatBytes(t, l.bytes),
            time: new Date(l.arrivedAt),
          }),
        ),
      );
    }
    this.receipts.clear();
    for (const r of view.receipts) {
      const key = r.matches ? 'student.receiptItem' : 'student.receiptMismatch';
      this.receipts.addItem(new QListWidgetItem(t(key, { path: r.path, time: new Date(r.receivedAt) })));
    }
    this.status.setText(view.status);
  }
}
