// @koompi/qt/office-ui: the dialogs Write, Present and Calculate share, in the
// person's language. Qt's own file dialog (not the desktop's, so every label we
// set is Khmer under a Khmer locale) for Open and Save As, and the questions
// before closing a changed file or saving over one changed on disk; and the
// bookkeeping of an app's windows, one file each (OfficeApp).
import {
  AcceptMode,
  ButtonRole,
  DialogLabel,
  FileMode,
  Option,
  QFileDialog,
  QMessageBox,
  QApplication,
  QPushButton,
} from '@nodegui/nodegui';

function labels(dialog, t, accept) {
  dialog.setOption(Option.DontUseNativeDialog, true);
  dialog.setLabelText(DialogLabel.LookIn, t('dialog.lookIn'));
  dialog.setLabelText(DialogLabel.FileName, t('dialog.fileName'));
  dialog.setLabelText(DialogLabel.FileType, t('dialog.fileType'));
  dialog.setLabelText(DialogLabel.Accept, accept);
  dialog.setLabelText(DialogLabel.Reject, t('dialog.cancel'));
}

/**
 * A question with three buttons (accept, destructive, cancel; the first is the
 * default); the answer of the button pressed, 'cancel' when the box is closed.
 */
function ask(parent, t, text, detail, buttons) {
  const box = new QMessageBox(parent);
  box.setWindowTitle(t('window.title'));
  box.setText(text);
  box.setInformativeText(detail);
  let answer = 'cancel';
  const made = buttons.map(([key, role, value]) => {
    const b = new QPushButton();
    b.setText(t(key));
    b.addEventListener('clicked', () => (answer = value));
    box.addButton(b, role);
    return b;
  });
  box.setDefaultButton(made[0]);
  box.exec();
  return answer;
}

export function officeDialogs(t, files) {
  return {
    askOpen(parent, folder) {
      const dialog = new QFileDialog(parent, t('dialog.open'), folder, files.openFilters().join(';;'));
      dialog.setAcceptMode(AcceptMode.AcceptOpen);
      dialog.setFileMode(FileMode.ExistingFile);
      labels(dialog, t, t('dialog.openButton'));
      return dialog.exec() ? dialog.selectedFiles()[0] : undefined;
    },
    askSaveAs(parent, suggested) {
      const dialog = new QFileDialog(parent, t('dialog.saveAs'), suggested, files.saveFilters().join(';;'));
      dialog.setAcceptMode(AcceptMode.AcceptSave);
      dialog.setDefaultSuffix(files.defaultSuffix);
      labels(dialog, t, t('dialog.saveButton'));
      return dialog.exec() ? dialog.selectedFiles()[0] : undefined;
    },
    askSaveChanges(parent, name) {
      return ask(parent, t, t('close.question', { name }), t('close.detail'), [
        ['close.save', ButtonRole.AcceptRole, 'save'],
        ['close.discard', ButtonRole.DestructiveRole, 'discard'],
        ['close.cancel', ButtonRole.RejectRole, 'cancel'],
      ]);
    },
    askChangedOnDisk(parent, name) {
      return ask(parent, t, t('changed.question', { name }), t('changed.detail'), [
        ['changed.saveAs', ButtonRole.AcceptRole, 'saveAs'],
        ['changed.overwrite', ButtonRole.DestructiveRole, 'overwrite'],
        ['close.cancel', ButtonRole.RejectRole, 'cancel'],
      ]);
    },
  };
}

/**
 * The windows of one office app, one file each (as KDE apps do). Qt's own
 * quit-on-last-window is off, because a changed window may still come back
 * after its question; `lastWindowClosed` runs when the last one has closed
 * (by default the app quits).
 */
export class OfficeApp {
  windows = [];
  #quitting = false;
  #lastWindowClosed;

  constructor(
    lastWindowClosed = () => {
      QApplication.instance().quit();
      process.exit(0);
    },
  ) {
    this.#lastWindowClosed = lastWindowClosed;
    QApplication.instance().setQuitOnLastWindowClosed(false);
  }

  /** The window that has `abs` already, raised; undefined when none has. */
  raiseOpen(abs) {
    const already = this.windows.find((w) => w.path === abs);
    if (already) {
      already.window.raise();
      already.window.activateWindow();
    }
    return already;
  }

  closed(win) {
    const i = this.windows.indexOf(win);
    if (i >= 0) this.windows.splice(i, 1);
    if (this.windows.length === 0) setTimeout(() => this.windows.length === 0 && this.#lastWindowClosed(), 0);
  }

  recentChanged() {
    for (const w of this.windows) w.refreshRecent();
  }

  async quit() {
    if (this.#quitting) return;
    this.#quitting = true;
    try {
      for (const w of [...this.windows].reverse()) if (!(await w.requestClose())) return;
    } finally {
      this.#quitting = false;
    }
  }
}
