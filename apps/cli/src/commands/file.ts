/** `koompi file find WORDS…` (local, read-only) and `koompi file backup [PATH]` (koompid). */
import { fail, type Context } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { serviceAction } from './service.js';

export async function fileCommand(ctx: Context, args: readonly string[]): Promise<ExitCode> {
  const [action, ...rest] = args;
  switch (action) {
    case 'find':
      return find(ctx, rest.join(' '));
    case 'backup':
      return serviceAction(ctx, 'system', { action: 'file.backup', path: rest[0] ?? '~' });
    case undefined:
      return fail(ctx, EXIT.usage, 'usage', 'error.missingAction', { command: 'file' });
    default:
      return fail(ctx, EXIT.usage, 'usage', 'error.unknownAction', { command: 'file', action });
  }
}

async function find(ctx: Context, query: string): Promise<ExitCode> {
  if (query.trim() === '') return fail(ctx, EXIT.usage, 'usage', 'error.missingQuery');
  const found = await ctx.files.find(query);
  if (ctx.options.json) {
    const files = found.map((f) => ({ path: f.path, size: f.sizeBytes, modified: f.modified.toISOString() }));
    ctx.io.out(JSON.stringify({ query, files }));
    return EXIT.ok;
  }
  if (found.length === 0) {
    ctx.io.out(ctx.t('file.none', { query }));
    return EXIT.ok;
  }
  ctx.io.out(ctx.t('file.found', { query }));
  for (const f of found) ctx.io.out(`  ${f.path}`);
  return EXIT.ok;
}
