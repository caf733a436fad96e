/**
 * Calculate's dialogs: the office dialogs shared with Write and Present
 * (@koompi/qt/office-ui), offering Calculate's file types.
 */
import { officeDialogs } from '@koompi/qt/office-ui';
import type { Translator } from '@koompi/core';
import type { CalculateDialogs } from './calculate-window.js';

export function qtCalculateDialogs(t: Translator): CalculateDialogs {
  return officeDialogs(t, {
    openFilters: () => [
      t('filter.documents', { patterns: '*.xlsx *.ods *.csv' }),
      t('filter.xlsx'),
      t('filter.ods'),
      t('filter.csv'),
    ],
    saveFilters: () => [t('filter.xlsx'), t('filter.csv')],
    defaultSuffix: 'xlsx',
  });
}
