/**
 * `koompi open APP`: starts a catalog app through core's action runner (the
 * launcher port, argument arrays only). Unlike Chat, koompi offers no yes for
 * a program the catalog does not know: it is refused (exit 2).
 */
import { launchableApp } from '@koompi/core';
import { act } from '../actions.js';
import { fail, type Context } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';

export async function openCommand(ctx: Context, args: readonly string[]): Promise<ExitCode> {
  const name = args.join(' ').trim();
  if (name === '') return fail(ctx, EXIT.usage, 'usage', 'error.missingApp', { command: 'open' });
  const app = launchableApp(ctx.catalog, name);
  if (!app) return fail(ctx, EXIT.usage, 'unknown-app', 'open.unknownApp', { app: name });
  return act(ctx, { intent: 'app.open', slots: { app: name } }, { app: app.id });
}
