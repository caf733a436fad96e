// The public surface of @koompi/core: named exports only. What is not listed
// here is private to core.
export {
  LOCALES,
  MissingMessageError,
  MissingParamError,
  createTranslator,
  flattenMessages,
  intlTag,
  placeholdersOf,
  resolveLocale,
} from './i18n/i18n.js';
export type {
  DigitStyle,
  Locale,
  LocalePreferences,
  MessageParams,
  Messages,
  Translator,
  TranslatorOptions,
} from './i18n/i18n.js';
export {
  BundleError,
  defaultBundleDir,
  listDomains,
  loadTranslator,
  readBundle,
  readPreferences,
} from './i18n/node/bundles.js';
export type { LoadTranslatorOptions } from './i18n/node/bundles.js';
