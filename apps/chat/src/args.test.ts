import { describe, expect, it } from 'vitest';
import { parseArgs } from './args.js';

describe('parseArgs', () => {
  it('runs the window by default', () => expect(parseArgs([])).toEqual({ kind: 'run' }));
  it('takes --screenshot FILE and --screenshot=FILE, including odd names', () => {
    expect(parseArgs(['--screenshot', 'x.png'])).toEqual({ kind: 'screenshot', file: 'x.png' });
    expect(parseArgs(['--screenshot=ឯកសារ ១.png'])).toEqual({ kind: 'screenshot', file: 'ឯកសារ ១.png' });
  });
  it('refuses --screenshot without a file and unknown flags', () => {
    expect(parseArgs(['--screenshot'])).toEqual({ kind: 'error', key: 'args.missingFile', arg: '--screenshot' });
    expect(parseArgs(['--screenshot', '--help'])).toMatchObject({ kind: 'error', key: 'args.missingFile' });
    expect(parseArgs(['--frobnicate'])).toEqual({ kind: 'error', key: 'args.unknown', arg: '--frobnicate' });
  });
  it('knows --help and --version', () => {
    expect(parseArgs(['-h'])).toEqual({ kind: 'help' });
    expect(parseArgs(['--version'])).toEqual({ kind: 'version' });
  });
});
