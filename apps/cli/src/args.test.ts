import { describe, expect, it } from 'vitest';
import { parseArgs } from './args.js';

describe('parseArgs', () => {
  it('reads a command, its arguments and global options in any place', () => {
    expect(parseArgs(['package', 'install', 'firefox', '--json', '-y'])).toEqual({
      kind: 'command',
      command: 'package',
      args: ['install', 'firefox'],
      options: { json: true, yes: true, help: false },
    });
  });

  it('turns words that are not a command into a sentence', () => {
    expect(parseArgs(['ដំឡើង', 'firefox'])).toMatchObject({ kind: 'sentence', text: 'ដំឡើង firefox' });
    expect(parseArgs(['install firefox please'])).toMatchObject({ kind: 'sentence', text: 'install firefox please' });
  });

  it('asks for help with no words, --help, or help COMMAND', () => {
    expect(parseArgs([])).toMatchObject({ kind: 'help', topic: undefined });
    expect(parseArgs(['snapshot', '--help'])).toMatchObject({ kind: 'help', topic: 'snapshot' });
    expect(parseArgs(['help', 'package'])).toMatchObject({ kind: 'help', topic: 'package' });
  });

  it('rejects an unknown option, and stops reading options after --', () => {
    expect(parseArgs(['--frobnicate'])).toMatchObject({ kind: 'error', params: { option: '--frobnicate' } });
    expect(parseArgs(['intent', '--', '--json'])).toMatchObject({ kind: 'command', args: ['--json'] });
  });

  it('reads --version', () => {
    expect(parseArgs(['--version'])).toMatchObject({ kind: 'version' });
  });
});
