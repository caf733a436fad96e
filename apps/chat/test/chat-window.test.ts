// The real Chat window, offscreen: Khmer typed into the input line, Send
// clicked, and the message found in the screenshot of the window.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bestMatch, readInk } from '../../../tests/support/image-match.js';
import { lastJson, offscreenEnv, repoRoot, runNode } from '../../../tests/support/qt-env.js';

const artifacts = path.join(repoRoot, 'artifacts', 'chat');
const SENT = 'ដំឡើង Firefox បន្តិចមក';
const NOT_SENT = 'អរគុណច្រើន! ខ្ញុំនឹងត្រឡប់មកវិញ';

interface Driven {
  saved: boolean;
  typed: string;
  inputAfterSend: string;
  messages: Array<{ author: string; text: string }>;
  listCount: number;
  actionShown: boolean;
  actionText: string;
  micEnabled: boolean;
  micToolTip: string;
  accessibleNames: string[];
  welcomeVisibleAfterSend: boolean;
  englishTitle: string;
}

describe('KOOMPI Chat window (offscreen, Khmer)', () => {
  let driven: Driven;

  beforeAll(() => {
    fs.rmSync(artifacts, { recursive: true, force: true });
    fs.mkdirSync(artifacts, { recursive: true });
    const r = runNode(
      [path.join(repoRoot, 'apps/chat/test/drive-chat.mjs'), artifacts, SENT, NOT_SENT],
      offscreenEnv({ LANG: 'km_KH.UTF-8', LC_ALL: '', LANGUAGE: '' }),
    );
    expect(r.status, r.stderr).toBe(0);
    driven = lastJson<Driven>(r.stdout);
  });

  it('takes the Khmer text, sends it on click and empties the input line', () => {
    expect(driven.typed).toBe(SENT);
    expect(driven.messages[0]).toEqual({ author: 'person', text: SENT });
    expect(driven.inputAfterSend).toBe('');
    expect(driven.welcomeVisibleAfterSend).toBe(false);
  });

  it('with no key, says plainly in Khmer that it is offline, and proposes the install for confirmation', () => {
    const [, notice, answer, cancelled] = driven.messages;
    expect(notice?.author).toBe('notice');
    expect(notice?.text).toContain('ក្រៅបណ្ដាញ');
    expect(answer?.author).toBe('assistant');
    expect(answer?.text).toContain('firefox');
    expect(driven.actionShown).toBe(true);
    expect(driven.actionText).toContain('firefox');
    // Cancel was clicked: nothing ran, and the person is told so.
    expect(cancelled).toEqual({ author: 'notice', text: 'បានបោះបង់។ គ្មានអ្វីត្រូវបានផ្លាស់ប្ដូរទេ។' });
    expect(driven.listCount).toBe(driven.messages.length);
  });

  it('shows the sent message in the screenshot, and not a message that was never sent', () => {
    expect(driven.saved).toBe(true);
    const after = readInk(path.join(artifacts, 'chat-after-send.png'));
    const before = readInk(path.join(artifacts, 'chat-before.png'));
    const sent = readInk(path.join(artifacts, 'reference.png'));
    const other = readInk(path.join(artifacts, 'not-sent.png'));
    expect(bestMatch(after, sent).score).toBeGreaterThan(0.5);
    expect(bestMatch(before, sent).score).toBeLessThan(0.2);
    expect(bestMatch(after, other).score).toBeLessThan(0.2);
  });

  it('speaks Khmer: accessible names on every control, the disabled microphone explains itself; switches to English', () => {
    expect(driven.englishTitle).toBe('KOOMPI Chat');
    expect(driven.accessibleNames).toHaveLength(9);
    for (const name of driven.accessibleNames) expect(name).toMatch(/[\u1780-\u17FF]/);
    expect(driven.micEnabled).toBe(false);
    expect(driven.micToolTip).toMatch(/[\u1780-\u17FF]/);
  });
});

describe('koompi-chat --screenshot', () => {
  it('writes a PNG of the main window and exits 0, with no display', () => {
    const out = path.join(artifacts, 'screenshot-cli.png');
    const r = runNode([path.join(repoRoot, 'apps/chat/bin/koompi-chat.js'), '--screenshot', out], offscreenEnv());
    expect(r.status, r.stderr).toBe(0);
    const png = fs.readFileSync(out);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    const { width, height } = readInk(out);
    expect(width).toBeGreaterThanOrEqual(420);
    expect(height).toBeGreaterThanOrEqual(520);
  });

  it('says in Khmer what is wrong when the folder does not exist, and exits 1', () => {
    const r = runNode(
      [path.join(repoRoot, 'apps/chat/bin/koompi-chat.js'), '--screenshot', '/nonexistent/ថត/x.png'],
      offscreenEnv({ LANG: 'km_KH.UTF-8' }),
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('មិនអាចរក្សាទុករូបថតអេក្រង់');
  });

  it('explains, without crashing, that a desktop is needed when there is no display', () => {
    const env = offscreenEnv({ LANG: 'en_US.UTF-8' });
    delete env['QT_QPA_PLATFORM'];
    const r = runNode([path.join(repoRoot, 'apps/chat/bin/koompi-chat.js')], env);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('needs a desktop');
    expect(r.signal).toBeNull();
  });

  it('refuses unknown options with usage, exit 2', () => {
    const r = runNode([path.join(repoRoot, 'apps/chat/bin/koompi-chat.js'), '--bogus'], offscreenEnv({ LANG: 'C' }));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Unknown option: --bogus');
  });
});
