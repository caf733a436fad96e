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
  QAction,
  QApplication,
  QKeySequence,
  QMenu,
  QMenuBar,
  QPushButton,
} from '@nodegui/nodegui';
import path from 'node:path';

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

/**
 * What an office window does with its file: Save (in place when the format
 * keeps everything, else Save As; never over a file another program changed
 * without asking), Save As, and the close that asks about unsaved changes.
 * It also keeps the autosave: written a moment after the last change, and at
 * least every AUTOSAVE_MAX_WAIT_MS while the changes go on.
 * The app's window class extends it and gives the content to write
 * (`writeFile`), what its autosave holds (`autosaveContent`), the name Save As
 * starts from (`saveAsTitle`), and its own `finishClose` and `updateTitle`.
 */
/** The File and Edit menus' commands, in their order. */
export const COMMANDS = ['new', 'open', 'save', 'saveAs', 'close', 'quit', 'undo', 'redo'];
const SHORTCUTS = {
  new: 'Ctrl+N',
  open: 'Ctrl+O',
  save: 'Ctrl+S',
  saveAs: 'Ctrl+Shift+S',
  close: 'Ctrl+W',
  quit: 'Ctrl+Q',
  undo: 'Ctrl+Z',
  redo: 'Ctrl+Shift+Z',
};

/** Unbroken changes are autosaved at least this often (the autosave waits for a pause otherwise). */
export const AUTOSAVE_MAX_WAIT_MS = 10_000;
/** How long after the last change the autosave is written, unless the window's options say otherwise. */
const AUTOSAVE_DELAY_MS = 1500;

export class OfficeWindow {
  menuBar = new QMenuBar();
  fileMenu = new QMenu();
  editMenu = new QMenu();
  recentMenu = new QMenu();
  actions = {};
  recentActions = [];
  /** The file, absolute; undefined for a new one. */
  path = undefined;
  format = undefined;
  modified = false;
  /** The file as it was when opened or saved here (files.stamp). */
  stamp = undefined;
  closing = false;
  /** Settles when the person has decided about the close in progress: true when the window closed. */
  closeDecision = undefined;
  /** This window's autosave in files.autosave; the window sets it when it is made or adopts recovered work. */
  autosaveId = undefined;
  autosaveTimer = undefined;
  autosaveFailed = false;
  /** When the first change not yet autosaved was made. */
  unsavedSince = undefined;

  /** After a change: the autosave a moment after the last one, and at once when changes have gone on too long. */
  scheduleAutosave() {
    if (!this.options.files || this.closing) return;
    const now = Date.now();
    this.unsavedSince ??= now;
    if (now - this.unsavedSince >= (this.options.autosaveMaxWaitMs ?? AUTOSAVE_MAX_WAIT_MS)) {
      this.autosaveNow();
      return;
    }
    if (this.autosaveTimer) clearTimeout(this.autosaveTimer);
    this.autosaveTimer = setTimeout(() => this.autosaveNow(), this.options.autosaveDelayMs ?? AUTOSAVE_DELAY_MS);
  }

  /** Writes the autosave now (the timer calls this); false when it could not be written. */
  autosaveNow() {
    const { files, t } = this.options;
    this.stopAutosaveTimer();
    this.unsavedSince = undefined;
    const content = files && this.autosaveId && this.modified ? this.autosaveContent() : undefined;
    if (content === undefined) return false;
    try {
      files.autosave.write(this.autosaveId, { ...(this.path ? { file: this.path } : {}), content });
      this.autosaveFailed = false;
      return true;
    } catch (error) {
      // said once, not at every keystroke; the work stays open
      if (!this.autosaveFailed)
        this.status.setText(t('status.autosaveFailed', { reason: error?.code ?? String(error) }));
      this.autosaveFailed = true;
      return false;
    }
  }

  /** The work is saved or thrown away: its autosave goes. */
  dropAutosave() {
    this.stopAutosaveTimer();
    if (this.autosaveId) this.options.files?.autosave.remove(this.autosaveId);
  }

  /** Before the window goes: an autosave still waiting is written now. */
  flushAutosave() {
    if (this.autosaveTimer && this.modified) this.autosaveNow();
    this.stopAutosaveTimer();
  }

  stopAutosaveTimer() {
    if (this.autosaveTimer) clearTimeout(this.autosaveTimer);
    this.autosaveTimer = undefined;
  }

