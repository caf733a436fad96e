/** `koompi file find WORDS…` (local, read-only, through core's action runner) and `koompi file backup [PATH]`. */
import { SERVICES } from '@koompi/core';
import { act } from '../actions.js';
import { fail, type Context } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';

export async function fileCommand(ctx: Context, args: readonly string[]): Promise<ExitCode> {
  const [action, ...rest] = args;
  switch (action) {
    case 'find': {
      const query = rest.join(' ');
      if (query.trim() === '') return fail(ctx, EXIT.usage, 'usage', 'error.missingQuery');
      return act(ctx, { intent: 'file.find', slots: { query } }, { query });
    }
    case 'backup': {
      // koompid has no backup method yet: nothing is changed.
      const extra = { service: SERVICES.system.name, action: 'file.backup', path: rest[0] ?? '~' };
      return fail(ctx, EXIT.unavailable, 'not-supported', 'service.notSupported', {}, extra);
    }
    case undefined:
      return fail(ctx, EXIT.usage, 'usage', 'error.missingAction', { command: 'file' });
    default:
      return fail(ctx, EXIT.usage, 'usage', 'error.unknownAction', { command: 'file', action });
  }
}
