import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeAtomicSync } from '../../fs/node/atomic.js';
import { findUpward } from '../../fs/node/find-up.js';
import {
  LOCALES,
  createTranslator,
  flattenMessages,
  resolveLocale,
  type DigitStyle,
  type Locale,
  type LocalePreferences,
  type Messages,
  type Translator,
} from '../i18n.js';

/** Thrown when a bundle file exists but cannot be read as a JSON object of strings. */
export class BundleError extends Error {
  constructor(
    readonly file: string,
    options: { cause: unknown },
  ) {
    super(`i18n: cannot read bundle ${file}`, options);
    this.name = 'BundleError';
  }
}

/**
 * Where the bundles are: `$KOOMPI_I18N_DIR`, else the repository's `i18n/`
 * (development and tests), else `/usr/share/koompi/i18n` (the installed OS).
 */
export function defaultBundleDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env['KOOMPI_I18N_DIR']) return env['KOOMPI_I18N_DIR'];
  return findUpward(import.meta.url, 'i18n', 'en/common.json') ?? '/usr/share/koompi/i18n';
}

/** Reads one domain's messages for one language; a missing file is an empty bundle. */
export function readBundle(dir: string, locale: Locale, domain: string): Messages {
  if (!/^[a-z][a-z0-9-]*$/.test(domain)) throw new RangeError(`i18n: bad domain name "${domain}"`);
  const file = path.join(dir, locale, `${domain}.json`);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new BundleError(file, { cause: error });
  }
  try {
    return flattenMessages(JSON.parse(text));
  } catch (error) {
    throw new BundleError(file, { cause: error });
  }
}

/** Lists the domains (file names without `.json`) present for a language. */
export function listDomains(dir: string, locale: Locale): string[] {
  const folder = path.join(dir, locale);
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

/** `$XDG_CONFIG_HOME/koompi/preferences.json` (default `~/.config/...`). */
export function preferencesFile(env: NodeJS.ProcessEnv = process.env): string {
  const configHome = env['XDG_CONFIG_HOME'] || path.join(env['HOME'] || os.homedir(), '.config');
  return path.join(configHome, 'koompi', 'preferences.json');
}

function readPreferencesFile(env: NodeJS.ProcessEnv): Record<string, unknown> {
  try {
    const saved = JSON.parse(fs.readFileSync(preferencesFile(env), 'utf8')) as unknown;
    return saved && typeof saved === 'object' && !Array.isArray(saved) ? (saved as Record<string, unknown>) : {};
  } catch {
    return {}; // no saved preferences, or unreadable ones: the defaults apply
  }
}

export interface SavedPreferences extends Partial<LocalePreferences> {
  /** The language the person chose in KOOMPI (Chat's switch, `koompi lang`). */
  readonly language?: Locale;
}

/**
 * Reads the person's preferences: `~/.config/koompi/preferences.json`
 * (`{"language": "km", "digits": "khmer"}`); `KOOMPI_DIGITS=khmer|latin` overrides digits.
 */
export function readPreferences(env: NodeJS.ProcessEnv = process.env): SavedPreferences {
  const saved = readPreferencesFile(env);
  const prefs: { digits?: DigitStyle; language?: Locale } = {};
  if (saved['digits'] === 'khmer' || saved['digits'] === 'latin') prefs.digits = saved['digits'];
  if (saved['language'] === 'km' || saved['language'] === 'en') prefs.language = saved['language'];
  const fromEnv = env['KOOMPI_DIGITS'];
  if (fromEnv === 'khmer' || fromEnv === 'latin') prefs.digits = fromEnv;
  return prefs;
}

/** Saves preference keys, keeping the others; written beside and renamed, so never half a file. */
export function savePreferences(patch: SavedPreferences, env: NodeJS.ProcessEnv = process.env): void {
  const file = preferencesFile(env);
  const next = { ...readPreferencesFile(env), ...patch };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  writeAtomicSync(file, `${JSON.stringify(next, null, 2)}\n`);
}

export interface LoadTranslatorOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly dir?: string;
  readonly locale?: Locale;
}

/**
 * The translator an app uses: the language the person chose in KOOMPI, else
 * the one from the environment (Khmer for `km_KH*`); its domain plus the shared
 * `common` domain, English as fallback.
 *
 * @example
 * const t = loadTranslator('chat');
 * window.setWindowTitle(t('window.title'));
 */
export function loadTranslator(domain: string, options: LoadTranslatorOptions = {}): Translator {
  const env = options.env ?? process.env;
  const dir = options.dir ?? defaultBundleDir(env);
  const preferences = readPreferences(env);
  // The person's choice in KOOMPI wins over the system locale.
  const locale = options.locale ?? preferences.language ?? resolveLocale(env);
  const load = (l: Locale): Messages => ({ ...readBundle(dir, l, 'common'), ...readBundle(dir, l, domain) });
  return createTranslator({
    locale,
    messages: load(locale),
    fallback: locale === 'en' ? {} : load('en'),
    preferences,
  });
}

export { LOCALES };