  /** The File menu (when the window has files) and, with `withEdit`, the Edit menu. */
  buildMenus(withEdit = true) {
    const { t, files } = this.options;
    for (const id of COMMANDS) {
      const action = new QAction();
      action.setText(t(`action.${id}`));
      action.setShortcut(new QKeySequence(SHORTCUTS[id]));
      action.addEventListener('triggered', () => void this.command(id));
      this.actions[id] = action;
    }
    this.fileMenu.setTitle(t('menu.file'));
    this.editMenu.setTitle(t('menu.edit'));
    this.recentMenu.setTitle(t('action.openRecent'));
    if (files) {
      this.fileMenu.addAction(this.actions.new);
      this.fileMenu.addAction(this.actions.open);
      this.fileMenu.addAction(this.recentMenu.menuAction());
      this.fileMenu.addSeparator();
      this.fileMenu.addAction(this.actions.save);
      this.fileMenu.addAction(this.actions.saveAs);
      this.fileMenu.addSeparator();
      this.fileMenu.addAction(this.actions.close);
      this.fileMenu.addAction(this.actions.quit);
      this.menuBar.addMenu(this.fileMenu);
      this.refreshRecent();
    }
    if (withEdit) {
      this.editMenu.addAction(this.actions.undo);
      this.editMenu.addAction(this.actions.redo);
      this.menuBar.addMenu(this.editMenu);
    }
    this.window.setMenuBar(this.menuBar);
  }

  /** Rebuilds File ▸ Open Recent from the recent list. */
  refreshRecent() {
    const { t, files } = this.options;
    if (!files) return;
    this.recentMenu.clear();
    this.recentActions = files.recent.list().map((file, i) => {
      const action = new QAction();
      action.setText(`${i + 1 < 10 ? `&${i + 1} ` : ''}${path.basename(file)}  (${path.dirname(file)})`);
      action.addEventListener('triggered', () => void this.openPath(file));
      this.recentMenu.addAction(action);
      return action;
    });
    if (!this.recentActions.length) {
      const empty = new QAction();
      empty.setText(t('recent.empty'));
      empty.setEnabled(false);
      this.recentMenu.addAction(empty);
    }
  }

  /** What a menu item does (the menus and their shortcuts call this). */
  async command(id) {
    const { app, dialogs, files } = this.options;
    switch (id) {
      case 'new':
        await app?.newWindow();
        return;
      case 'open': {
        if (!files || !dialogs || (!app && !this.openAlone)) return;
        const file = dialogs.askOpen(this.window, this.path ? path.dirname(this.path) : files.folder);
        if (file) await this.openPath(file);
        return;
      }
      case 'save':
        await this.save();
        return;
      case 'saveAs':
        await this.saveAs();
        return;
      case 'close':
        await this.requestClose();
        return;
      case 'quit':
        await app?.quit();
        return;
      case 'undo':
      case 'redo':
        this.undoRedo(id);
        return;
    }
  }

  /** Opens `file` through the app (which may give it a window of its own), or in this window without one. */
  async openPath(file) {
    if (this.options.app) await this.options.app.open(file, this);
    else await this.openAlone?.(file);
  }

  async save() {
    const { files } = this.options;
    if (!files) return false;
    if (!this.path || !files.keepsEverything(this.format)) return this.saveAs();
    const now = files.stamp(this.path);
    if (this.stamp !== undefined && now !== undefined && now !== this.stamp) {
      // another program changed the file since: never overwrite it without asking
      const answer = this.options.dialogs?.askChangedOnDisk(this.window, this.name) ?? 'saveAs';
      if (answer === 'cancel') return false;
      if (answer === 'saveAs') return this.saveAs();
    }
    return this.saveTo(this.path);
  }

  async saveAs(file) {
    const { files, dialogs } = this.options;
    if (!files) return false;
    const target = file ?? dialogs?.askSaveAs(this.window, files.saveAsName(this.path, this.saveAsTitle()));
    if (!target) return false;
    return this.saveTo(target);
  }

  async saveTo(file) {
    const r = await this.writeFile(file);
    if (!r) return false;
    if (!r.ok) {
      // the file stays open and changed; its autosave stays too
      this.status.setText(r.message);
      return false;
    }
    this.path = r.path;
    this.format = r.format;
    this.stamp = this.options.files?.stamp(r.path);
    this.modified = false;
    this.dropAutosave();
    this.recoveredBanner.hide();
    this.updateTitle();
    this.status.setText(r.message);
    this.options.app?.recentChanged();
    return true;
  }

  onClose() {
    if (this.closing || !this.modified || !this.options.dialogs) {
      if (!this.modified) this.dropAutosave();
      this.finishClose();
      return;
    }
    // NodeGui cannot refuse a close (QWidget::closeEvent accepts it after our listener): the
    // window is hidden now; ask, and show it again on Cancel. The autosave stays until then.
    this.closeDecision = new Promise((resolve) => setTimeout(() => void this.askAfterClose().then(resolve), 0));
  }

  async askAfterClose() {
    const answer = this.options.dialogs?.askSaveChanges(this.window, this.name) ?? 'cancel';
    if (answer === 'discard') {
      this.dropAutosave();
      this.modified = false;
      this.finishClose();
      return true;
    }
    this.window.show();
    if (answer === 'cancel' || !(await this.save())) return false;
    this.closing = true;
    this.window.close();
    return true;
  }

  /** Closes the window, asking about unsaved changes; resolves to false when the person kept it open. */
  async requestClose() {
    this.closeDecision = undefined;
    this.window.close();
    return this.closeDecision ?? this.closing;
  }
}
