import { describe, expect, it } from 'vitest';
import { parseArgs } from './args.js';

describe('koompi-classroom arguments', () => {
  it('opens the teacher window by default and the student widget with --student', () => {
    expect(parseArgs([])).toEqual({ kind: 'run', role: 'teacher', demo: false });
    expect(parseArgs(['--student', '--demo'])).toEqual({ kind: 'run', role: 'student', demo: true });
    expect(parseArgs(['--screenshot', 'a.png'])).toEqual({
      kind: 'run',
      role: 'teacher',
      demo: false,
      screenshot: 'a.png',
    });
    expect(parseArgs(['--screenshot=b.png', '--student'])).toMatchObject({ role: 'student', screenshot: 'b.png' });
    expect(parseArgs(['--service', '--student'])).toEqual({ kind: 'service', role: 'student' });
  });
  it('explains a missing file name and an unknown option', () => {
    expect(parseArgs(['--screenshot'])).toEqual({ kind: 'error', key: 'args.missingFile', arg: '--screenshot' });
    expect(parseArgs(['--frobnicate'])).toEqual({ kind: 'error', key: 'args.unknown', arg: '--frobnicate' });
  });
});
