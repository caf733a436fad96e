/** `koompi package install|remove|search|update`. */
import { resolveApp } from '@koompi/core';
import { fail, type Context } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { daemonFailure, unavailable } from './service.js';

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
 * at the first failure. The catalog turns a name into the package koompid
 * expects (a Flatpak ref such as org.mozilla.firefox, or a pacman name).
 */
async function change(
  ctx: Context,
  kind: 'install' | 'remove' | 'update',
  names: ReadonlyArray<string | undefined>,
): Promise<ExitCode> {
  const action = kind === 'update' ? 'system.update' : `package.${kind}`;
  const down = await unavailable(ctx, 'system', { action });
  if (down !== undefined) return down;
  const done: Array<Record<string, unknown>> = [];
  for (const name of names) {
    // Core's resolution, the same as Chat's: "Firefox" → the Flatpak org.mozilla.firefox.
    const app = name === undefined ? undefined : resolveApp(ctx.catalog, name);
    const target = app?.package ?? name;
    const shown = app ? app.name[ctx.t.locale] : (name ?? '');
    const outcome = await ctx.daemon.changePackages(kind, target, (p) => {
      if (!ctx.options.json) ctx.io.progress(progressLine(ctx, p.percentage, p.stage));
    });
    if (!ctx.options.json) ctx.io.endProgress();
    if (!outcome.ok) return daemonFailure(ctx, outcome.error, { action, package: target });
    const result = outcome.value;
    if (result.kind === 'failed') {
      return daemonFailure(ctx, result.failure, { action, package: target, preSnapshot: result.preSnapshot });
    }
    if (result.kind === 'cancelled') return fail(ctx, EXIT.cancelled, 'cancelled', 'package.cancelled', {}, { action });
    done.push({ package: target, preSnapshot: result.preSnapshot, postSnapshot: result.postSnapshot });
    if (!ctx.options.json) ctx.io.out(ctx.t(`package.done.${kind}`, { app: shown }));
  }
  if (ctx.options.json) ctx.io.out(JSON.stringify({ action, done }));
  return EXIT.ok;
}

function search(ctx: Context, query: string): ExitCode {
  const { t } = ctx;
  if (query.trim() === '') return fail(ctx, EXIT.usage, 'usage', 'error.missingQuery');
  const hits = ctx.catalog.search(query);
  if (ctx.options.json) {
    const results = hits.map(({ app, score }) => ({
      id: app.id,
      name: app.name[t.locale],
      summary: app.summary[t.locale],
      source: app.source,
      package: app.package,
      categories: app.categories,
      score: Math.round(score * 10) / 10,
    }));
    ctx.io.out(JSON.stringify({ query, results }));
    return EXIT.ok;
  }
  if (hits.length === 0) {
    ctx.io.out(t('search.none', { query }));
    return EXIT.ok;
  }
  ctx.io.out(t('search.header', { query }));
  for (const { app } of hits) {
    ctx.io.out(t('search.row', { id: app.id, name: app.name[t.locale], summary: app.summary[t.locale] }));
  }
  return EXIT.ok;
}

/** "[##########----------]  50%  Installing": the bar is ASCII, the stage in the person's language. */
export function progressLine(ctx: Context, percentage: number, stage: string, width = 24): string {
  const pct = Math.max(0, Math.min(100, Math.round(percentage)));
  const filled = Math.round((pct / 100) * width);
  const label = ctx.t.has(`package.stage.${stage}`) ? ctx.t(`package.stage.${stage}`) : stage;
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${ctx.t.formatNumber(pct).padStart(3)}%  ${label}`;
}
