// Drives Present's File and Edit menus offscreen, composed as koompi-present
// composes it (startPresent + composePresent), with the file dialogs answered
// by a queue. Prints one JSON line.
//
// usage: node drive-present-files.mjs menus OUT_DIR STATE_DIR TITLE POINT [FILE_TO_OPEN…]
//        node drive-present-files.mjs type STATE_DIR TEXT
//        node drive-present-files.mjs recover STATE_DIR SAVE_AS
import fs from 'node:fs';
import path from 'node:path';
import { loadTranslator } from '@koompi/core';
import { composePresent } from '../dist/compose.js';
import { startPresent } from '../dist/ui/present-app.js';
import { until } from '../../../tests/office/drive.mjs';

const [mode, ...args] = process.argv.slice(2);
const t = loadTranslator('present');
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
const pause = (ms) => new Promise((r) => setTimeout(r, ms));

if (mode === 'menus') {
  const [outDir, stateDir, title, point, ...files] = args;
  const folder = path.join(outDir, 'docs');
  fs.mkdirSync(folder, { recursive: true });
  const first = await startPresent(composePresent({ t, office, folder, stateDir, dialogs }), [], () => {});
  const windows = () => first.options.app.windows;
  const r = { steps: {} };
  r.menus = {
    file: first.fileMenu.title(),
    edit: first.editMenu.title(),
    actions: Object.fromEntries(Object.entries(first.actions).map(([id, a]) => [id, prop(a, 'text')])),
  };
  r.titleStart = first.window.windowTitle();
  await first.command('new');
  const w = windows()[1];
  r.steps.windowsAfterNew = windows().length;
  w.titleEdit.setText(title);
  await pause(500);
  w.addButton.click();
  w.titleEdit.setText(point);
  w.bulletsEdit.setPlainText('ចំណុចទីមួយ\nចំណុចទីពីរ');
  await pause(500);
  r.titleTyped = w.window.windowTitle();
  const pptx = path.join(folder, `${title}.pptx`);
  answers.saveAs.push(pptx);
  await w.command('save');
  r.steps.saveAsStatus = w.status.text();
  r.titleSaved = w.window.windowTitle();
  w.bulletsEdit.setPlainText('ចំណុចទីមួយ\nចំណុចទីពីរ\nចំណុចទីបី');
  r.steps.afterEdit = w.deck.slides[1].bullets.length;
  await w.command('undo');
  r.steps.afterUndo = w.deck.slides[1].bullets.length;
  r.steps.shownAfterUndo = w.bulletsEdit.toPlainText();
  await w.command('redo');
  r.steps.afterRedo = w.deck.slides[1].bullets.length;
  await w.command('save');
  r.steps.saveStatus = w.status.text();
  // another program changes the saved file: Save asks; Cancel leaves that file, Replace saves
  const saved = pptx;
  fs.writeFileSync(saved, 'changed by another program');
  fs.utimesSync(saved, new Date(), new Date(Date.now() + 5000));
  answers.changed.push('cancel');
  r.steps.changedSaved = await w.save();
  r.steps.changedFileAfterCancel = fs.readFileSync(saved, 'utf8');
  answers.changed.push('overwrite');
  r.steps.changedSavedReplace = await w.save();
  r.steps.changedIsZip = fs.readFileSync(saved).subarray(0, 2).toString() === 'PK';
  r.steps.changedAsked = asked.filter(([k]) => k === 'changed').length;
  answers.open.push(pptx);
  await first.command('open');
  r.steps.windowsAfterOpenSame = windows().length;
  for (const f of files) {
    answers.open.push(f);
    await windows()[windows().length - 1].command('open');
  }
  r.opened = JSON.parse(
    JSON.stringify(
      windows().map((x) => ({ path: x.path, format: x.format, deck: x.deck, title: x.window.windowTitle() })),
    ),
  );
  r.recent = first.recentActions.map((a) => prop(a, 'text'));
  const last = windows()[windows().length - 1];
  last.addButton.click();
  answers.close.push('cancel');
  await last.command('close');
  r.steps.windowsAfterCancel = windows().length;
  r.steps.visibleAfterCancel = last.window.isVisible();
  answers.close.push('discard');
  await last.command('close');
  await until(() => windows().length === r.steps.windowsAfterCancel - 1, 'the window to close');
  r.steps.windowsAfterDiscard = windows().length;
  r.asked = asked;
  out(r);
  process.exit(0);
}

if (mode === 'type') {
  const [stateDir, text] = args;
  const folder = path.join(stateDir, 'docs');
  fs.mkdirSync(folder, { recursive: true });
  const first = await startPresent(
    composePresent({ t, office, folder, stateDir, dialogs, autosaveDelayMs: 10 }),
    [],
    () => {},
  );
  first.titleEdit.setText(text);
  const dir = path.join(stateDir, 'autosave', 'present');
  await until(
    () =>
      fs.existsSync(dir) &&
      fs.readdirSync(dir).some((n) => n.endsWith('.json') && fs.readFileSync(path.join(dir, n), 'utf8').includes(text)),
    'the autosave',
    30_000,
  );
  out({ autosaved: true, pid: process.pid });
  for (let i = 1; ; i++) {
    first.bulletsEdit.setPlainText(`ចំណុច ${i}`);
    await pause(15);
  }
}

if (mode === 'recover') {
  const [stateDir, saveAs] = args;
  const folder = path.join(stateDir, 'docs');
  const first = await startPresent(composePresent({ t, office, folder, stateDir, dialogs }), [], () => {});
  const windows = first.options.app.windows;
  const r = {
    windows: windows.map((w) => ({
      deck: w.deck,
      banner: w.recoveredBanner.isVisible() ? w.recoveredLabel.text() : null,
      modified: w.modified,
    })),
  };
  answers.saveAs.push(saveAs);
  await first.command('save');
  r.saveStatus = first.status.text();
  r.autosavesAfterSave = fs.readdirSync(path.join(stateDir, 'autosave', 'present')).filter((n) => n.endsWith('.json'));
  out(r);
  process.exit(0);
}

if (mode === 'start') {
  // as koompi-present FILE… starts: one window per file that opens
  const [stateDir, ...files] = args;
  const first = await startPresent(composePresent({ t, office, folder: stateDir, stateDir, dialogs }), files, () => {});
  out({
    windows: first.options.app.windows.map((w) => ({
      path: w.path ?? null,
      title: w.deck.slides[0]?.title ?? '',
      status: w.status.text(),
    })),
  });
  process.exit(0);
}
