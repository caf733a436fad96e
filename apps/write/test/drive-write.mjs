// Drives the real Write window offscreen, composed as koompi-write composes it:
// clears the template, picks the Heading 1 style and types a Khmer heading (as
// an input method commits it), then a paragraph with a bold word; exports DOCX
// and PDF with the buttons (and DOCX again: it must not replace the first);
// saves screenshots and reference renderings. Prints one JSON line.
//
// usage: node drive-write.mjs OUT_DIR HEADING BODY BOLD NOT_TYPED
import path from 'node:path';
import { loadTranslator } from '@koompi/core';
import { composeWrite } from '../dist/compose.js';
import { KHMER_FONT, WriteWindow } from '../dist/ui/write-window.js';
import { saveScreenshot } from '../dist/ui/screenshot.js';
import { clickAndWait, freshDir, listFiles, renderReference } from '../../../tests/office/drive.mjs';

const [outDir, heading, body, bold, notTyped] = process.argv.slice(2);
const exports = freshDir(path.join(outDir, 'exports'));
const t = loadTranslator('write');
const office = loadTranslator('office');
const win = new WriteWindow(composeWrite({ t, office, folder: exports }));
win.show();
const templateText = win.editor.toPlainText();
saveScreenshot(win.window, path.join(outDir, 'write-template.png'));

win.editor.clear();
win.styleBox.setCurrentIndex(1); // Heading 1
win.editor.insertPlainText(heading);
win.editor.insertPlainText('\n');
win.styleBox.setCurrentIndex(0); // Paragraph
win.editor.insertPlainText(`${body} `);
win.boldButton.click();
win.editor.insertPlainText(bold);
win.boldButton.click();
win.editor.insertPlainText('។');
const typed = win.editor.toPlainText();
const saved = saveScreenshot(win.window, path.join(outDir, 'write-typed.png'));

const docxStatus = await clickAndWait(win.exportButtons.docx, win.status, 'the DOCX export');
const pdfStatus = await clickAndWait(win.exportButtons.pdf, win.status, 'the PDF export');
win.status.setText('');
const againStatus = await clickAndWait(win.exportButtons.docx, win.status, 'the second DOCX export');

const headingFont = { family: KHMER_FONT, size: 22, bold: true };
renderReference(saveScreenshot, path.join(outDir, 'reference-heading.png'), heading, headingFont);
renderReference(saveScreenshot, path.join(outDir, 'reference-not-typed.png'), notTyped, headingFont);

const widgets = [
  win.styleBox,
  win.boldButton,
  win.italicButton,
  win.underlineButton,
  win.templateBox,
  win.exportButtons.docx,
  win.exportButtons.pdf,
  win.exportButtons.odt,
  win.editor,
  win.status,
];
process.stdout.write(
  JSON.stringify({
    saved,
    templateText,
    typed,
    html: win.editor.toHtml(),
    docxStatus,
    pdfStatus,
    againStatus,
    exports: listFiles(exports),
    accessibleNames: widgets.map((w) => w.accessibleName()),
    styles: Array.from({ length: win.styleBox.count() }, (_, i) => win.styleBox.itemText(i)),
  }) + '\n',
);
win.window.close();
