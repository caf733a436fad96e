/**
 * koompi-calculate: the composition root. core's `runApp` does the start-up
 * (arguments, the display check, `--screenshot`, the exit); this builds the
 * translators, the formula engine, the formula assistant, charts and the
 * exporters (compose.ts), then the window. Qt is loaded only once the
 * platform is decided.
 */
import { OFFICE_START_KEYS, exportFolder, loadTranslator, packageVersion, runApp } from '@koompi/core';

const t = loadTranslator('calculate');
const office = loadTranslator('office');
const app = { bin: 'koompi-calculate', name: t('window.title'), version: packageVersion(import.meta.url) };

// Files named on the command line (`koompi-calculate FILE…`, Dolphin's %F) open in their own windows.
runApp({ ...app, t: office, keys: OFFICE_START_KEYS, files: true }, async (args) => {
  const { startCalculate } = await import('./ui/calculate-app.js');
  const win = await startCalculate({ t, office, folder: exportFolder() }, args.files);
  return { screenshot: async (file) => (await import('./ui/screenshot.js')).saveScreenshot(win.window, file) };
});
