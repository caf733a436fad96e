/**
 * koompi-chat: the composition root. It reads the arguments and the
 * environment, builds the translator, the assistant (Gemini when a key is
 * there, offline otherwise — said plainly either way), the action runner and
 * the controller, and starts the UI. Qt is loaded only once the platform is
 * decided.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { callRunningChat, loadTranslator, registerGlobalShortcut, startChatService } from '@koompi/core';
import { parseArgs } from './args.js';
import { composeChat } from './compose.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const appRoot = path.resolve(here, '..');

function assetPath(name: string): string {
  const candidates = [path.resolve(appRoot, '..', '..', 'assets', name), path.join('/usr/share/koompi/assets', name)];
  return candidates.find((p) => fs.existsSync(p)) ?? candidates[0]!;
}

function hasDisplay(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env['DISPLAY'] || env['WAYLAND_DISPLAY'] || env['QT_QPA_PLATFORM']);
}

function version(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(appRoot, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

type Outcome = { kind: 'exit'; code: number } | { kind: 'running' };

const keepAlive: unknown[] = [];

/** What the session-bus service asks of the window. */
interface ChatWindowApi {
  raise(): void;
  ask(text: string): void;
}

async function main(): Promise<Outcome> {
  const t = loadTranslator('chat');
  const args = parseArgs(process.argv.slice(2));
  switch (args.kind) {
    case 'help':
      process.stdout.write(`${t('args.usage')}\n`);
      return { kind: 'exit', code: 0 };
    case 'version':
      process.stdout.write(`koompi-chat ${version()}\n`);
      return { kind: 'exit', code: 0 };
    case 'error':
      process.stderr.write(`${t(args.key, { arg: args.arg })}\n${t('args.usage')}\n`);
      return { kind: 'exit', code: 2 };
    case 'screenshot':
      // Render without any display server, whatever the session has.
      process.env['QT_QPA_PLATFORM'] = 'offscreen';
      break;
    case 'run':
      if (!hasDisplay(process.env)) {
        process.stderr.write(`${t('display.missing')}\n`);
        return { kind: 'exit', code: 3 };
      }
      break;
  }

  // One Chat per session: a second start hands over to the first and exits.
  const busAddress = args.kind === 'run' ? process.env['DBUS_SESSION_BUS_ADDRESS'] : undefined;
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
    return { kind: 'exit', code: handed.ok ? 0 : 1 };
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

  const composed = await composeChat({ offlineOnly: args.kind === 'screenshot' });
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
  // The assistant and the saved conversation load once the window is on screen.
  if (args.kind === 'run') setImmediate(() => void composed.load());
  if (args.kind === 'run') {
    const { createTray } = await import('./ui/tray.js');
    // Kept referenced for the life of the app: a collected tray icon disappears.
    keepAlive.push(createTray({ icon: assetPath('icons/org.koompi.Chat.svg'), t, open: () => chat.raise() }));
  }
  for (const f of waiting.splice(0)) f(chat);

  if (args.kind === 'screenshot') {
    const { saveScreenshot } = await import('./ui/screenshot.js');
    const file = path.resolve(args.file);
    if (!saveScreenshot(chat.window, file)) {
      process.stderr.write(`${composed.t()('screenshot.failed', { path: file })}\n`);
      return { kind: 'exit', code: 1 };
    }
    return { kind: 'exit', code: 0 };
  }
  // Qt's event loop takes over once the window is visible (bindings/qt pump);
  // the process exits when the window is closed.
  return { kind: 'running' };
}

main().then(
  (outcome) => {
    if (outcome.kind === 'exit') process.exit(outcome.code);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
