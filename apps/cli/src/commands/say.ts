/**
 * `koompi "SENTENCE"`: plain words in Khmer or English. The router says what
 * is meant and core's action table what it takes; koompi shows what it will
 * do and, when that changes anything, asks first (`confirmAtTerminal`), then
 * runs the same command as typed, which goes through core's action runner.
 */
import { launchableApp } from '@koompi/core';
import { confirmAtTerminal } from '../actions.js';
import { fail, type Context } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { planFor, showCommand } from '../plan.js';
import { askCommand } from './ask.js';

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
  // Nothing is asked of a service before: after the yes, its own answer says whether it is there.
  // A program the catalog does not know is refused by `koompi open` anyway: no question for it.
  const refusedAnyway = result.intent === 'app.open' && !launchableApp(ctx.catalog, result.slots.app ?? '');
  if (plan.changes && !refusedAnyway) {
    const refused = await confirmAtTerminal(ctx, details);
    if (refused !== undefined) return refused;
  }
  return run(plan.command);
}
