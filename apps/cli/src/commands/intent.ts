/**
 * `koompi intent [--json] [SENTENCE]`: the router's answer, for scripts and
 * for checking what KOOMPI understands. Without a sentence, each line of
 * standard input gets one answer line, in order, written as soon as it is known.
 */
import type { IntentResult } from '@koompi/core';
import type { Context } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';

function format(ctx: Context, result: IntentResult): string {
  const { intent, slots, confidence } = result;
  if (ctx.options.json) return JSON.stringify({ intent, slots, confidence });
  const shown = Object.entries(slots).map(([k, v]) => `${k}=${String(v)}`);
  return [intent, ...shown, `(${confidence.toFixed(2)})`].join(' ');
}

export async function intentCommand(ctx: Context, args: readonly string[]): Promise<ExitCode> {
  if (args.length > 0) {
    ctx.io.out(format(ctx, ctx.router.route(args.join(' '))));
    return EXIT.ok;
  }
  for await (const line of ctx.io.lines()) ctx.io.out(format(ctx, ctx.router.route(line)));
  return EXIT.ok;
}
