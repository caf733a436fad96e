// Drives the real Present window offscreen, composed as koompi-present
// composes it (offline: the template outline): types a Khmer description and
// makes slides from its outline, adds a point to the second slide, picks the
// Mekong theme, exports PPTX and HTML with the buttons, and saves screenshots
// and reference renderings. Prints one JSON line.
//
// usage: node drive-present.mjs OUT_DIR DESCRIPTION NEW_POINT NOT_ADDED
import path from 'node:path';
import { loadTranslator } from '@koompi/core';
import { composePresent } from '../dist/compose.js';
import { KHMER_FONT, PresentWindow } from '../dist/ui/present-window.js';
import { saveScreenshot } from '../dist/ui/screenshot.js';
import { clickAndWait, freshDir, listFiles, renderReference, until } from '../../../tests/office/drive.mjs';

const [outDir, description, newPoint, notAdded] = process.argv.slice(2);
const exports = freshDir(path.join(outDir, 'exports'));
const t = loadTranslator('present');
const office = loadTranslator('office');
const win = new PresentWindow(composePresent({ t, office, folder: exports }));
win.show();
const sampleTitles = Array.from({ length: win.slideList.count() }, (_, i) => win.slideList.item(i).text());
saveScreenshot(win.window, path.join(outDir, 'present-sample.png'));

win.outlineEdit.setText(description);
win.outlineButton.click();
await until(() => win.slideList.item(0)?.text() === `1. ${description}`, 'slides from the outline');
const titles = Array.from({ length: win.slideList.count() }, (_, i) => win.slideList.item(i).text());

win.slideList.setCurrentRow(1);
const pointsBefore = win.bulletsEdit.toPlainText();
win.bulletsEdit.setPlainText(`${pointsBefore}\n${newPoint}`);
win.themeBox.setCurrentIndex(1); // Mekong
const saved = saveScreenshot(win.window, path.join(outDir, 'present-edited.png'));

const pptxStatus = await clickAndWait(win.exportButtons.pptx, win.status, 'the PPTX export');
const htmlStatus = await clickAndWait(win.exportButtons.html, win.status, 'the HTML export');

const pointFont = { family: KHMER_FONT, size: 16 };
renderReference(saveScreenshot, path.join(outDir, 'reference-point.png'), newPoint, pointFont);
renderReference(saveScreenshot, path.join(outDir, 'reference-not-added.png'), notAdded, pointFont);

const widgets = [
  win.outlineEdit,
  win.outlineButton,
  win.themeBox,
  win.exportButtons.pptx,
  win.exportButtons.pdf,
  win.exportButtons.html,
  win.slideList,
  win.addButton,
  win.titleEdit,
  win.bulletsEdit,
  win.preview,
  win.status,
];
process.stdout.write(
  JSON.stringify({
    saved,
    sampleTitles,
    titles,
    pointsBefore,
    deck: win.deck,
    theme: win.themeBox.currentText(),
    pptxStatus,
    htmlStatus,
    exports: listFiles(exports),
    accessibleNames: widgets.map((w) => w.accessibleName()),
  }) + '\n',
);
win.window.close();
