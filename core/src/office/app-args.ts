/**
 * The command line of the office apps (`koompi-write`, `koompi-present`,
 * `koompi-calculate`): `--screenshot FILE`, `--help`, `--version`, and what to
 * do without a display. Pure: argv and environment in, a decision out; the
 * app's `main.ts` prints and exits.
 *
 * @example
 * const start = officeAppStart(process.argv.slice(2), process.env, office, { bin: 'koompi-write', name, version });
 * if (start.kind === 'exit') { write(start.stdout, start.stderr); return start.code; }
 */
import type { Translator } from '../i18n/i18n.js';

export type OfficeAppArgs =
  | { readonly kind: 'run' }
  | { readonly kind: 'screenshot'; readonly file: string }
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'error'; readonly key: 'common.unknown' | 'common.missingFile'; readonly arg: string };

export function parseOfficeAppArgs(argv: readonly string[]): OfficeAppArgs {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') return { kind: 'help' };
    if (arg === '--version') return { kind: 'version' };
    if (arg === '--screenshot' || arg.startsWith('--screenshot=')) {
      const file = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[i + 1];
      if (!file || file.startsWith('-')) return { kind: 'error', key: 'common.missingFile', arg: '--screenshot' };
      return { kind: 'screenshot', file };
    }
    if (arg === '--') break;
    // a file to open (`koompi-write notes.odt`): the window reads it with officeFileArgs
    if (!arg.startsWith('-') || arg === '-') continue;
    return { kind: 'error', key: 'common.unknown', arg };
  }
  return { kind: 'run' };
}

/** The files named on the command line (`koompi-write a.odt -- -b.odt`): every argument that is not an option. */
export function officeFileArgs(argv: readonly string[]): string[] {
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') return [...files, ...argv.slice(i + 1)];
    if (arg === '--screenshot') i++;
    else if (!arg.startsWith('-') && arg !== '') files.push(arg);
  }
  return files;
}

/** A display Qt can open: X11, Wayland, or a platform chosen explicitly (offscreen in tests). */
export function hasDisplay(env: Readonly<Record<string, string | undefined>>): boolean {
  return Boolean(env['DISPLAY'] || env['WAYLAND_DISPLAY'] || env['QT_QPA_PLATFORM']);
}

export type OfficeAppStart =
  | { readonly kind: 'run' }
  /** Draw offscreen (set `QT_QPA_PLATFORM=offscreen` before Qt loads), save a PNG, exit. */
  | { readonly kind: 'screenshot'; readonly file: string }
  | { readonly kind: 'exit'; readonly code: 0 | 2 | 3; readonly stdout?: string; readonly stderr?: string };

export interface OfficeAppInfo {
  /** The command, e.g. `koompi-write`. */
  readonly bin: string;
  /** The app's name in the person's language. */
  readonly name: string;
  readonly version: string;
}

/** What an office app does with its arguments: help, version and usage errors (exit 2), no display (exit 3), or run. */
export function officeAppStart(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  office: Translator,
  app: OfficeAppInfo,
): OfficeAppStart {
  const args = parseOfficeAppArgs(argv);
  const usage = office('common.usage', { bin: app.bin });
  switch (args.kind) {
    case 'help':
      return { kind: 'exit', code: 0, stdout: usage };
    case 'version':
      return { kind: 'exit', code: 0, stdout: `${app.bin} ${app.version}` };
    case 'error':
      return { kind: 'exit', code: 2, stderr: `${office(args.key, { arg: args.arg })}\n${usage}` };
    case 'screenshot':
      return args;
    case 'run':
      if (!hasDisplay(env))
        return { kind: 'exit', code: 3, stderr: office('common.displayMissing', { app: app.name, bin: app.bin }) };
      return args;
  }
}
