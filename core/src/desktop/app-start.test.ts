import { describe, expect, it } from 'vitest';
import { createTranslator } from '../i18n/i18n.js';
import { APP_EXIT, OFFICE_START_KEYS, decideAppStart, parseAppArgs } from './app-start.js';
import type { AppInfo } from './app-start.js';

const office = createTranslator({
  locale: 'en',
  messages: {
    'common.usage': 'Usage: {bin} [--screenshot FILE]',
    'common.unknown': 'Unknown option: {arg}',
    'common.missingFile': '{arg} needs a file name',
    'common.displayMissing': '{app} needs a desktop. Try: {bin} --screenshot window.png',
    'common.screenshotFailed': 'Could not save {path}',
  },
});
const write: AppInfo = {
  bin: 'koompi-write',
  name: 'KOOMPI Write',
  version: '0.1.0',
  t: office,
  keys: OFFICE_START_KEYS,
};

describe('app command line', () => {
  it('parses --screenshot FILE and --screenshot=FILE, help, version, and refuses the rest', () => {
    expect(parseAppArgs(['--screenshot', 'a.png'])).toEqual({ kind: 'run', screenshot: 'a.png', flags: [], files: [] });
    expect(parseAppArgs(['--screenshot=ឯកសារ ១.png'])).toMatchObject({ kind: 'run', screenshot: 'ឯកសារ ១.png' });
    expect(parseAppArgs(['--screenshot'])).toEqual({ kind: 'error', reason: 'missingFile', arg: '--screenshot' });
    expect(parseAppArgs(['--screenshot', '--help'])).toMatchObject({ kind: 'error', reason: 'missingFile' });
    expect(parseAppArgs(['--help'])).toEqual({ kind: 'help' });
    expect(parseAppArgs(['-h'])).toEqual({ kind: 'help' });
    expect(parseAppArgs(['--version'])).toEqual({ kind: 'version' });
    expect(parseAppArgs(['--bogus'])).toEqual({ kind: 'error', reason: 'unknown', arg: '--bogus' });
    expect(parseAppArgs([])).toEqual({ kind: 'run', flags: [], files: [] });
  });

  it("takes the app's own switches, in order, and no others", () => {
    const spec = { flags: ['--student', '--teacher', '--demo'] };
    expect(parseAppArgs(['--student', '--screenshot', 'b.png', '--teacher'], spec)).toEqual({
      kind: 'run',
      screenshot: 'b.png',
      flags: ['--student', '--teacher'],
      files: [],
    });
    expect(parseAppArgs(['--student'])).toEqual({ kind: 'error', reason: 'unknown', arg: '--student' });
    expect(parseAppArgs(['--demo', '--service'], spec)).toEqual({ kind: 'error', reason: 'unknown', arg: '--service' });
  });

  it('takes file names only from an app that opens files, and -- ends the options', () => {
    expect(parseAppArgs(['report.docx'])).toEqual({ kind: 'error', reason: 'unknown', arg: 'report.docx' });
    expect(parseAppArgs(['a.docx', 'ក.docx', '--', '--odd.docx'], { files: true })).toEqual({
      kind: 'run',
      flags: [],
      files: ['a.docx', 'ក.docx', '--odd.docx'],
    });
    expect(parseAppArgs(['--', 'x'])).toEqual({ kind: 'error', reason: 'unknown', arg: '--' });
  });
});

describe('app start', () => {
  it('prints help and the version and exits 0', () => {
    expect(decideAppStart(['--help'], {}, write)).toEqual({
      kind: 'exit',
      code: APP_EXIT.ok,
      stdout: 'Usage: koompi-write [--screenshot FILE]',
    });
    expect(decideAppStart(['--version'], {}, write)).toEqual({ kind: 'exit', code: 0, stdout: 'koompi-write 0.1.0' });
  });

  it('refuses usage errors with the usage, exit 2', () => {
    expect(decideAppStart(['-x'], { DISPLAY: ':0' }, write)).toEqual({
      kind: 'exit',
      code: APP_EXIT.usage,
      stderr: 'Unknown option: -x\nUsage: koompi-write [--screenshot FILE]',
    });
    expect(decideAppStart(['--screenshot'], {}, write)).toMatchObject({
      code: 2,
      stderr: '--screenshot needs a file name\nUsage: koompi-write [--screenshot FILE]',
    });
  });

  it('explains that a desktop is needed when there is no display, exit 3', () => {
    expect(decideAppStart([], {}, write)).toEqual({
      kind: 'exit',
      code: APP_EXIT.noDisplay,
      stderr: 'KOOMPI Write needs a desktop. Try: koompi-write --screenshot window.png',
    });
    expect(decideAppStart([], { DISPLAY: '', WAYLAND_DISPLAY: '' }, write)).toMatchObject({ code: 3 });
  });

  it('opens with a display, and for a screenshot without one', () => {
    for (const env of [{ DISPLAY: ':0' }, { WAYLAND_DISPLAY: 'wayland-0' }, { QT_QPA_PLATFORM: 'offscreen' }])
      expect(decideAppStart([], env, write)).toEqual({ kind: 'open', args: { flags: [], files: [] } });
    expect(decideAppStart(['--screenshot', 'w.png'], {}, write)).toEqual({
      kind: 'open',
      args: { screenshot: 'w.png', flags: [], files: [] },
    });
  });

  it('opens a windowless run without a display', () => {
    const service = {
      ...write,
      flags: ['--service'],
      showsWindow: (a: { flags: readonly string[] }) => !a.flags.includes('--service'),
    };
    expect(decideAppStart(['--service'], {}, service)).toEqual({
      kind: 'open',
      args: { flags: ['--service'], files: [] },
    });
    expect(decideAppStart([], {}, service)).toMatchObject({ kind: 'exit', code: 3 });
  });
});
