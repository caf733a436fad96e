/** `koompi package install|remove|search|update`. */
import { fail, type Context } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { serviceAction } from './service.js';

/** The catalog id for a name people use ("Firefox", "ហ្វាយហ្វក"), or the name itself. */
function resolveApp(ctx: Context, name: string): string {
  return ctx.catalog.findByName(name)?.id ?? name;
}

export async function packageCommand(ctx: Context, args: readonly string[]): Promise<ExitCode> {
  const [action, ...rest] = args;
  switch (action) {
    case 'install':
    case 'remove':
      if (rest.length === 0)
        return fail(ctx, EXIT.usage, 'usage', 'error.missingApp', { command: `package ${action}` });
      return serviceAction(ctx, 'system', {
        action: `package.${action}`,
        apps: rest.map((name) => resolveApp(ctx, name)),
      });
    case 'update':
      if (rest.length > 0) {
        return fail(ctx, EXIT.usage, 'usage', 'error.tooMany', { command: 'package update', extra: rest.join(' ') });
      }
      return serviceAction(ctx, 'system', { action: 'system.update' });
    case 'search':
      return search(ctx, rest.join(' '));
    case undefined:
      return fail(ctx, EXIT.usage, 'usage', 'error.missingAction', { command: 'package' });
    default:
      return fail(ctx, EXIT.usage, 'usage', 'error.unknownAction', { command: 'package', action });
  }
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
