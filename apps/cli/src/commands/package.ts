/** `koompi package install|remove|search|update`, carried out by core's action runner. */
import { packageFor, type ActionRequest } from '@koompi/core';
import { act, runAction } from '../actions.js';
import { fail, type Context } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { failure, output } from '../outcome.js';

export async function packageCommand(ctx: Context, args: readonly string[]): Promise<ExitCode> {
  const [action, ...rest] = args;
  switch (action) {
    case 'install':
    case 'remove':
      if (rest.length === 0)
        return fail(ctx, EXIT.usage, 'usage', 'error.missingApp', { command: `package ${action}` });
      return change(ctx, action, rest);
    case 'update':
      if (rest.length > 0) {
        return fail(ctx, EXIT.usage, 'usage', 'error.tooMany', { command: 'package update', extra: rest.join(' ') });
      }
      return change(ctx, 'update', [undefined]);
    case 'search':
      return search(ctx, rest.join(' '));
    case undefined:
      return fail(ctx, EXIT.usage, 'usage', 'error.missingAction', { command: 'package' });
    default:
      return fail(ctx, EXIT.usage, 'usage', 'error.unknownAction', { command: 'package', action });
  }
}

/**
 * Installs, removes or updates through koompid, one app at a time, stopping
 * at the first failure. The runner turns a name into the package koompid
 * expects (a Flatpak ref such as org.mozilla.firefox, or a pacman name), as
 * it does for Chat; each app's line is printed as it is done, the JSON once.
 */
async function change(
  ctx: Context,
  kind: 'install' | 'remove' | 'update',
  names: ReadonlyArray<string | undefined>,
): Promise<ExitCode> {
  const action = kind === 'update' ? 'system.update' : (`package.${kind}` as const);
  const done: Array<Record<string, unknown>> = [];
  for (const name of names) {
    const request: ActionRequest = { intent: action, slots: name === undefined ? {} : { app: name } };
    const outcome = await runAction(ctx, request);
    if (outcome.kind !== 'done') {
      return failure(ctx, outcome, {
        action,
        ...(name === undefined ? {} : { package: packageFor(ctx.catalog, name) }),
      });
    }
    const { json, lines } = output(ctx, outcome.done);
    done.push(json);
    if (!ctx.options.json) for (const line of lines) ctx.io.out(line);
  }
  if (ctx.options.json) ctx.io.out(JSON.stringify({ action, done }));
  return EXIT.ok;
}

async function search(ctx: Context, query: string): Promise<ExitCode> {
  if (query.trim() === '') return fail(ctx, EXIT.usage, 'usage', 'error.missingQuery');
  return act(ctx, { intent: 'package.search', slots: { query } }, { query });
}
