// The start of every Qt app, through the real i18n bundles, with a fake
// process and a fake window: what is printed, what the app is asked to open,
// the screenshot's path and the outcome.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTranslator } from '../../i18n/node/bundles.js';
import { APP_START_KEYS, OFFICE_START_KEYS, RUNNING, exitWith } from '../app-start.js';
import type { AppArgs, AppInfo } from '../app-start.js';
import { packageVersion, startApp } from './app-main.js';
import type { AppProcess, AppWindow, OpenApp } from './app-main.js';

function fakeProcess(argv: string[], env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const proc: AppProcess = {
    argv,
    env,
    stdout: (s) => out.push(s),
    stderr: (s) => err.push(s),
    cwd: '/home/dara',
  };
  return { proc, out, err };
}

function fakeOpen(window: AppWindow | ReturnType<typeof exitWith> = { screenshot: () => true }) {
  const opened: AppArgs[] = [];
  const open: OpenApp = async (args) => {
    opened.push(args);
    return window;
  };
  return { open, opened };
}

const chat = (locale: 'km' | 'en'): AppInfo => ({
  bin: 'koompi-chat',
  name: 'KOOMPI Chat',
  version: '0.1.0',
  t: loadTranslator('chat', { locale }),
  keys: APP_START_KEYS,
});
const write = (locale: 'km' | 'en'): AppInfo => ({
  bin: 'koompi-write',
  name: locale === 'km' ? 'KOOMPI សរសេរ' : 'KOOMPI Write',
  version: '0.1.0',
  t: loadTranslator('office', { locale }),
  keys: OFFICE_START_KEYS,
});

describe('startApp', () => {
  it('prints the version and the usage, exits 0, and opens nothing', async () => {
    const { open, opened } = fakeOpen();
    const version = fakeProcess(['--version']);
    expect(await startApp(chat('en'), open, version.proc)).toEqual({ kind: 'exit', code: 0 });
    expect(version.out).toEqual(['koompi-chat 0.1.0\n']);
    const help = fakeProcess(['-h']);
    expect(await startApp(write('km'), open, help.proc)).toEqual({ kind: 'exit', code: 0 });
    expect(help.out.join('')).toMatch(/^របៀបប្រើ៖ koompi-write \[ឯកសារ…\] \[--screenshot ឯកសារ\]/);
    expect(opened).toEqual([]);
  });

  it('says in Khmer that a desktop is needed when there is no display, exits 3, and opens nothing', async () => {
    const { open, opened } = fakeOpen();
    const none = fakeProcess([], { LANG: 'km_KH.UTF-8' });
    expect(await startApp(chat('km'), open, none.proc)).toEqual({ kind: 'exit', code: 3 });
    expect(none.err.join('')).toContain('KOOMPI ជជែក ត្រូវការផ្ទៃតុ');
    const office = fakeProcess([]);
    expect(await startApp(write('km'), open, office.proc)).toEqual({ kind: 'exit', code: 3 });
    expect(office.err.join('')).toContain('KOOMPI សរសេរ ត្រូវការផ្ទៃតុ');
    expect(office.err.join('')).toContain('koompi-write --screenshot window.png');
    expect(opened).toEqual([]);
  });

  it('refuses an unknown option with the usage in English, exit 2', async () => {
    const { open, opened } = fakeOpen();
    const bad = fakeProcess(['--bogus'], { DISPLAY: ':0' });
    expect(await startApp(chat('en'), open, bad.proc)).toEqual({ kind: 'exit', code: 2 });
    expect(bad.err.join('')).toMatch(/^Unknown option: --bogus\nUsage: koompi-chat/);
    expect(opened).toEqual([]);
  });

  it('draws a screenshot offscreen, saves it to the path resolved from the working folder, exits 0', async () => {
    const saved: string[] = [];
    const { open, opened } = fakeOpen({ screenshot: (file) => (saved.push(file), true) });
    const shot = fakeProcess(['--screenshot', 'shots/chat.png']);
    expect(await startApp(chat('en'), open, shot.proc)).toEqual({ kind: 'exit', code: 0 });
    expect(shot.proc.env['QT_QPA_PLATFORM']).toBe('offscreen');
    expect(opened).toEqual([{ screenshot: 'shots/chat.png', flags: [], files: [] }]);
    expect(saved).toEqual([path.resolve('/home/dara', 'shots/chat.png')]);
    expect(shot.err).toEqual([]);
  });

  it('says where a screenshot could not be saved, in Khmer, and exits 1', async () => {
    const { open } = fakeOpen({ screenshot: async () => false });
    const shot = fakeProcess(['--screenshot=/nonexistent/ថត/x.png'], { DISPLAY: ':0' });
    expect(await startApp(write('km'), open, shot.proc)).toEqual({ kind: 'exit', code: 1 });
    expect(shot.err.join('')).toContain('មិនអាចរក្សាទុករូបថតអេក្រង់ទៅ /nonexistent/ថត/x.png');
  });

  it('keeps running with a window shown, and ends as the app says when it opens none', async () => {
    const shown = fakeOpen();
    expect(await startApp(chat('en'), shown.open, fakeProcess([], { DISPLAY: ':0' }).proc)).toEqual(RUNNING);
    const handedOver = fakeOpen(exitWith(1));
    expect(await startApp(chat('en'), handedOver.open, fakeProcess([], { DISPLAY: ':0' }).proc)).toEqual({
      kind: 'exit',
      code: 1,
    });
    // A windowless service needs no display, and is not drawn even when asked for a screenshot.
    const service = {
      ...chat('en'),
      flags: ['--service'],
      showsWindow: (a: AppArgs) => !a.flags.includes('--service'),
    };
    const headless = fakeOpen(RUNNING);
    expect(await startApp(service, headless.open, fakeProcess(['--service']).proc)).toEqual(RUNNING);
    expect(headless.opened).toEqual([{ flags: ['--service'], files: [] }]);
  });

  it("reads the version from the package.json above a module's folder", () => {
    // core/dist/index.js, as an app's dist/main.js or dist/<bin>.bundle.mjs: core/package.json.
    const built = new URL('../../../dist/index.js', import.meta.url).href;
    expect(packageVersion(built)).toBe('0.1.0');
  });
});
