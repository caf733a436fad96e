/**
 * Calculate's dialogs in the person's language: Qt's own file dialog (not the
 * desktop's, so every label we set is Khmer under a Khmer locale) for Open
 * and Save As, and the question before closing a changed workbook.
 */
import {
  AcceptMode,
  ButtonRole,
  DialogLabel,
  FileMode,
  Option,
  QFileDialog,
  QMessageBox,
  QPushButton,
  type QMainWindow,
} from '@nodegui/nodegui';
import type { Translator } from '@koompi/core';
import type { CalculateDialogs } from './calculate-window.js';

function labels(dialog: QFileDialog, t: Translator, accept: string): void {
  dialog.setOption(Option.DontUseNativeDialog, true);
  dialog.setLabelText(DialogLabel.LookIn, t('dialog.lookIn'));
  dialog.setLabelText(DialogLabel.FileName, t('dialog.fileName'));
  dialog.setLabelText(DialogLabel.FileType, t('dialog.fileType'));
  dialog.setLabelText(DialogLabel.Accept, accept);
  dialog.setLabelText(DialogLabel.Reject, t('dialog.cancel'));
}

export function qtCalculateDialogs(t: Translator): CalculateDialogs {
  return {
    askOpen(parent, folder) {
      const dialog = new QFileDialog(
        parent,
        t('dialog.open'),
        folder,
        [
          t('filter.documents', { patterns: '*.xlsx *.ods *.csv' }),
          t('filter.xlsx'),
          t('filter.ods'),
          t('filter.csv'),
        ].join(';;'),
      );
      dialog.setAcceptMode(AcceptMode.AcceptOpen);
      dialog.setFileMode(FileMode.ExistingFile);
      labels(dialog, t, t('dialog.openButton'));
      return dialog.exec() ? dialog.selectedFiles()[0] : undefined;
    },
    askSaveAs(parent: QMainWindow, suggested: string) {
      const dialog = new QFileDialog(
        parent,
        t('dialog.saveAs'),
        suggested,
        [t('filter.xlsx'), t('filter.csv')].join(';;'),
      );
      dialog.setAcceptMode(AcceptMode.AcceptSave);
      dialog.setDefaultSuffix('xlsx');
      labels(dialog, t, t('dialog.saveButton'));
      return dialog.exec() ? dialog.selectedFiles()[0] : undefined;
    },
    askSaveChanges(parent, name) {
      const box = new QMessageBox(parent);
      box.setWindowTitle(t('window.title'));
      box.setText(t('close.question', { name }));
      box.setInformativeText(t('close.detail'));
      let answer: 'save' | 'discard' | 'cancel' = 'cancel';
      const button = (key: string, role: ButtonRole, value: typeof answer) => {
        const b = new QPushButton();
        b.setText(t(key));
        b.addEventListener('clicked', () => (answer = value));
        box.addButton(b, role);
        return b;
      };
      const save = button('close.save', ButtonRole.AcceptRole, 'save');
      button('close.discard', ButtonRole.DestructiveRole, 'discard');
      button('close.cancel', ButtonRole.RejectRole, 'cancel');
      box.setDefaultButton(save);
      box.exec();
      return answer;
    },
    askChangedOnDisk(parent, name) {
      const box = new QMessageBox(parent);
      box.setWindowTitle(t('window.title'));
      box.setText(t('changed.question', { name }));
      box.setInformativeText(t('changed.detail'));
      let answer: 'overwrite' | 'saveAs' | 'cancel' = 'cancel';
      const button = (key: string, role: ButtonRole, value: typeof answer) => {
        const b = new QPushButton();
        b.setText(t(key));
        b.addEventListener('clicked', () => (answer = value));
        box.addButton(b, role);
        return b;
      };
      const saveAs = button('changed.saveAs', ButtonRole.AcceptRole, 'saveAs');
      button('changed.overwrite', ButtonRole.DestructiveRole, 'overwrite');
      button('close.cancel', ButtonRole.RejectRole, 'cancel');
      box.setDefaultButton(saveAs);
      box.exec();
      return answer;
    },
  };
}
