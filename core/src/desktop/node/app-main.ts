/**
 * Runs an app's start (`../app-start.ts`): prints help, version and the
 * messages of a refused start, chooses the offscreen platform for
 * `--screenshot` before Qt loads, opens the app, saves the screenshot, and
 * ends the process with the outcome. An app's `main.ts` is its `open`.
 *
 * @example
 * runApp({ bin: 'koompi-write', name: t('window.title'), version: packageVersion(import.meta.url), t: office, keys: OFFICE_START_KEYS },
 *   async () => { const win = …; win.show(); return { screenshot: (file) => saveScreenshot(win.window, file) }; });
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_EXIT, RUNNING, decideAppStart, exitWith } from '../app-start.js';
import type { AppArgs, AppInfo, AppOutcome } from '../app-start.js';

/** An opened app's main window, as far as the start-up needs it. */
export interface AppWindow {
  /** Saves the window as a PNG; false when the file could not be written. */
  screenshot(file: string): boolean | Promise<boolean>;
}

/**
 * Opens the app for these arguments: its window (shown), or an outcome when
 * there is none — handed over to an app already running, or a windowless
 * service (`RUNNING`).
 */
export type OpenApp = (args: AppArgs) => Promise<AppWindow | AppOutcome>;

export interface AppProcess {
  readonly argv: readonly string[];
  /** Read for the display; `QT_QPA_PLATFORM` is set in it for a screenshot. */
  readonly env: Record<string, string | undefined>;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Where a relative screenshot file name is resolved. */
  readonly cwd: string;
}

function isOutcome(opened: AppWindow | AppOutcome): opened is AppOutcome {
  return 'kind' in opened;
}

/** The start of an app, up to its outcome. */
export async function startApp(app: AppInfo, open: OpenApp, proc: AppProcess): Promise<AppOutcome> {
  const start = decideAppStart(proc.argv, proc.env, app);
  if (start.kind === 'exit') {
    if (start.stdout) proc.stdout(`${start.stdout}\n`);
    if (start.stderr) proc.stderr(`${start.stderr}\n`);
    return exitWith(start.code);
  }
  const { args } = start;
  // Draw without any display server, whatever the session has.
  if (args.screenshot !== undefined) proc.env['QT_QPA_PLATFORM'] = 'offscreen';
  const opened = await open(args);
  if (isOutcome(opened)) return opened;
  if (args.screenshot === undefined) return RUNNING;
  const file = path.resolve(proc.cwd, args.screenshot);
  if (await opened.screenshot(file)) return exitWith(APP_EXIT.ok);
  proc.stderr(`${app.t(app.keys.screenshotFailed, { bin: app.bin, app: app.name, path: file })}\n`);
  return exitWith(APP_EXIT.failed);
}

/** This process, for `startApp`. */
export function thisProcess(): AppProcess {
  return {
    argv: process.argv.slice(2),
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
  };
}

/** An app's `main`: starts it in this process and exits with its outcome (a crash is exit 1). */
export function runApp(app: AppInfo, open: OpenApp): void {
  startApp(app, open, thisProcess()).then(
    (outcome) => {
      if (outcome.kind === 'exit') process.exit(outcome.code);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(APP_EXIT.failed);
    },
  );
}

/** The version in the package.json above a module's folder (`dist/main.js` or `dist/<bin>.bundle.mjs`). */
export function packageVersion(moduleUrl: string): string {
  const file = path.join(path.dirname(fileURLToPath(moduleUrl)), '..', 'package.json');
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
}
