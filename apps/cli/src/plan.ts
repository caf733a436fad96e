/**
 * What koompi would do for what the router understood, read from core's one
 * action table (`INTENT_ACTIONS`): the equivalent command line, whether it
 * changes the computer (and so needs a yes first), which service it needs,
 * and a sentence that says it in the person's language.
 */
import { INTENT_ACTIONS, missingDetail, requestNeedsConfirmation, type IntentResult } from '@koompi/core';
import { appName, type Context } from './context.js';

/** The services a sentence can need before koompi asks its question. */
export type PlanService = 'system' | 'classroom';

export type Plan =
  | {
      readonly kind: 'run';
      /** The same action as `koompi` arguments (`["package", "install", "firefox"]`). */
      readonly command: readonly string[];
      /** True when it changes the computer or the class: ask first. */
      readonly changes: boolean;
      readonly service?: PlanService;
      /** "install Firefox", in the person's language. */
      readonly action: string;
    }
  /** The router knows what kind of thing, not which one ("install an app"). */
  | { readonly kind: 'needs-detail'; readonly action: string; readonly example: string }
  /** A question or a how-to: the assistant's job. */
  | { readonly kind: 'question' }
  | { readonly kind: 'unknown' };

export function planFor(ctx: Context, result: IntentResult): Plan {
  const { intent, slots } = result;
  if (intent === 'help') return { kind: 'question' };
  if (intent === 'unknown') return { kind: 'unknown' };
  const spec = INTENT_ACTIONS[intent];
  if (missingDetail(intent, slots)) {
    return { kind: 'needs-detail', action: describe(ctx, result, true), example: spec.example ?? '' };
  }
  const service: PlanService | undefined =
    spec.needs === 'daemon' ? 'system' : spec.needs === 'classroom' ? 'classroom' : undefined;
  return {
    kind: 'run',
    command: spec.command(slots),
    changes: requestNeedsConfirmation(ctx.catalog, { intent, slots }),
    action: describe(ctx, result, false),
    ...(service ? { service } : {}),
  };
}

/**
 * The action in words: `action.<intent>` with the slots as parameters, or,
 * when a detail is missing, its general form (`action.<intent>Some` / `All`).
 */
function describe(ctx: Context, { intent, slots }: IntentResult, general: boolean): string {
  const { t } = ctx;
  const base = `action.${intent}`;
  const key =
    general || (intent === 'system.info' && !slots.topic)
      ? ([`${base}Some`, `${base}All`].find((k) => t.has(k)) ?? base)
      : base;
  const path = slots.path ?? '~';
  return t(key, {
    app: slots.app ? appName(ctx, slots.app) : '',
    query: slots.query ?? '',
    topic: slots.topic ? t(`topic.${slots.topic}`) : '',
    path: path === '~' ? t('file.home') : path,
    language: slots.language ? t(`lang.${slots.language}`) : '',
  });
}

/** A command line to show people: words with spaces or quotes are quoted. */
export function showCommand(command: readonly string[]): string {
  return ['koompi', ...command]
    .map((w) => (/^[\w@%+=:,./~-]+$/u.test(w) ? w : `"${w.replace(/(["\\$`])/g, '\\$1')}"`))
    .join(' ');
}
