// Drives the real Calculate window offscreen, composed as koompi-calculate
// composes it but on an empty sheet: types names and scores into the grid
// (one score in Khmer digits), a formula into the formula bar, formulas from
// plain Khmer and English words, a smart fill of Khmer months; exports XLSX
// with the button, and saves screenshots and reference renderings. Prints one
// JSON line.
//
// usage: node drive-calculate.mjs OUT_DIR IF_SENTENCE SHOWN NOT_SHOWN
import path from 'node:path';
import { loadTranslator } from '@koompi/core';
import { composeCalculate } from '../dist/compose.js';
import { CalculateWindow, KHMER_FONT } from '../dist/ui/calculate-window.js';
import { saveScreenshot } from '../dist/ui/screenshot.js';
import { clickAndWait, freshDir, listFiles, renderReference, until } from '../../../tests/office/drive.mjs';

const [outDir, ifSentence, shown, notShown] = process.argv.slice(2);
const exports = freshDir(path.join(outDir, 'exports'));
const t = loadTranslator('calculate');
const office = loadTranslator('office');
const composed = await composeCalculate({
  t,
  office,
  folder: exports,
  workbook: { sheets: [{ name: 'ពិន្ទុថ្នាក់ទី៦', cells: [] }] },
});
const win = new CalculateWindow({ t, sheet: composed.sheet, readyMessage: composed.readyMessage });
win.show();
saveScreenshot(win.window, path.join(outDir, 'calculate-empty.png'));

const grid = win.grid;
/** Types into a cell as a person would: the item's text changes, the grid reports the edit. */
const type = (row, col, text) => grid.item(row, col).setText(text);
const shownAt = (row, col) => grid.item(row, col).text();
const enter = (row, col, formula) => {
  grid.setCurrentCell(row, col);
  win.formulaBar.setText(formula);
  win.commitFormula();
};
const ask = async (row, col, sentence) => {
  grid.setCurrentCell(row, col);
  win.askEdit.setText(sentence);
  win.askButton.click();
  await until(() => composed.engine.input(0, row, col) !== '', `a formula from "${sentence}"`);
};

[
  ['ឈ្មោះ', 'ពិន្ទុ', 'លទ្ធផល', 'ខែ'],
  ['សុខា', '95', '', 'មករា'],
  ['ដារា', '៤០', '', 'កុម្ភៈ'],
  ['វណ្ណា', '72', ''],
].forEach((cells, r) => cells.forEach((text, c) => text && type(r, c, text)));
enter(4, 1, '=SUM(B2:B4)');
await ask(1, 2, ifSentence);
await ask(2, 2, ifSentence.replace('B2', 'B3'));
await ask(1, 4, 'average B2 to B4');
await ask(0, 5, 'sum column B');
grid.setCurrentCell(2, 3);
win.fillButton.click();
const saved = saveScreenshot(win.window, path.join(outDir, 'calculate-filled.png'));
const sheetAfter = Array.from({ length: 9 }, (_, r) => Array.from({ length: 6 }, (_, c) => shownAt(r, c)));
const inputs = Array.from({ length: 9 }, (_, r) => Array.from({ length: 6 }, (_, c) => composed.engine.input(0, r, c)));

// an edit recalculates what depends on it
type(1, 1, '30');
const afterEdit = { total: shownAt(4, 1), average: shownAt(1, 4), result: shownAt(1, 2), column: shownAt(0, 5) };

const xlsxStatus = await clickAndWait(win.exportButtons.xlsx, win.status, 'the XLSX export');

const cellFont = { family: KHMER_FONT, size: 11 };
renderReference(saveScreenshot, path.join(outDir, 'reference-shown.png'), shown, cellFont);
renderReference(saveScreenshot, path.join(outDir, 'reference-not-shown.png'), notShown, cellFont);

const widgets = [
  win.cellLabel,
  win.formulaBar,
  win.exportButtons.xlsx,
  win.exportButtons.csv,
  win.exportButtons.pdf,
  win.askEdit,
  win.askButton,
  win.fillButton,
  win.chartEdit,
  win.chartButton,
  win.grid,
  win.chartView,
  win.status,
];
process.stdout.write(
  JSON.stringify({
    saved,
    sheetAfter,
    inputs,
    afterEdit,
    cellLabel: win.cellLabel.text(),
    xlsxStatus,
    exports: listFiles(exports),
    accessibleNames: widgets.map((w) => w.accessibleName()),
  }) + '\n',
);
composed.close();
win.window.close();
