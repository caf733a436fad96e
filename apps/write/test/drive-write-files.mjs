// Drives Write's File and Edit menus offscreen, composed as koompi-write
// composes it (startWrite + composeWrite), with the file dialogs answered by
// a queue instead of a person. Prints one JSON line.
//
// usage: node drive-write-files.mjs menus OUT_DIR STATE_DIR HEADING BODY BOLD MORE
//        node drive-write-files.mjs type STATE_DIR TEXT        (types, autosaves, then waits to be killed)
//        node drive-write-files.mjs recover STATE_DIR SAVE_AS  (starts again: what is offered back)
import fs from 'node:fs';
import path from 'node:path';
import { loadTranslator } from '@koompi/core';
import { composeWrite } from '../dist/compose.js';
import { startWrite } from '../dist/ui/write-app.js';
import { until } from '../../../tests/office/drive.mjs';

const [mode, ...args] = process.argv.slice(2);
const t = loadTranslator('write');
const office = loadTranslator('office');
const answers = { open: [], saveAs: [], close: [], changed: [] };
const asked = [];
const dialogs = {
  askOpen: (_parent, folder) => (asked.push(['open', folder]), answers.open.shift()),
  askSaveAs: (_parent, suggested) => (asked.push(['saveAs', suggested]), answers.saveAs.shift()),
  askSaveChanges: (_parent, name) => (asked.push(['close', name]), answers.close.shift() ?? 'cancel'),
  askChangedOnDisk: (_parent, name) => (asked.push(['changed', name]), answers.changed.shift() ?? 'cancel'),
};
const out = (o) => process.stdout.write(`${JSON.stringify(o)}\n`);

