/**
 * koompi-chat: the composition root. core's `runApp` does the start-up
 * (arguments, the display check, `--screenshot`, the exit); this hands over
 * to a Chat already running in the session, builds the assistant (Gemini when
 * a key is there, offline otherwise — said plainly either way), the action
 * runner and the controller (compose.ts), and opens the window. Qt is loaded
 * only once the platform is decided.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  APP_EXIT,
  APP_START_KEYS,
  callRunningChat,
  exitWith,
  loadTranslator,
  packageVersion,
  registerGlobalShortcut,
  runApp,
  startChatService,
} from '@koompi/core';
import { composeChat } from './compose.js';

const appRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function assetPath(name: string): string {
  const candidates = [path.resolve(appRoot, '..', '..', 'assets', name), path.join('/usr/share/koompi/assets', name)];
  return candidates.find((p) => fs.existsSync(p)) ?? candidates[0]!;
}

const keepAlive: unknown[] = [];

/** What the session-bus service asks of the window. */
interface ChatWindowApi {
  raise(): void;
  ask(text: string): void;
}

const t = loadTranslator('chat');
const app = { bin: 'koompi-chat', name: t('window.title'), version: packageVersion(import.meta.url) };

runApp({ ...app, t, keys: APP_START_KEYS }, async (args) => {
  const screenshot = args.screenshot !== undefined;
  // One Chat per session: a second start hands over to the first and exits.
  const busAddress = screenshot ? undefined : process.env['DBUS_SESSION_BUS_ADDRESS'];
  const waiting: Array<(chat: ChatWindowApi) => void> = [];
  const window: { chat?: ChatWindowApi } = {};
  const whenReady = (f: (chat: ChatWindowApi) => void) => (window.chat ? f(window.chat) : waiting.push(f));
  const service = await startChatService(busAddress, {
    show: () => whenReady((chat) => chat.raise()),
    ask: (text) =>
      whenReady((chat) => {
        chat.raise();
        chat.ask(text);
      }),
  });
  if (service.kind === 'running-elsewhere' && busAddress) {
    const handed = await callRunningChat(busAddress);
    return exitWith(handed.ok ? APP_EXIT.ok : APP_EXIT.failed);
  }
  if (service.kind === 'owner') {
    // Meta+Space opens Chat from anywhere (kglobalaccel); without kglobalaccel, nothing to do.
    await registerGlobalShortcut(
      service.connection,
      {
        component: 'org.koompi.Chat',
        action: 'show',
        componentName: t('shortcut.component'),
        actionName: t('shortcut.show'),
        keys: ['Meta+Space'],
      },
      () => whenReady((chat) => chat.raise()),
    );
  }

  const composed = await composeChat({ offlineOnly: screenshot });
  const { ChatWindow } = await import('./ui/chat-window.js');
  const chat = new ChatWindow({
    t,
    controller: composed.controller,
    microphoneIcon: assetPath('icons/microphone.svg'),
    voiceAvailable: composed.voiceAvailable,
    voice: composed.voice,
    voiceT: composed.voiceT,
    switchLanguage: composed.switchLanguage,
  });
  if (process.env['KOOMPI_PAINT_PROBE'] === '1') {
    const { reportFirstAnswerPaint } = await import('./ui/paint-probe.js');
    chat.onAnswerShown = reportFirstAnswerPaint(chat.messageList);
  }
  if (process.env['KOOMPI_STARTUP_PROBE'] === '1') {
    const { reportFirstPaint } = await import('./ui/startup-probe.js');
    reportFirstPaint(chat.window);
  }
  chat.show();
  window.chat = chat;
  if (!screenshot) {
    // The assistant and the saved conversation load once the window is on screen.
    setImmediate(() => void composed.load());
    const { createTray } = await import('./ui/tray.js');
    // Kept referenced for the life of the app: a collected tray icon disappears.
    keepAlive.push(createTray({ icon: assetPath('icons/org.koompi.Chat.svg'), t, open: () => chat.raise() }));
  }
  for (const f of waiting.splice(0)) f(chat);
  // Qt's event loop takes over once the window is visible (bindings/qt pump);
  // the process exits when the window is closed.
  return { screenshot: async (file) => (await import('./ui/screenshot.js')).saveScreenshot(chat.window, file) };
});
