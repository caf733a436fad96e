import { expect, it } from 'vitest';
import { parseArgs } from './args.js';

it('parses --screenshot, help, version and refuses the rest', () => {
  expect(parseArgs(['--screenshot', 'a.png'])).toEqual({ kind: 'screenshot', file: 'a.png' });
  expect(parseArgs(['--screenshot=b.png'])).toEqual({ kind: 'screenshot', file: 'b.png' });
  expect(parseArgs(['--screenshot'])).toMatchObject({ kind: 'error', key: 'common.missingFile' });
  expect(parseArgs(['--help'])).toEqual({ kind: 'help' });
  expect(parseArgs(['--bogus'])).toEqual({ kind: 'error', key: 'common.unknown', arg: '--bogus' });
  expect(parseArgs([])).toEqual({ kind: 'run' });
});
