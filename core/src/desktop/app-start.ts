/**
 * The start of every Qt app (`koompi-chat`, `koompi-write`, `koompi-present`,
 * `koompi-calculate`, `koompi-classroom`): the command line (`--help`,
 * `--version`, `--screenshot FILE`, the app's own switches, files), what to do
 * without a display, and how the process ends. Pure: argv and environment in,
 * a decision out; `node/app-main.ts` prints, opens the window and exits.
 *
 * @example
 * const start = decideAppStart(['--version'], process.env, { bin: 'koompi-write', name, version, t, keys: OFFICE_START_KEYS });
 * // { kind: 'exit', code: 0, stdout: 'koompi-write 0.1.0' }
 */
import type { Translator } from '../i18n/i18n.js';

/** The exit codes every app shares. */
export const APP_EXIT = {
  ok: 0,
  /** Something the person asked for could not be done (a screenshot not saved, a hand-over refused). */
  failed: 1,
  /** A usage error: an unknown option, `--screenshot` without a file. */
  usage: 2,
  /** No display to show the window on. */
  noDisplay: 3,
} as const;
export type AppExitCode = (typeof APP_EXIT)[keyof typeof APP_EXIT];

/**
 * How an app's start ends: exit now with a code, or keep running — Qt's loop
 * owns the process once a window is visible (it exits when the window closes),
 * and a windowless service runs until it is stopped.
 */
export type AppOutcome = { readonly kind: 'exit'; readonly code: AppExitCode } | { readonly kind: 'running' };

export const RUNNING: AppOutcome = { kind: 'running' };
export function exitWith(code: AppExitCode): AppOutcome {
  return { kind: 'exit', code };
}

/** What the arguments ask of a run. */
export interface AppArgs {
  /** `--screenshot FILE`: draw the window offscreen, save it as a PNG, exit. */
  readonly screenshot?: string;
  /** The app's own switches that were given (of `AppArgsSpec.flags`), in order. */
  readonly flags: readonly string[];
  /** Files to open (only when the app takes files). */
  readonly files: readonly string[];
}

export type ParsedAppArgs =
  | ({ readonly kind: 'run' } & AppArgs)
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'error'; readonly reason: 'unknown' | 'missingFile'; readonly arg: string };

export interface AppArgsSpec {
  /** The app's own switches, e.g. `['--student', '--demo']`; any other option is refused. */
  readonly flags?: readonly string[];
  /** Whether the app opens files named on the command line (else a name is refused as unknown). */
  readonly files?: boolean;
}

export function parseAppArgs(argv: readonly string[], spec: AppArgsSpec = {}): ParsedAppArgs {
  const own = new Set(spec.flags ?? []);
  const flags: string[] = [];
  const files: string[] = [];
  let screenshot: string | undefined;
  let optionsEnded = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const isOption = !optionsEnded && arg.startsWith('-') && arg !== '-';
    if (!isOption) {
      if (!spec.files) return { kind: 'error', reason: 'unknown', arg };
      files.push(arg);
    } else if (arg === '--' && spec.files) optionsEnded = true;
    else if (arg === '--help' || arg === '-h') return { kind: 'help' };
    else if (arg === '--version') return { kind: 'version' };
    else if (arg === '--screenshot' || arg.startsWith('--screenshot=')) {
      const file = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      if (!file || file.startsWith('-')) return { kind: 'error', reason: 'missingFile', arg: '--screenshot' };
      screenshot = file;
    } else if (own.has(arg)) flags.push(arg);
    else return { kind: 'error', reason: 'unknown', arg };
  }
  return screenshot === undefined ? { kind: 'run', flags, files } : { kind: 'run', screenshot, flags, files };
}

/** A display Qt can open: X11, Wayland, or a platform chosen explicitly (offscreen in tests). */
export function hasDisplay(env: Readonly<Record<string, string | undefined>>): boolean {
  return Boolean(env['DISPLAY'] || env['WAYLAND_DISPLAY'] || env['QT_QPA_PLATFORM']);
}

/**
 * Where an app's start-up messages are in its translator. The messages may
 * use `{bin}` and `{app}`; `unknown` and `missingFile` get `{arg}`,
 * `screenshotFailed` gets `{path}`.
 */
export interface AppStartKeys {
  readonly usage: string;
  readonly unknown: string;
  readonly missingFile: string;
  readonly displayMissing: string;
  readonly screenshotFailed: string;
}

/** The keys of an app with its own start-up messages (Chat, Classroom). */
export const APP_START_KEYS: AppStartKeys = {
  usage: 'args.usage',
  unknown: 'args.unknown',
  missingFile: 'args.missingFile',
  displayMissing: 'display.missing',
  screenshotFailed: 'screenshot.failed',
};

/** The office apps' shared messages, in the `office` domain. */
export const OFFICE_START_KEYS: AppStartKeys = {
  usage: 'common.usage',
  unknown: 'common.unknown',
  missingFile: 'common.missingFile',
  displayMissing: 'common.displayMissing',
  screenshotFailed: 'common.screenshotFailed',
};

export interface AppInfo extends AppArgsSpec {
  /** The command, e.g. `koompi-write`. */
  readonly bin: string;
  /** The app's name in the person's language. */
  readonly name: string;
  readonly version: string;
  /** The translator that holds `keys`. */
  readonly t: Translator;
  readonly keys: AppStartKeys;
  /** Whether a run with these arguments shows a window (default: always); a windowless service needs no display. */
  readonly showsWindow?: (args: AppArgs) => boolean;
}

export type AppStart =
  /** Print, then exit with `code`. */
  | { readonly kind: 'exit'; readonly code: AppExitCode; readonly stdout?: string; readonly stderr?: string }
  /** Open the app; with `args.screenshot`, offscreen (`QT_QPA_PLATFORM=offscreen` before Qt loads). */
  | { readonly kind: 'open'; readonly args: AppArgs };

/** What an app does with its arguments: help and version (exit 0), usage errors (2), no display (3), or open. */
export function decideAppStart(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  app: AppInfo,
): AppStart {
  const args = parseAppArgs(argv, app);
  const names = { bin: app.bin, app: app.name };
  const usage = app.t(app.keys.usage, names);
  switch (args.kind) {
    case 'help':
      return { kind: 'exit', code: APP_EXIT.ok, stdout: usage };
    case 'version':
      return { kind: 'exit', code: APP_EXIT.ok, stdout: `${app.bin} ${app.version}` };
    case 'error': {
      const key = args.reason === 'unknown' ? app.keys.unknown : app.keys.missingFile;
      return { kind: 'exit', code: APP_EXIT.usage, stderr: `${app.t(key, { ...names, arg: args.arg })}\n${usage}` };
    }
    case 'run': {
      const run: AppArgs = { screenshot: args.screenshot, flags: args.flags, files: args.files };
      const windowed = app.showsWindow?.(run) ?? true;
      if (windowed && run.screenshot === undefined && !hasDisplay(env))
        return { kind: 'exit', code: APP_EXIT.noDisplay, stderr: app.t(app.keys.displayMissing, names) };
      return { kind: 'open', args: run };
    }
  }
}
