// Drives Calculate's File and Edit menus offscreen, composed as
// koompi-calculate composes it (startCalculate), with the file dialogs
// answered by a queue. Prints one JSON line.
//
// usage: node drive-calculate-files.mjs menus OUT_DIR STATE_DIR [FILE_TO_OPEN…]
//        node drive-calculate-files.mjs type STATE_DIR TEXT      (types, autosaves, waits to be killed)
//        node drive-calculate-files.mjs recover STATE_DIR SAVE_AS
import fs from 'node:fs';
import path from 'node:path';
import { loadTranslator } from '@koompi/core';
import { startCalculate } from '../dist/ui/calculate-app.js';
import { until } from '../../../tests/office/drive.mjs';

const [mode, ...args] = process.argv.slice(2);
const t = loadTranslator('calculate');
const office = loadTranslator('office');
const answers = { open: [], saveAs: [], close: [], changed: [] };
const asked = [];
const dialogs = {
  askOpen: (_p, folder) => (asked.push(['open', folder]), answers.open.shift()),
  askSaveAs: (_p, suggested) => (asked.push(['saveAs', suggested]), answers.saveAs.shift()),
  askSaveChanges: (_p, name) => (asked.push(['close', name]), answers.close.shift() ?? 'cancel'),
  askChangedOnDisk: (_p, name) => (asked.push(['changed', name]), answers.changed.shift() ?? 'cancel'),
};
const out = (o) => process.stdout.write(`${JSON.stringify(o)}\n`);
const prop = (a, name) => a.property(name).toString();
const type = (win, row, col, text) => win.grid.item(row, col).setText(text);
const shown = (win, rows, cols) =>
  Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => win.grid.item(r, c).text()));

if (mode === 'menus') {
  const [outDir, stateDir, ...files] = args;
  const folder = path.join(outDir, 'docs');
  fs.mkdirSync(folder, { recursive: true });
  const first = await startCalculate({ t, office, folder, stateDir, dialogs }, [], () => {});
  const windows = () => first.options.app.windows;
  const r = { steps: {} };
  r.menus = {
    file: first.fileMenu.title(),
    edit: first.editMenu.title(),
    actions: Object.fromEntries(Object.entries(first.actions).map(([id, a]) => [id, prop(a, 'text')])),
    shortcuts: Object.fromEntries(Object.entries(first.actions).map(([id, a]) => [id, prop(a, 'shortcut')])),
  };
  r.titleStart = first.window.windowTitle();
  // New: an empty workbook in a window of its own
  await first.command('new');
  const w = windows()[1];
  r.steps.windowsAfterNew = windows().length;
  type(w, 0, 0, 'ឈ្មោះ');
  type(w, 0, 1, 'ពិន្ទុ');
  type(w, 1, 0, 'សុខា');
  type(w, 1, 1, '៩៥');
  type(w, 2, 0, 'ដារា');
  type(w, 2, 1, '80');
  w.grid.setCurrentCell(3, 1);
  w.formulaBar.setText('=SUM(B2:B3)');
  w.commitFormula();
  r.titleTyped = w.window.windowTitle();
  r.steps.typed = shown(w, 4, 2);
  const xlsx = path.join(folder, 'ពិន្ទុ.xlsx');
  answers.saveAs.push(xlsx);
  await w.command('save');
  r.steps.saveAsStatus = w.status.text();
  r.titleSaved = w.window.windowTitle();
  // undo the last two edits, redo one
  type(w, 2, 1, '70');
  r.steps.afterEdit = w.grid.item(3, 1).text();
  await w.command('undo');
  r.steps.afterUndo = w.grid.item(3, 1).text();
  r.steps.afterUndoInput = w.grid.item(2, 1).text();
  await w.command('undo');
  r.steps.afterUndo2 = w.grid.item(3, 1).text();
  await w.command('redo');
  r.steps.afterRedo = w.grid.item(3, 1).text();
  await w.command('redo');
  r.steps.afterRedo2 = w.grid.item(3, 1).text();
  await w.command('save');
  r.steps.saveStatus = w.status.text();
  // another program changes the saved file: Save asks; Cancel leaves that file, Replace saves
  const saved = xlsx;
  fs.writeFileSync(saved, 'changed by another program');
  fs.utimesSync(saved, new Date(), new Date(Date.now() + 5000));
  answers.changed.push('cancel');
  r.steps.changedSaved = await w.save();
  r.steps.changedFileAfterCancel = fs.readFileSync(saved, 'utf8');
  answers.changed.push('overwrite');
  r.steps.changedSavedReplace = await w.save();
  r.steps.changedIsZip = fs.readFileSync(saved).subarray(0, 2).toString() === 'PK';
  r.steps.changedAsked = asked.filter(([k]) => k === 'changed').length;
  // Open of the open file: its window; other files: windows of their own
  answers.open.push(xlsx);
  await first.command('open');
  r.steps.windowsAfterOpenSame = windows().length;
  for (const f of files) {
    answers.open.push(f);
    await windows()[windows().length - 1].command('open');
  }
  r.opened = windows().map((x) => ({
    path: x.path,
    format: x.format,
    cells: shown(x, 4, 3),
    title: x.window.windowTitle(),
  }));
  r.recent = first.recentActions.map((a) => prop(a, 'text'));
  // a changed window: Cancel keeps it, discard closes it
  const last = windows()[windows().length - 1];
  type(last, 5, 0, 'x');
  answers.close.push('cancel');
  await last.command('close');
  r.steps.windowsAfterCancel = windows().length;
  r.steps.visibleAfterCancel = last.window.isVisible();
  answers.close.push('discard');
  await last.command('close');
  await until(() => windows().length === r.steps.windowsAfterCancel - 1, 'the window to close');
  r.steps.windowsAfterDiscard = windows().length;
  answers.open.push(path.join(folder, 'missing.ods'));
  await first.command('open');
  r.steps.missingStatus = first.status.text();
  r.asked = asked;
  out(r);
  process.exit(0);
}

