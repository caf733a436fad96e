/**
 * koompi-chat: the composition root. It reads the arguments and the
 * environment, builds the translator and the conversation, and starts the UI.
 * The UI module (and so Qt) is loaded only once the platform is decided.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTranslator, type Translator } from '@koompi/core';
import { parseArgs } from './args.js';
import { Conversation } from './conversation.js';

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

async function main(): Promise<number> {
  const t: Translator = loadTranslator('chat');
  const args = parseArgs(process.argv.slice(2));
  switch (args.kind) {
    case 'help':
      process.stdout.write(`${t('args.usage')}\n`);
      return 0;
    case 'version':
      process.stdout.write(`koompi-chat ${version()}\n`);
      return 0;
    case 'error':
      process.stderr.write(`${t(args.key, { arg: args.arg })}\n${t('args.usage')}\n`);
      return 2;
    case 'screenshot':
      // Render without any display server, whatever the session has.
      process.env['QT_QPA_PLATFORM'] = 'offscreen';
      break;
    case 'run':
      if (!hasDisplay(process.env)) {
        process.stderr.write(`${t('display.missing')}\n`);
        return 3;
      }
      break;
  }

  const { ChatWindow } = await import('./ui/chat-window.js');
  const conversation = new Conversation();
  const chat = new ChatWindow({
    t,
    conversation,
    microphoneIcon: assetPath('icons/microphone.svg'),
    voiceAvailable: false,
  });
  if (process.env['KOOMPI_STARTUP_PROBE'] === '1') {
    const { reportFirstPaint } = await import('./ui/startup-probe.js');
    reportFirstPaint(chat.window);
  }
  chat.show();

  if (args.kind === 'screenshot') {
    const { saveScreenshot } = await import('./ui/screenshot.js');
    const file = path.resolve(args.file);
    if (!saveScreenshot(chat.window, file)) {
      process.stderr.write(`${t('screenshot.failed', { path: file })}\n`);
      return 1;
    }
    return 0;
  }
  // Qt's event loop takes over once the window is visible (bindings/qt pump);
  // the process exits when the window is closed.
  return -1;
}

main().then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
