/**
 * Translation and locale formatting for every KOOMPI app.
 *
 * Messages live in JSON bundles (`i18n/<lang>/<domain>.json`), one domain per
 * app. A message is looked up by key and filled with **named** placeholders
 * (`"{name} sent {count} files"`), never by concatenation: Khmer word order
 * differs from English. Khmer is the default where the locale is `km_KH`.
 *
 * This file is pure: no Node, Qt or D-Bus imports. Loading bundles from disk is
 * done by `node/bundles.ts`.
 *
 * @example
 * const t = createTranslator({ locale: 'km', messages, fallback });
 * t('chat.send'); // "ផ្ញើ"
 * t('chat.sent', { count: 3 }); // "បានផ្ញើ ៣" with Khmer digits
 */

/** The languages KOOMPI ships. Khmer comes first. */
export const LOCALES = ['km', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** Which digits numbers and dates are shown with. */
export type DigitStyle = 'khmer' | 'latin';

export interface LocalePreferences {
  /** Khmer digits (០១២…) or Latin digits (012…). Defaults to Latin. */
  readonly digits: DigitStyle;
}

/** A flat map of message keys to message templates, for one language and domain. */
export type Messages = Readonly<Record<string, string>>;

export type MessageParams = Readonly<Record<string, string | number | Date>>;

/** Thrown when code asks for a key that no bundle defines: a programming error. */
export class MissingMessageError extends Error {
  constructor(
    readonly key: string,
    readonly locale: Locale,
  ) {
    super(`i18n: no message "${key}" for locale "${locale}" or its fallback`);
    this.name = 'MissingMessageError';
  }
}

/** Thrown when a template names a placeholder the caller did not supply. */
export class MissingParamError extends Error {
  constructor(
    readonly key: string,
    readonly param: string,
  ) {
    super(`i18n: message "${key}" needs the parameter {${param}}`);
    this.name = 'MissingParamError';
  }
}

export interface Translator {
  readonly locale: Locale;
  readonly preferences: LocalePreferences;
  /** The message for `key`, with `{placeholders}` filled from `params`. */
  (key: string, params?: MessageParams): string;
  /** True when `key` exists in this language or the fallback. */
  has(key: string): boolean;
  formatNumber(value: number, options?: Intl.NumberFormatOptions): string;
  formatDate(value: Date, options?: Intl.DateTimeFormatOptions): string;
}

/**
 * Picks the UI language from POSIX locale variables, in POSIX precedence
 * (`LC_ALL`, then `LC_MESSAGES`, then `LANG`). `km_KH.UTF-8`, `km_KH` and `km`
 * give Khmer; anything else gives English. `LANGUAGE` (a GNU priority list such
 * as `km:en`) is honoured first when set.
 */
export function resolveLocale(env: Readonly<Record<string, string | undefined>>): Locale {
  const language = env['LANGUAGE'];
  if (language) {
    for (const entry of language.split(':')) {
      const found = localeOf(entry);
      if (found) return found;
    }
  }
  const posix = env['LC_ALL'] || env['LC_MESSAGES'] || env['LANG'] || '';
  return localeOf(posix) ?? 'en';
}

function localeOf(tag: string): Locale | undefined {
  const lang = tag
    .trim()
    .toLowerCase()
    .split(/[_.@-]/)[0];
  if (lang === 'km') return 'km';
  if (lang === 'en' || lang === 'c' || lang === 'posix') return 'en';
  return undefined;
}

/** The BCP 47 tag used with `Intl` for a locale and digit preference. */
export function intlTag(locale: Locale, digits: DigitStyle): string {
  const base = locale === 'km' ? 'km-KH' : 'en-US';
  return `${base}-u-nu-${digits === 'khmer' ? 'khmr' : 'latn'}`;
}

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** The placeholder names a template uses, in order of first appearance. */
export function placeholdersOf(template: string): string[] {
  const names: string[] = [];
  for (const match of template.matchAll(PLACEHOLDER)) {
    const name = match[1];
    if (name !== undefined && !names.includes(name)) names.push(name);
  }
  return names;
}

export interface TranslatorOptions {
  readonly locale: Locale;
  readonly messages: Messages;
  /** English messages, used for keys missing in `messages` (never silently: see the i18n test). */
  readonly fallback?: Messages;
  readonly preferences?: Partial<LocalePreferences>;
}

export function createTranslator(options: TranslatorOptions): Translator {
  const { locale, messages, fallback = {} } = options;
  const preferences: LocalePreferences = { digits: options.preferences?.digits ?? 'latin' };
  const tag = intlTag(locale, preferences.digits);
  const numberFormat = new Intl.NumberFormat(tag);

  const formatNumber = (value: number, opts?: Intl.NumberFormatOptions): string =>
    opts ? new Intl.NumberFormat(tag, opts).format(value) : numberFormat.format(value);
  const formatDate = (value: Date, opts?: Intl.DateTimeFormatOptions): string =>
    new Intl.DateTimeFormat(tag, opts ?? { dateStyle: 'long' }).format(value);

  const lookup = (key: string): string | undefined =>
    Object.hasOwn(messages, key) ? messages[key] : Object.hasOwn(fallback, key) ? fallback[key] : undefined;

  const translate = (key: string, params: MessageParams = {}): string => {
    const template = lookup(key);
    if (template === undefined) throw new MissingMessageError(key, locale);
    return template.replace(PLACEHOLDER, (_whole, name: string) => {
      if (!Object.hasOwn(params, name)) throw new MissingParamError(key, name);
      const value = params[name];
      if (typeof value === 'number') return formatNumber(value);
      if (value instanceof Date) return formatDate(value);
      return String(value);
    });
  };

  return Object.assign(translate, {
    locale,
    preferences,
    has: (key: string) => lookup(key) !== undefined,
    formatNumber,
    formatDate,
  });
}

/** Flattens a nested bundle (`{"menu": {"open": "…"}}`) into dotted keys (`menu.open`). */
export function flattenMessages(tree: unknown, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  if (tree === null || typeof tree !== 'object' || Array.isArray(tree)) {
    throw new TypeError(`i18n: a bundle must be a JSON object${prefix ? ` at "${prefix}"` : ''}`);
  }
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out[full] = value;
    else Object.assign(out, flattenMessages(value, full));
  }
  return out;
}
