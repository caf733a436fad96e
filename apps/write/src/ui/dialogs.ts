/**
 * Write's dialogs: the office dialogs shared with Present and Calculate
 * (@koompi/qt/office-ui), offering Write's file types.
 */
import { officeDialogs } from '@koompi/qt/office-ui';
import type { Translator } from '@koompi/core';
import type { WriteDialogs } from './write-window.js';

export function qtWriteDialogs(t: Translator): WriteDialogs {
  return officeDialogs(t, {
    openFilters: () => [
      t('filter.documents', { patterns: '*.odt *.docx *.md *.markdown *.txt' }),
      t('filter.odt'),
      t('filter.docx'),
      t('filter.md'),
      t('filter.txt'),
    ],
    saveFilters: () => [t('filter.odt'), t('filter.docx'), t('filter.txt')],
    defaultSuffix: 'odt',
  });
}
