/**
 * Present's dialogs: the office dialogs shared with Write and Calculate
 * (@koompi/qt/office-ui), offering Present's file types.
 */
import { officeDialogs } from '@koompi/qt/office-ui';
import type { Translator } from '@koompi/core';
import type { PresentDialogs } from './present-window.js';

export function qtPresentDialogs(t: Translator): PresentDialogs {
  return officeDialogs(t, {
    openFilters: () => [
      t('filter.documents', { patterns: '*.pptx *.md *.markdown' }),
      t('filter.pptx'),
      t('filter.md'),
    ],
    saveFilters: () => [t('filter.pptx'), t('filter.md')],
    defaultSuffix: 'pptx',
  });
}
