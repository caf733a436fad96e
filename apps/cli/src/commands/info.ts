/** `koompi info [TOPIC]`: read locally (no daemon needed), through core's action runner. */
import { INFO_TOPICS, type InfoTopic } from '@koompi/core';
import { runAction } from '../actions.js';
import { fail, type Context } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { failure, output } from '../outcome.js';

function isTopic(word: string): word is InfoTopic {
  return (INFO_TOPICS as readonly string[]).includes(word);
}

export async function infoCommand(ctx: Context, args: readonly string[]): Promise<ExitCode> {
  if (args.length > 1)
    return fail(ctx, EXIT.usage, 'usage', 'error.tooMany', { command: 'info', extra: args.slice(1).join(' ') });
  const [topic] = args;
  if (topic !== undefined && !isTopic(topic)) return fail(ctx, EXIT.usage, 'usage', 'error.badTopic', { topic });
  const topics: readonly InfoTopic[] = topic ? [topic] : INFO_TOPICS;
  // Every topic is read before anything is printed: all of it, or the error alone.
  let json: Record<string, unknown> = {};
  const lines: string[] = [];
  for (const name of topics) {
    const outcome = await runAction(ctx, { intent: 'system.info', slots: { topic: name } });
    if (outcome.kind !== 'done') return failure(ctx, outcome, { topic: name });
    const said = output(ctx, outcome.done);
    json = { ...json, ...said.json };
    lines.push(...said.lines);
  }
  if (ctx.options.json) ctx.io.out(JSON.stringify(json));
  else for (const line of lines) ctx.io.out(line);
  return EXIT.ok;
}