if (mode === 'type') {
  const [stateDir, text] = args;
  const folder = path.join(stateDir, 'docs');
  fs.mkdirSync(folder, { recursive: true });
  const first = await startCalculate({ t, office, folder, stateDir, dialogs, autosaveDelayMs: 10 }, [], () => {});
  type(first, 6, 0, text);
  const dir = path.join(stateDir, 'autosave', 'calculate');
  await until(
    () =>
      fs.existsSync(dir) &&
      fs.readdirSync(dir).some((n) => n.endsWith('.json') && fs.readFileSync(path.join(dir, n), 'utf8').includes(text)),
    'the autosave',
    30_000,
  );
  out({ autosaved: true, pid: process.pid });
  for (let i = 1; ; i++) {
    type(first, 7, 0, String(i));
    await new Promise((res) => setTimeout(res, 15));
  }
}

if (mode === 'recover') {
  const [stateDir, saveAs] = args;
  const folder = path.join(stateDir, 'docs');
  const first = await startCalculate({ t, office, folder, stateDir, dialogs }, [], () => {});
  const windows = first.options.app.windows;
  const r = {
    windows: windows.map((w) => ({
      a7: w.grid.item(6, 0).text(),
      a8: w.grid.item(7, 0).text(),
      b5: w.grid.item(4, 1).text(),
      banner: w.recoveredBanner.isVisible() ? w.recoveredLabel.text() : null,
      modified: w.modified,
    })),
  };
  answers.saveAs.push(saveAs);
  await first.command('save');
  r.saveStatus = first.status.text();
  r.autosavesAfterSave = fs
    .readdirSync(path.join(stateDir, 'autosave', 'calculate'))
    .filter((n) => n.endsWith('.json'));
  out(r);
  process.exit(0);
}

if (mode === 'start') {
  // as koompi-calculate FILE… starts: one window per file that opens
  const [stateDir, ...files] = args;
  const first = await startCalculate({ t, office, folder: stateDir, stateDir, dialogs }, files, () => {});
  out({
    windows: first.options.app.windows.map((w) => ({
      path: w.path ?? null,
      a1: w.grid.item(0, 0).text(),
      status: w.status.text(),
    })),
  });
  process.exit(0);
}
