// Draws TEXT as a Chat bubble would (the list's font, the person's bubble
// colour) and saves it as a PNG: the reference a screenshot is searched for.
// usage: node render-text.mjs OUT.png TEXT [CSS]
// CSS replaces the bubble's colours (e.g. the welcome line's, for a compositor
// screenshot of the window as it opens: tests/machine/desktop.test.ts).
import { QLabel, QListWidget } from '@nodegui/nodegui';
import { BUBBLE_COLOURS, BASE_POINT_SIZE, KHMER_FONT_FAMILIES } from '../dist/ui/chat-window.js';
import { saveScreenshot } from '../dist/ui/screenshot.js';
import { QFont } from '@nodegui/nodegui';

const [out, text, css] = process.argv.slice(2);
const list = new QListWidget();
list.setFont(new QFont(KHMER_FONT_FAMILIES[0], BASE_POINT_SIZE));
const label = new QLabel();
label.setFont(list.font());
label.setStyleSheet(css ?? `background: ${BUBBLE_COLOURS.person}; color: #000000; padding: 12px;`);
label.setText(text);
label.show();
const ok = saveScreenshot(label, out);
label.close();
process.exitCode = ok ? 0 : 1;
