/** `koompi open APP`: starts a desktop app through the launcher adapter (argument arrays only). */
import { launchableApp } from '@koompi/core';
import { fail, type Context } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';

function hasDisplay(env: Context['env']): boolean {
  return Boolean(env['DISPLAY'] || env['WAYLAND_DISPLAY']);
}

export async function openCommand(ctx: Context, args: readonly string[]): Promise<ExitCode> {
  const name = args.join(' ').trim();
  if (name === '') return fail(ctx, EXIT.usage, 'usage', 'error.missingApp', { command: 'open' });
  // Only apps the catalog can start: a program it does not know is not run from here.
  const app = launchableApp(ctx.catalog, name);
  if (!app?.exec) return fail(ctx, EXIT.usage, 'unknown-app', 'open.unknownApp', { app: name });
  const shown = app.name[ctx.t.locale];
  if (!hasDisplay(ctx.env))
    return fail(ctx, EXIT.failure, 'no-display', 'open.noDisplay', { app: shown }, { app: app.id });
  const result = await ctx.launcher.launch(app.exec);
  switch (result.kind) {
    case 'started':
      if (ctx.options.json) ctx.io.out(JSON.stringify({ app: app.id, started: true, pid: result.pid }));
      else ctx.io.out(ctx.t('open.started', { app: shown }));
      return EXIT.ok;
    case 'not-found':
      return fail(ctx, EXIT.failure, 'not-installed', 'open.notInstalled', { app: shown, id: app.id }, { app: app.id });
    case 'exited':
      return fail(ctx, EXIT.failure, 'exited', 'open.failed', { app: shown }, { app: app.id, exitCode: result.code });
  }
}
