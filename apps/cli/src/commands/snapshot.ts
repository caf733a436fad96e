/** `koompi snapshot create|list|delete|rollback`: all done by koompid. */
import { fail, type Context } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { serviceAction } from './service.js';

export async function snapshotCommand(ctx: Context, args: readonly string[]): Promise<ExitCode> {
  const [action, ...rest] = args;
  switch (action) {
    case 'create':
    case 'list':
    case 'rollback':
      return serviceAction(ctx, 'system', { action: `snapshot.${action}`, ...(rest[0] ? { snapshot: rest[0] } : {}) });
    case 'delete':
      if (rest.length === 0) return fail(ctx, EXIT.usage, 'usage', 'error.missingSnapshot');
      return serviceAction(ctx, 'system', { action: 'snapshot.delete', snapshot: rest[0] });
    case undefined:
      return fail(ctx, EXIT.usage, 'usage', 'error.missingAction', { command: 'snapshot' });
    default:
      return fail(ctx, EXIT.usage, 'usage', 'error.unknownAction', { command: 'snapshot', action });
  }
}