if (mode === 'menus') {
  const [outDir, stateDir, heading, body, bold, more] = args;
  const folder = path.join(outDir, 'docs');
  fs.mkdirSync(folder, { recursive: true });
  const first = await startWrite(composeWrite({ t, office, folder, stateDir, dialogs }), [], () => {});
  const r = { menus: {}, steps: {} };
  r.menus.file = first.fileMenu.title();
  r.menus.edit = first.editMenu.title();
  r.menus.actions = Object.fromEntries(
    Object.entries(first.actions).map(([id, a]) => [id, a.property('text').toString()]),
  );
  r.menus.shortcuts = Object.fromEntries(
    Object.entries(first.actions).map(([id, a]) => [id, a.property('shortcut').toString()]),
  );
  r.menus.recentTitle = first.recentMenu.title();
  r.titleNew = first.window.windowTitle();
  r.pristineAtStart = first.pristine;

  first.editor.clear();
  first.styleBox.setCurrentIndex(1);
  first.editor.insertPlainText(`${heading}\n`);
  first.styleBox.setCurrentIndex(0);
  first.editor.insertPlainText(`${body} `);
  first.boldButton.click();
  first.editor.insertPlainText(bold);
  first.boldButton.click();
  first.editor.insertPlainText('។');
  r.titleTyped = first.window.windowTitle();
  const typed = first.editor.toPlainText();

  const odt = path.join(folder, `${heading}.odt`);
  answers.saveAs.push(odt);
  await first.command('save'); // a new document: Save asks where (Save As)
  r.steps.saveAsStatus = first.status.text();
  r.titleSaved = first.window.windowTitle();
  r.modifiedAfterSave = first.modified;

  // undo and redo what is typed next
  first.editor.insertPlainText(more);
  r.steps.withMore = first.editor.toPlainText();
  await first.command('undo');
  r.steps.afterUndo = first.editor.toPlainText();
  await first.command('redo');
  r.steps.afterRedo = first.editor.toPlainText();
  await first.command('save'); // in place now, no question
  r.steps.saveStatus = first.status.text();

  // New: a second window; Open of the file window 1 has: window 1 again, no third window
  await first.command('new');
  const windows = () => first.options?.app?.windows ?? [];
  r.steps.windowsAfterNew = windows().length;
  const w2 = windows()[1];
  answers.open.push(odt);
  await w2.command('open');
  r.steps.windowsAfterOpenSame = windows().length;

  // files made elsewhere: DOCX, Markdown, text
  const files = args.slice(6);
  for (const file of files) {
    answers.open.push(file);
    await windows()[windows().length - 1].command('open');
  }
  r.opened = windows().map((w) => ({
    path: w.path,
    format: w.format,
    text: w.editor.toPlainText(),
    title: w.window.windowTitle(),
    modified: w.modified,
  }));
  r.recent = first.recentActions.map((a) => a.property('text').toString());

  // open the saved file fresh, in a new process's way: a window of its own
  r.savedText = typed + more;

  // closing a changed window asks; Cancel keeps it, "close without saving" closes it and drops its autosave
  const last = windows()[windows().length - 1];
  last.editor.insertPlainText('x');
  last.autosaveNow();
  const autosaves = () => fs.readdirSync(path.join(stateDir, 'autosave', 'write')).filter((n) => n.endsWith('.json'));
  r.steps.autosavesBeforeClose = autosaves().length;
  answers.close.push('cancel');
  await last.command('close');
  r.steps.windowsAfterCancel = windows().length;
  r.steps.visibleAfterCancel = last.window.isVisible();
  answers.close.push('discard');
  await last.command('close');
  await until(() => windows().length === r.steps.windowsAfterCancel - 1, 'the window to close');
  r.steps.windowsAfterDiscard = windows().length;
  r.steps.autosavesAfterDiscard = autosaves().length;
  // another program changes the saved file: Save asks; Cancel leaves the other program's file, Replace saves
  fs.writeFileSync(odt, 'changed by another program');
  fs.utimesSync(odt, new Date(), new Date(Date.now() + 5000));
  answers.changed.push('cancel');
  r.steps.changedSaved = await first.save();
  r.steps.changedFileAfterCancel = fs.readFileSync(odt, 'utf8');
  answers.changed.push('overwrite');
  r.steps.changedSavedReplace = await first.save();
  r.steps.changedIsOdtAfterReplace = fs.readFileSync(odt).subarray(0, 2).toString() === 'PK';
  r.steps.savedAgainUnasked = (await first.save()) && asked.filter(([k]) => k === 'changed').length === 2;
  // an unreadable file: a message, the windows as they were
  answers.open.push(path.join(folder, 'missing.odt'));
  await first.command('open');
  r.steps.missingStatus = first.status.text();
  r.steps.windowsAfterMissing = windows().length;
  r.asked = asked;
  out(r);
  await first.command('quit');
  process.exit(0);
}

if (mode === 'type') {
  const [stateDir, text] = args;
  const folder = path.join(stateDir, 'docs');
  fs.mkdirSync(folder, { recursive: true });
  // autosave soon after each change, so the kill below lands among autosaves
  const win = await startWrite({ ...composeWrite({ t, office, folder, stateDir, dialogs }), autosaveDelayMs: 10 }, []);
  win.editor.clear();
  win.editor.insertPlainText(text);
  const dir = path.join(stateDir, 'autosave', 'write');
  await until(
    () =>
      fs.existsSync(dir) &&
      fs
        .readdirSync(dir)
        .some(
          (n) =>
            n.endsWith('.json') &&
            JSON.parse(fs.readFileSync(path.join(dir, n), 'utf8')).content.html.includes(text.slice(0, 8)),
        ),
    'the autosave',
    30_000,
  );
  out({ autosaved: true, pid: process.pid });
  // keep typing until killed
  for (;;) {
    win.editor.insertPlainText('ក');
    await new Promise((r) => setTimeout(r, 15));
  }
}

