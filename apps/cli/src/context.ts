/**
 * What every command gets: the translator, the terminal, and the adapters,
 * injected by main.ts (tests inject fakes). Helpers here print answers and
 * errors the same way in every command: text for people, JSON with --json.
 */
import type {
  ClassroomClient,
  AppLauncher,
  Catalog,
  FileFinder,
  IntentRouter,
  Locale,
  MessageParams,
  SystemInfoSource,
  Translator,
} from '@koompi/core';
import type { GlobalOptions } from './args.js';
import type { SystemDaemon } from '@koompi/core';
import type { ExitCode } from './exit-codes.js';
import type { PreferencesStore } from './preferences.js';

export interface Io {
  /** Writes a line to standard output. */
  out(text: string): void;
  /** Writes a line to standard error. */
  err(text: string): void;
  /** The lines of standard input, as they arrive. */
  lines(): AsyncIterable<string>;
  /** True when standard input is a terminal a person can answer in. */
  readonly interactive: boolean;
  /** Shows `question` on standard error and reads one line of answer (undefined at end of input). */
  ask(question: string): Promise<string | undefined>;
  /** Shows a progress line on standard error: redrawn in place on a terminal, a new line per change otherwise. */
  progress(line: string): void;
  /** Ends the progress line (a terminal gets its newline). */
  endProgress(): void;
}

/** The assistant for `koompi ask`, made on first use (it opens the history and finds the key). */
export type AssistantFactory = () => Promise<{
  ask(text: string): AsyncIterable<import('@koompi/core').AiEvent>;
  close(): void;
}>;

export interface Context {
  readonly t: Translator;
  /** A translator for another language ("Language set to Khmer" is said in Khmer). */
  readonly translatorFor: (locale: Locale) => Translator;
  readonly io: Io;
  readonly options: GlobalOptions;
  readonly router: IntentRouter;
  readonly catalog: Catalog;
  /** koompid's methods (packages, snapshots); when it is not there, each call answers `unavailable`. */
  readonly daemon: SystemDaemon;
  readonly launcher: AppLauncher;
  readonly info: SystemInfoSource;
  readonly files: FileFinder;
  readonly preferences: PreferencesStore;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly version: string;
  /** Absent in tests that check the router's offline answer alone. */
  readonly assistant?: AssistantFactory;
  /** The classroom running for this user (its control socket). */
  readonly classroom?: ClassroomClient;
}

/** Prints a result: `json` with --json, else the text lines. */
export function emit(ctx: Context, json: unknown, lines: readonly string[]): void {
  if (ctx.options.json) ctx.io.out(JSON.stringify(json));
  else for (const line of lines) ctx.io.out(line);
}

/**
 * Reports an expected failure and returns its exit code. With --json the error
 * is a JSON object on standard output (`{"error": {"code", "message"}}`), so a
 * script reads one stream; otherwise the message goes to standard error.
 */
export function fail(
  ctx: Context,
  exit: ExitCode,
  code: string,
  key: string,
  params: MessageParams = {},
  extra: Record<string, unknown> = {},
): ExitCode {
  const message = ctx.t(key, params);
  if (ctx.options.json) ctx.io.out(JSON.stringify({ error: { code, message, ...extra } }));
  else ctx.io.err(message);
  return exit;
}

/** An app's name in the person's language, or the id when the catalog does not know it. */
export function appName(ctx: Context, id: string): string {
  const app = ctx.catalog.get(id) ?? ctx.catalog.findByName(id);
  return app ? app.name[ctx.t.locale] : id;
}
