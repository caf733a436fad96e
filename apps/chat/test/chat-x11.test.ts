// KOOMPI Chat on a real X display (Xvfb): Khmer typed as real key events with
// xdotool, sent with Enter, then found in a screenshot of the display.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bestMatch, readInk } from '../../../tests/support/image-match.js';
import { offscreenEnv, repoRoot, runNode } from '../../../tests/support/qt-env.js';
import { onDisplay, onDisplayBuffer, startXvfb, type VirtualDisplay } from '../../../tests/support/xvfb.js';
import { xwdToPng } from '../../../tests/support/xwd.js';

const artifacts = path.join(repoRoot, 'artifacts', 'chat-x11');
// xdotool types a character missing from the keymap by mapping it onto a
// spare key just before pressing it, and Qt must read that mapping before
// xdotool restores the key: on a loaded machine the race is sometimes lost.
// So every Khmer character gets its own key in the keymap first (xmodmap),
// and xdotool presses real keys that stay put.
const TYPED = 'សួស្តីលោកគ្រូ';
const FIRST_SPARE_KEYCODE = 200;

describe('KOOMPI Chat under Xvfb', () => {
  let x: VirtualDisplay;
  let app: ChildProcess;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    fs.rmSync(artifacts, { recursive: true, force: true });
    fs.mkdirSync(artifacts, { recursive: true });
    x = await startXvfb('800x700x24');
    env = { ...offscreenEnv({ LANG: 'km_KH.UTF-8', DISPLAY: x.display }) };
    delete env['QT_QPA_PLATFORM'];
    const log = fs.openSync(path.join(artifacts, 'koompi-chat.log'), 'w');
    app = spawn(process.execPath, [path.join(repoRoot, 'apps/chat/bin/koompi-chat.js')], {
      env,
      stdio: ['ignore', log, log],
    });
  });

  afterAll(async () => {
    app?.kill('SIGTERM');
    await x?.stop();
  });

  const screenshot = (wid: string, name: string) => {
    const file = path.join(artifacts, name);
    fs.writeFileSync(file, xwdToPng(onDisplayBuffer(x.display, 'xwd', ['-id', wid, '-silent'])));
    return file;
  };

  it('receives Khmer typed on the keyboard and shows it after Enter', async () => {
    // --sync waits for the window to be mapped; the timeout is only a safety net
    const wid = onDisplay(x.display, 'xdotool', ['search', '--sync', '--onlyvisible', '--class', 'koompi-chat']).split(
      '\n',
    )[0]!;
    const chars = [...new Set(TYPED)];
    const map = chars.map(
      (c, i) => `keycode ${FIRST_SPARE_KEYCODE + i} = U${c.codePointAt(0)!.toString(16).toUpperCase()}`,
    );
    for (const line of map) onDisplay(x.display, 'xmodmap', ['-e', line]);
    onDisplay(x.display, 'xdotool', ['windowfocus', '--sync', wid]);
    onDisplay(x.display, 'xdotool', ['type', '--delay', '250', TYPED]);
    onDisplay(x.display, 'xdotool', ['key', 'Return']);

    const reference = path.join(artifacts, 'reference.png');
    const drawn = runNode([path.join(repoRoot, 'apps/chat/test/render-text.mjs'), reference, TYPED], env);
    expect(drawn.status, drawn.stderr).toBe(0);
    const expected = readInk(reference);

    // Poll the display until the message is painted (bounded number of tries).
    let score = 0;
    for (let attempt = 0; attempt < 40 && score <= 0.5; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, 100));
      score = bestMatch(readInk(screenshot(wid, 'window.png')), expected).score;
    }
    expect(score).toBeGreaterThan(0.5);
  });
});