if (mode === 'recover') {
  const [stateDir, saveAs] = args;
  const folder = path.join(stateDir, 'docs');
  const first = await startWrite(composeWrite({ t, office, folder, stateDir, dialogs }), []);
  const windows = first.options?.app?.windows ?? [];
  const r = {
    windows: windows.map((w) => ({
      text: w.editor.toPlainText(),
      banner: w.recoveredBanner.isVisible() ? w.recoveredLabel.text() : null,
      modified: w.modified,
      title: w.window.windowTitle(),
    })),
    keep: first.keepButton.text(),
    discard: first.discardButton.text(),
  };
  answers.saveAs.push(saveAs);
  await first.command('save');
  r.saveStatus = first.status.text();
  r.bannerAfterSave = first.recoveredBanner.isVisible();
  const dir = path.join(stateDir, 'autosave', 'write');
  r.autosavesAfterSave = fs.readdirSync(dir).filter((n) => n.endsWith('.json'));
  out(r);
  process.exit(0);
}

if (mode === 'reference') {
  // a Write window showing only a Heading 1 of TEXT: what `koompi-write FILE` should show
  const [file, text] = args;
  const { saveScreenshot } = await import('../dist/ui/screenshot.js');
  const { WriteWindow } = await import('../dist/ui/write-window.js');
  const win = new WriteWindow(composeWrite({ t, office, folder: path.dirname(file) }));
  win.show();
  win.editor.setHtml(`<h1>${text}</h1>`);
  saveScreenshot(win.window, file);
  process.exit(0);
}

if (mode === 'autosave-fails') {
  // the state folder cannot be written (full disk, read-only home): the window says so once, the work stays open
  const [stateDir, text] = args;
  const folder = path.join(stateDir, 'docs');
  fs.mkdirSync(folder, { recursive: true });
  // a file where the autosave folder goes: no process can write there, root included
  fs.writeFileSync(path.join(stateDir, 'autosave'), '');
  const win = await startWrite(composeWrite({ t, office, folder, stateDir, dialogs }), [], () => {});
  win.editor.clear();
  win.editor.insertPlainText(text);
  const wrote = win.autosaveNow();
  const status = win.status.text();
  win.status.setText('');
  win.editor.insertPlainText('ក');
  const again = win.autosaveNow();
  out({ wrote, status, again, statusAgain: win.status.text(), text: win.editor.toPlainText(), modified: win.modified });
  process.exit(0);
}

if (mode === 'recover-discard') {
  // starts on the work a killed Write left, and presses the banner's Discard
  const [stateDir] = args;
  const folder = path.join(stateDir, 'docs');
  fs.mkdirSync(folder, { recursive: true });
  const first = await startWrite(composeWrite({ t, office, folder, stateDir, dialogs }), [], () => {});
  const windows = first.options.app.windows;
  const before = { count: windows.length, text: first.editor.toPlainText(), banner: first.recoveredBanner.isVisible() };
  first.discardButton.click();
  await until(() => first.editor.toPlainText() !== before.text, 'the saved file to come back');
  const dir = path.join(stateDir, 'autosave', 'write');
  out({
    before,
    after: { text: first.editor.toPlainText(), banner: first.recoveredBanner.isVisible(), path: first.path ?? null },
    autosaves: fs.readdirSync(dir).filter((n) => n.endsWith('.json')),
  });
  process.exit(0);
}

if (mode === 'steady-typing') {
  // typing that never pauses long enough for the autosave's wait: it is autosaved all the same
  const [stateDir] = args;
  const folder = path.join(stateDir, 'docs');
  fs.mkdirSync(folder, { recursive: true });
  const win = await startWrite(
    { ...composeWrite({ t, office, folder, stateDir, dialogs }), autosaveDelayMs: 60_000, autosaveMaxWaitMs: 300 },
    [],
    () => {},
  );
  win.editor.clear();
  const dir = path.join(stateDir, 'autosave', 'write');
  const entries = () => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => n.endsWith('.json')) : []);
  let typed = 0;
  while (entries().length === 0 && typed < 200) {
    win.editor.insertPlainText('ក');
    typed++;
    await new Promise((res) => setTimeout(res, 20));
  }
  const saved = entries().length ? JSON.parse(fs.readFileSync(path.join(dir, entries()[0]), 'utf8')) : null;
  out({ typed, autosaved: saved !== null, html: saved?.content.html.includes('កក') ?? false });
  process.exit(0);
}
