// The last step of dictation: the transcript typed into the focused window of
// a real X server (Xvfb), Khmer included, as real key events (xdotool).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinKhmerWords, typeIntoFocusedWindow, typingCommands } from '@koompi/core';
import { startXvfb, onDisplay, type VirtualDisplay } from '../support/xvfb.js';

const here = path.dirname(fileURLToPath(import.meta.url));
let x: VirtualDisplay;

beforeAll(async () => {
  x = await startXvfb('800x200x24');
});
afterAll(async () => {
  await x.stop();
});

describe('typing dictated text into the focused window', () => {
  it('types a Khmer and English transcript into a real text field', async () => {
    const env = { ...process.env, DISPLAY: x.display };
    const window = spawn('python3', [path.join(here, 'support', 'entry-window.py')], {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines = createInterface({ input: window.stdout })[Symbol.asyncIterator]();
    expect((await lines.next()).value).toBe('ready');

    const transcript = joinKhmerWords('សូម បើក កម្មវិធី Firefox');
    const typed = await typeIntoFocusedWindow(transcript, { env });
    expect(typed).toEqual({ kind: 'typed', method: 'xdotool' });
    onDisplay(x.display, 'xdotool', ['key', 'Return']);
    expect((await lines.next()).value).toBe('សូមបើកកម្មវិធី Firefox');
  });

  it('says so when there is no graphical session', async () => {
    const result = await typeIntoFocusedWindow('hello', { env: { PATH: process.env['PATH'] } });
    expect(result.kind).toBe('no-typing-tool');
  });

  it('never lets the text be read as an option', () => {
    const [xdotool] = typingCommands('--help me', { DISPLAY: ':1' });
    expect(xdotool?.args.slice(-2)).toEqual(['--', '--help me']);
    expect(typingCommands('x', { WAYLAND_DISPLAY: 'wayland-0' }).map((c) => c.method)).toEqual(['wtype']);
  });
});
