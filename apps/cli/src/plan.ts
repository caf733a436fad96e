/**
 * From what the router understood to what koompi would do: the equivalent
 * command line, whether it changes the computer (and so needs a yes first),
 * which service it needs, and a sentence that says it in the person's language.
 */
import type { IntentResult, ServiceId } from '@koompi/core';
import { appName, type Context } from './context.js';

export type Plan =
  | {
      readonly kind: 'run';
      /** The same action as `koompi` arguments (`["package", "install", "firefox"]`). */
      readonly command: readonly string[];
      /** True when it changes the computer or the class: ask first. */
      readonly changes: boolean;
      readonly service?: ServiceId;
      /** "install Firefox", in the person's language. */
      readonly action: string;
    }
  /** The router knows what kind of thing, not which one ("install an app"). */
  | { readonly kind: 'needs-detail'; readonly action: string; readonly example: string }
  /** A question or a how-to: the assistant's job. */
  | { readonly kind: 'question' }
  | { readonly kind: 'unknown' };

export function planFor(ctx: Context, result: IntentResult): Plan {
  const { t } = ctx;
  const { slots } = result;
  const run = (command: string[], changes: boolean, action: string, service?: ServiceId): Plan =>
    service ? { kind: 'run', command, changes, action, service } : { kind: 'run', command, changes, action };
  const detail = (action: string, example: string): Plan => ({ kind: 'needs-detail', action, example });

  switch (result.intent) {
    case 'package.install':
    case 'package.remove': {
      const verb = result.intent === 'package.install' ? 'install' : 'remove';
      if (!slots.app) return detail(t(`action.package.${verb}Some`), `koompi package ${verb} firefox`);
      return run(
        ['package', verb, slots.app],
        true,
        t(`action.package.${verb}`, { app: appName(ctx, slots.app) }),
        'system',
      );
    }
    case 'package.search':
      return slots.query
        ? run(['package', 'search', slots.query], false, t('action.package.search', { query: slots.query }))
        : detail(t('action.package.searchAll'), 'koompi package search browser');
    case 'system.update':
      return run(['package', 'update'], true, t('action.system.update'), 'system');
    case 'snapshot.create':
      return run(['snapshot', 'create'], true, t('action.snapshot.create'), 'system');
    case 'snapshot.list':
      return run(['snapshot', 'list'], false, t('action.snapshot.list'), 'system');
    case 'snapshot.rollback':
      return run(['snapshot', 'rollback'], true, t('action.snapshot.rollback'), 'system');
    case 'snapshot.delete':
      return detail(t('action.snapshot.delete'), 'koompi snapshot list; koompi snapshot delete ID');
    case 'system.info':
      return slots.topic
        ? run(['info', slots.topic], false, t('action.system.info', { topic: t(`topic.${slots.topic}`) }))
        : run(['info'], false, t('action.system.infoAll'));
    case 'file.find':
      return slots.query
        ? run(['file', 'find', slots.query], false, t('action.file.find', { query: slots.query }))
        : detail(t('action.file.findSome'), 'koompi file find essay');
    case 'file.backup': {
      const path = slots.path ?? '~';
      const shown = path === '~' ? t('file.home') : path;
      return run(['file', 'backup', path], true, t('action.file.backup', { path: shown }), 'system');
    }
    case 'classroom.share':
      return detail(t('action.classroom.share'), 'koompi class share lesson.pdf');
    case 'classroom.collect':
    case 'classroom.online':
    case 'classroom.lock':
    case 'classroom.unlock': {
      const verb = result.intent.slice('classroom.'.length);
      return run(['class', verb], verb !== 'online', t(`action.classroom.${verb}`), 'classroom');
    }
    case 'app.open':
      return slots.app
        ? run(['open', slots.app], false, t('action.app.open', { app: appName(ctx, slots.app) }))
        : detail(t('action.app.openSome'), 'koompi open chat');
    case 'settings.language':
      return slots.language
        ? run(['lang', slots.language], true, t('action.settings.language', { language: t(`lang.${slots.language}`) }))
        : detail(t('action.settings.languageSome'), 'koompi lang km');
    case 'help':
      return { kind: 'question' };
    case 'unknown':
      return { kind: 'unknown' };
  }
}

/** A command line to show people: words with spaces or quotes are quoted. */
export function showCommand(command: readonly string[]): string {
  return ['koompi', ...command]
    .map((w) => (/^[\w@%+=:,./~-]+$/u.test(w) ? w : `"${w.replace(/(["\\$`])/g, '\\$1')}"`))
    .join(' ');
}
