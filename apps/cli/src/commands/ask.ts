/**
 * `koompi ask QUESTION`. With no AI service yet, the answer comes from the
 * offline router: what it understood, the command that would do it, and a
 * plain statement that the assistant is offline.
 */
import { fail, type Context } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { planFor, showCommand } from '../plan.js';

export async function askCommand(ctx: Context, args: readonly string[]): Promise<ExitCode> {
  const { t } = ctx;
  const text = args.join(' ').trim();
  if (text === '') return fail(ctx, EXIT.usage, 'usage', 'error.missingQuery');
  const result = ctx.router.route(text);
  const plan = planFor(ctx, result);
  const lines = [t('ask.offline')];
  let action: Record<string, unknown> | undefined;
  switch (plan.kind) {
    case 'run':
      lines.push(t('ask.understood', { action: plan.action }), t('ask.run', { command: showCommand(plan.command) }));
      action = {
        command: ['koompi', ...plan.command],
        changes: plan.changes,
        ...(plan.service ? { service: plan.service } : {}),
      };
      break;
    case 'needs-detail':
      lines.push(t('ask.understood', { action: plan.action }), t('ask.run', { command: plan.example }));
      break;
    case 'question':
      lines.push(t('ask.question'));
      break;
    case 'unknown':
      lines.push(t('ask.unknown'), t('say.examples'));
      break;
  }
  if (ctx.options.json) {
    const answer = { text: lines.join('\n'), source: 'offline', ...result, ...(action ? { action } : {}) };
    ctx.io.out(JSON.stringify(answer));
  } else {
    for (const line of lines) ctx.io.out(line);
  }
  return plan.kind === 'unknown' ? EXIT.notUnderstood : EXIT.ok;
}
