// Drives the real Chat window offscreen: types text into the input line as an
// input method would commit it, clicks Send, then saves a screenshot of the
// window and, for comparison, the same text drawn by a plain QLabel in the
// window's font. Prints one JSON line with what the widgets hold.
//
// usage: node drive-chat.mjs OUT_DIR TEXT
import path from 'node:path';
import { QLabel } from '@nodegui/nodegui';
import { loadTranslator } from '@koompi/core';
import { BUBBLE_COLOURS, ChatWindow } from '../dist/ui/chat-window.js';
import { saveScreenshot } from '../dist/ui/screenshot.js';
import { Conversation } from '../dist/conversation.js';

const [outDir, text, otherText] = process.argv.slice(2);
const t = loadTranslator('chat');
const conversation = new Conversation();
const chat = new ChatWindow({
  t,
  conversation,
  microphoneIcon: path.resolve(import.meta.dirname, '../../../assets/icons/microphone.svg'),
  voiceAvailable: false,
});
chat.show();
saveScreenshot(chat.window, path.join(outDir, 'chat-before.png'));

chat.input.insert(text);
const typed = chat.input.text();
chat.sendButton.click();

const shot = path.join(outDir, 'chat-after-send.png');
const saved = saveScreenshot(chat.window, shot);

// The same text, and a text that was never sent, drawn by a plain label in the
// list's font on the bubble's colour: the test looks for each in the screenshot.
for (const [name, value] of [
  ['reference.png', text],
  ['not-sent.png', otherText],
]) {
  const label = new QLabel();
  label.setFont(chat.messageList.font());
  label.setStyleSheet(`background: ${BUBBLE_COLOURS.person}; color: #000000; padding: 12px;`);
  label.setText(value);
  label.show();
  saveScreenshot(label, path.join(outDir, name));
  label.close();
}

const widgets = [chat.messageList, chat.input, chat.sendButton, chat.micButton, chat.status];
process.stdout.write(
  JSON.stringify({
    saved,
    typed,
    inputAfterSend: chat.input.text(),
    messages: conversation.messages.map((m) => ({ author: m.author, text: m.text })),
    listCount: chat.messageList.count(),
    micEnabled: chat.micButton.isEnabled(),
    micToolTip: chat.micButton.toolTip(),
    accessibleNames: widgets.map((w) => w.accessibleName()),
    title: chat.window.windowTitle(),
    welcomeVisibleAfterSend: chat.welcome.isVisible(),
  }) + '\n',
);
chat.window.close();
