/** Command-line arguments. Pure, so it can be tested without Qt. */
export type AppArgs =
  | { kind: 'run' }
  | { kind: 'screenshot'; file: string }
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'error'; key: 'common.unknown' | 'common.missingFile'; arg: string };

export function parseArgs(argv: readonly string[]): AppArgs {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') return { kind: 'help' };
    if (arg === '--version') return { kind: 'version' };
    if (arg === '--screenshot' || arg.startsWith('--screenshot=')) {
      const file = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[i + 1];
      if (!file || file.startsWith('-')) return { kind: 'error', key: 'common.missingFile', arg: '--screenshot' };
      return { kind: 'screenshot', file };
    }
    return { kind: 'error', key: 'common.unknown', arg };
  }
  return { kind: 'run' };
}
