/** `koompi class share|collect|online|lock|unlock`: done by the classroom service. */
import { fail, type Context } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { serviceAction } from './service.js';

export async function classCommand(ctx: Context, args: readonly string[]): Promise<ExitCode> {
  const [action, ...rest] = args;
  switch (action) {
    case 'share':
      if (rest.length === 0) return fail(ctx, EXIT.usage, 'usage', 'error.missingFile');
      return serviceAction(ctx, 'classroom', { action: 'classroom.share', files: rest });
    case 'collect':
    case 'online':
    case 'lock':
    case 'unlock':
      return serviceAction(ctx, 'classroom', { action: `classroom.${action}` });
    case undefined:
      return fail(ctx, EXIT.usage, 'usage', 'error.missingAction', { command: 'class' });
    default:
      return fail(ctx, EXIT.usage, 'usage', 'error.unknownAction', { command: 'class', action });
  }
}
