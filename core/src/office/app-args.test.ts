import { describe, expect, it } from 'vitest';
import { createTranslator } from '../i18n/i18n.js';
import { officeAppStart, officeFileArgs, parseOfficeAppArgs } from './app-args.js';

const office = createTranslator({
  locale: 'en',
  messages: {
    'common.usage': 'Usage: {bin} [--screenshot FILE]',
    'common.unknown': 'Unknown option: {arg}',
    'common.missingFile': '{arg} needs a file name',
    'common.displayMissing': '{app} needs a desktop. Try: {bin} --screenshot window.png',
  },
});
const app = { bin: 'koompi-write', name: 'KOOMPI Write', version: '0.1.0' };

describe('office app command line', () => {
  it('parses --screenshot, help, version and refuses the rest', () => {
    expect(parseOfficeAppArgs(['--screenshot', 'a.png'])).toEqual({ kind: 'screenshot', file: 'a.png' });
    expect(parseOfficeAppArgs(['--screenshot=b.png'])).toEqual({ kind: 'screenshot', file: 'b.png' });
    expect(parseOfficeAppArgs(['--screenshot'])).toMatchObject({ kind: 'error', key: 'common.missingFile' });
    expect(parseOfficeAppArgs(['--screenshot', '--help'])).toMatchObject({ kind: 'error', key: 'common.missingFile' });
    expect(parseOfficeAppArgs(['--help'])).toEqual({ kind: 'help' });
    expect(parseOfficeAppArgs(['-h'])).toEqual({ kind: 'help' });
    expect(parseOfficeAppArgs(['--bogus'])).toEqual({ kind: 'error', key: 'common.unknown', arg: '--bogus' });
    expect(parseOfficeAppArgs(['a.odt', 'ឯកសារ.docx'])).toEqual({ kind: 'run' });
    expect(parseOfficeAppArgs(['--', '--bogus.odt'])).toEqual({ kind: 'run' });
    expect(parseOfficeAppArgs([])).toEqual({ kind: 'run' });
  });

  it('decides: help and version exit 0, usage errors 2, no display 3, else run or draw offscreen', () => {
    expect(officeAppStart(['--help'], {}, office, app)).toEqual({
      kind: 'exit',
      code: 0,
      stdout: 'Usage: koompi-write [--screenshot FILE]',
    });
    expect(officeAppStart(['--version'], {}, office, app)).toEqual({
      kind: 'exit',
      code: 0,
      stdout: 'koompi-write 0.1.0',
    });
    expect(officeAppStart(['-x'], {}, office, app)).toEqual({
      kind: 'exit',
      code: 2,
      stderr: 'Unknown option: -x\nUsage: koompi-write [--screenshot FILE]',
    });
    expect(officeAppStart([], {}, office, app)).toEqual({
      kind: 'exit',
      code: 3,
      stderr: 'KOOMPI Write needs a desktop. Try: koompi-write --screenshot window.png',
    });
    expect(officeAppStart(['--screenshot', 'w.png'], {}, office, app)).toEqual({ kind: 'screenshot', file: 'w.png' });
    for (const env of [{ DISPLAY: ':0' }, { WAYLAND_DISPLAY: 'wayland-0' }, { QT_QPA_PLATFORM: 'offscreen' }])
      expect(officeAppStart([], env, office, app)).toEqual({ kind: 'run' });
  });
});

describe('officeFileArgs', () => {
  it('lists the files to open, not the options or the screenshot file', () => {
    expect(officeFileArgs(['a.odt', '--screenshot', 'shot.png', 'របាយការណ៍.docx'])).toEqual(['a.odt', 'របាយការណ៍.docx']);
    expect(officeFileArgs(['--', '-dash.odt'])).toEqual(['-dash.odt']);
    expect(officeFileArgs([])).toEqual([]);
  });
});
