/** Command-line arguments of koompi-classroom. Pure, so it can be tested without Qt. */
export type ClassroomArgs =
  | { kind: 'run'; role: 'teacher' | 'student'; demo: boolean; screenshot?: string }
  /** Headless: keep the classroom running for `koompi class …`, no window. */
  | { kind: 'service'; role: 'teacher' | 'student' }
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'error'; key: 'args.unknown' | 'args.missingFile'; arg: string };

export function parseArgs(argv: readonly string[]): ClassroomArgs {
  let role: 'teacher' | 'student' = 'teacher';
  let demo = false;
  let screenshot: string | undefined;
  let service = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') return { kind: 'help' };
    if (arg === '--version') return { kind: 'version' };
    if (arg === '--student') role = 'student';
    else if (arg === '--teacher') role = 'teacher';
    else if (arg === '--demo') demo = true;
    else if (arg === '--service') service = true;
    else if (arg === '--screenshot' || arg.startsWith('--screenshot=')) {
      const file = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      if (!file || file.startsWith('-')) return { kind: 'error', key: 'args.missingFile', arg: '--screenshot' };
      screenshot = file;
    } else return { kind: 'error', key: 'args.unknown', arg };
  }
  if (service) return { kind: 'service', role };
  return screenshot === undefined ? { kind: 'run', role, demo } : { kind: 'run', role, demo, screenshot };
}
