// Drives the real Chat window offscreen, composed exactly as koompi-chat
// composes it (offline: no key): types text into the input line as an input
// method would commit it, clicks Send, waits for the answer, then saves a
// screenshot and, for comparison, the text drawn by a plain QLabel in the
// list's font. Prints one JSON line with what the widgets hold.
//
// usage: node drive-chat.mjs OUT_DIR TEXT OTHER_TEXT
import path from 'node:path';
import { QFont, QLabel } from '@nodegui/nodegui';
import { BASE_POINT_SIZE, BUBBLE_COLOURS, ChatWindow, KHMER_FONT_FAMILIES } from '../dist/ui/chat-window.js';
import { saveScreenshot } from '../dist/ui/screenshot.js';
import { composeChat } from '../dist/compose.js';

const [outDir, text, otherText] = process.argv.slice(2);
const composed = await composeChat({ offlineOnly: true });
const { controller } = composed;
const chat = new ChatWindow({
  t: composed.t(),
  controller,
  microphoneIcon: path.resolve(import.meta.dirname, '../../../assets/icons/microphone.svg'),
  voiceAvailable: false,
  switchLanguage: composed.switchLanguage,
});
chat.show();
saveScreenshot(chat.window, path.join(outDir, 'chat-before.png'));

chat.input.insert(text);
const typed = chat.input.text();
const answered = new Promise((resolve) => controller.on({ busy: (busy) => !busy && resolve() }));
chat.sendButton.click();
await answered;
await new Promise((r) => setImmediate(r));

const shot = path.join(outDir, 'chat-after-send.png');
const saved = saveScreenshot(chat.window, shot);
const actionShown = chat.actionBar.isVisible();
const actionText = chat.actionText.text();
chat.cancelButton.click();

for (const [name, value] of [
  ['reference.png', text],
  ['not-sent.png', otherText],
]) {
  const label = new QLabel();
  label.setFont(new QFont(KHMER_FONT_FAMILIES[0], BASE_POINT_SIZE));
  label.setStyleSheet(`background: ${BUBBLE_COLOURS.person}; color: #000000; padding: 12px;`);
  label.setText(value);
  label.show();
  saveScreenshot(label, path.join(outDir, name));
  label.close();
}

const widgets = [
  chat.search,
  chat.language,
  chat.messageList,
  chat.input,
  chat.sendButton,
  chat.micButton,
  chat.status,
  chat.confirmButton,
  chat.cancelButton,
];
const accessibleNames = widgets.map((w) => w.accessibleName());
const micToolTip = chat.micButton.toolTip();
chat.language.setCurrentIndex(1);
const englishTitle = chat.window.windowTitle();

process.stdout.write(
  JSON.stringify({
    saved,
    typed,
    inputAfterSend: chat.input.text(),
    messages: controller.conversation.messages.map((m) => ({ author: m.author, text: m.text })),
    listCount: chat.messageList.count(),
    actionShown,
    actionText,
    micEnabled: chat.micButton.isEnabled(),
    micToolTip,
    accessibleNames,
    welcomeVisibleAfterSend: chat.welcome.isVisible(),
    englishTitle,
  }) + '\n',
);
composed.close();
chat.window.close();
