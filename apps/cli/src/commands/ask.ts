/**
 * `koompi ask QUESTION`: the assistant's answer — Gemini when a key is set up,
 * the offline engine otherwise, and the person is told plainly which. A
 * proposed action is shown with the koompi command that does it, and runs
 * only with `--yes` (it goes through the same checks as a plain sentence).
 * The JSON has `text`, `source` ("cloud" or "offline"), what the router
 * understood, and `action` when one is proposed.
 */
import type { AiEvent, OfflineReason, ProposedAction } from '@koompi/core';
import { fail, type Context } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { planFor, showCommand } from '../plan.js';

interface Answer {
  text: string;
  source: 'cloud' | 'offline';
  offline?: { reason: OfflineReason; message: string };
  proposed?: ProposedAction;
}

async function collect(events: AsyncIterable<AiEvent>): Promise<Answer> {
  const answer: Answer = { text: '', source: 'offline' };
  for await (const event of events) {
    if (event.kind === 'text') answer.text += event.text;
    else if (event.kind === 'offline') answer.offline = { reason: event.reason, message: event.message };
    else if (event.kind === 'action') answer.proposed = event.action;
    else if (event.kind === 'done') answer.source = event.source;
  }
  return answer;
}

export async function askCommand(
  ctx: Context,
  args: readonly string[],
  run?: (command: readonly string[]) => Promise<ExitCode>,
): Promise<ExitCode> {
  const { t } = ctx;
  const text = args.join(' ').trim();
  if (text === '') return fail(ctx, EXIT.usage, 'usage', 'error.missingQuery');
  const routed = ctx.router.route(text);

  let answer: Answer;
  if (ctx.assistant) {
    const assistant = await ctx.assistant();
    try {
      answer = await collect(assistant.ask(text));
    } finally {
      assistant.close();
    }
  } else {
    answer = { text: '', source: 'offline', offline: { reason: 'no-key', message: t('ask.offline') } };
  }

  // The action: the model's proposal, else what the router understood.
  const intent = answer.proposed ?? { intent: routed.intent, slots: routed.slots };
  const plan = planFor(ctx, { intent: intent.intent, slots: intent.slots, confidence: 1 });
  const lines: string[] = [];
  if (answer.text) lines.push(answer.text);
  let action: Record<string, unknown> | undefined;
  if (plan.kind === 'run' && (answer.proposed || routed.intent !== 'help')) {
    lines.push(t('ask.understood', { action: plan.action }), t('ask.run', { command: showCommand(plan.command) }));
    action = {
      command: ['koompi', ...plan.command],
      changes: plan.changes,
      ...(plan.service ? { service: plan.service } : {}),
    };
  } else if (plan.kind === 'needs-detail') {
    lines.push(t('ask.understood', { action: plan.action }), t('ask.run', { command: plan.example }));
  } else if (!answer.text) {
    lines.push(plan.kind === 'question' ? t('ask.question') : t('ask.unknown'));
  }

  if (ctx.options.json) {
    ctx.io.out(
      JSON.stringify({
        text: [answer.offline?.message, ...lines].filter(Boolean).join('\n'),
        source: answer.source,
        ...(answer.offline ? { offline: answer.offline } : {}),
        intent: routed.intent,
        slots: routed.slots,
        confidence: routed.confidence,
        ...(action ? { action } : {}),
      }),
    );
  } else {
    if (answer.offline) ctx.io.err(answer.offline.message);
    for (const line of lines) ctx.io.out(line);
  }
  if (action && ctx.options.yes && run && plan.kind === 'run') return run(plan.command);
  return plan.kind === 'unknown' && !answer.text ? EXIT.notUnderstood : EXIT.ok;
}
