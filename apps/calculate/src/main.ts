/**
 * koompi-calculate: the composition root. core's `runApp` does the start-up
 * (arguments, the display check, `--screenshot`, the exit); this builds the
 * translators, the formula engine, the formula assistant, charts and the
 * exporters (compose.ts), then the window. Qt is loaded only once the
 * platform is decided.
 */
import { OFFICE_START_KEYS, exportFolder, loadTranslator, packageVersion, runApp } from '@koompi/core';
import { composeCalculate } from './compose.js';

const t = loadTranslator('calculate');
const office = loadTranslator('office');
const app = { bin: 'koompi-calculate', name: t('window.title'), version: packageVersion(import.meta.url) };

runApp({ ...app, t: office, keys: OFFICE_START_KEYS }, async () => {
  const composed = await composeCalculate({ t, office, folder: exportFolder() });
  process.on('exit', () => composed.close());
  const { CalculateWindow } = await import('./ui/calculate-window.js');
  const win = new CalculateWindow({ t, sheet: composed.sheet, readyMessage: composed.readyMessage });
  win.show();
  win.chartEdit.setText(composed.sampleChart);
  win.drawChart();
  return { screenshot: async (file) => (await import('./ui/screenshot.js')).saveScreenshot(win.window, file) };
});
