/**
 * `koompi "SENTENCE"`: plain words in Khmer or English. The router says what
 * is meant; koompi shows what it will do and, when that changes anything, asks
 * first (`--yes` answers for the person; with no terminal and no --yes it
 * refuses rather than wait for an answer that cannot come).
 */
import { fail, type Context } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { planFor, showCommand } from '../plan.js';
import { askCommand } from './ask.js';
import { unavailable } from './service.js';

const YES = new Set(['y', 'yes', 'ok', 'okay', 'បាទ', 'ចាស', 'ចា', 'បា', 'អូខេ', 'យល់ព្រម', 'ព្រម']);

export function isYes(answer: string | undefined): boolean {
  return answer !== undefined && YES.has(answer.trim().toLowerCase());
}

export async function sayCommand(
  ctx: Context,
  text: string,
  run: (command: readonly string[]) => Promise<ExitCode>,
): Promise<ExitCode> {
  const { t } = ctx;
  const result = ctx.router.route(text);
  const plan = planFor(ctx, result);
  const understood = { intent: result.intent, slots: result.slots, confidence: result.confidence };
  switch (plan.kind) {
    case 'unknown': {
      const code = fail(ctx, EXIT.notUnderstood, 'not-understood', 'say.notUnderstood', { text }, understood);
      if (!ctx.options.json) ctx.io.err(t('say.examples'));
      return code;
    }
    case 'question':
      return askCommand(ctx, [text]);
    case 'needs-detail':
      return fail(
        ctx,
        EXIT.usage,
        'needs-detail',
        'say.needsDetail',
        { action: plan.action, example: plan.example },
        understood,
      );
    case 'run':
      break;
  }
  const details = { ...understood, command: ['koompi', ...plan.command] };
  if (!ctx.options.json) ctx.io.out(`${t('say.plan', { action: plan.action })}  (${showCommand(plan.command)})`);
  // Ask only when something can actually happen: a service that is down is said first.
  if (plan.service === 'system') {
    const down = await unavailable(ctx, 'system', details);
    if (down !== undefined) return down;
  }
  // The classroom listens on its control socket (no D-Bus name): ask it whether it runs.
  if (plan.service === 'classroom' && (!ctx.classroom || (await ctx.classroom.status()).kind === 'no-service')) {
    return fail(ctx, EXIT.unavailable, 'no-service', 'class.noService', {}, details);
  }
  if (plan.changes && !ctx.options.yes) {
    if (ctx.options.json || !ctx.io.interactive) {
      return fail(ctx, EXIT.needsConfirmation, 'confirmation-required', 'confirm.needsYes', {}, details);
    }
    if (!isYes(await ctx.io.ask(t('confirm.question')))) {
      ctx.io.out(t('confirm.cancelled'));
      return EXIT.cancelled;
    }
  }
  return run(plan.command);
}
