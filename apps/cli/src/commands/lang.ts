/** `koompi lang [km|en]`: shows or saves the language KOOMPI's apps use. */
import { LOCALES, type Locale } from '@koompi/core';
import { fail, type Context } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';

function isLocale(word: string): word is Locale {
  return (LOCALES as readonly string[]).includes(word);
}

export async function langCommand(ctx: Context, args: readonly string[]): Promise<ExitCode> {
  const { t } = ctx;
  const [language, ...extra] = args;
  if (extra.length > 0)
    return fail(ctx, EXIT.usage, 'usage', 'error.tooMany', { command: 'lang', extra: extra.join(' ') });
  if (language === undefined) {
    const saved = ctx.preferences.read()['language'];
    const current = typeof saved === 'string' && isLocale(saved) ? saved : undefined;
    if (ctx.options.json)
      ctx.io.out(JSON.stringify({ language: current ?? null, locale: t.locale, file: ctx.preferences.file }));
    else if (current) ctx.io.out(t('lang.current', { language: t(`lang.${current}`) }));
    else ctx.io.out(t('lang.unset', { language: t(`lang.${t.locale}`) }));
    return EXIT.ok;
  }
  if (!isLocale(language)) return fail(ctx, EXIT.usage, 'usage', 'error.badLanguage', { language });
  try {
    ctx.preferences.set('language', language);
  } catch (error) {
    const params = { file: ctx.preferences.file, message: (error as Error).message };
    return fail(ctx, EXIT.failure, 'write-failed', 'lang.failed', params);
  }
  // Said in the new language: the person just chose it.
  const spoken = ctx.translatorFor(language);
  if (ctx.options.json) ctx.io.out(JSON.stringify({ language, file: ctx.preferences.file }));
  else ctx.io.out(spoken('lang.saved', { language: spoken(`lang.${language}`) }));
  return EXIT.ok;
}
