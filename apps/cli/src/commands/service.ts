/**
 * Actions that a service does (koompid for packages and snapshots, the
 * classroom service for the class). Until the service answers, koompi says so
 * plainly and exits 69; nothing is changed.
 */
import { SERVICES, type DaemonFailure, type ServiceId } from '@koompi/core';
import { fail, type Context } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';

/** Undefined when the service runs; else the exit code after telling the person. */
export async function unavailable(
  ctx: Context,
  service: ServiceId,
  details: Record<string, unknown> = {},
): Promise<ExitCode | undefined> {
  const status = await ctx.probe.status(service);
  if (status.kind === 'running') return undefined;
  const key = service === 'system' ? 'service.systemNotRunning' : 'service.classroomNotRunning';
  const extra = { service: SERVICES[service].name, reason: status.reason, ...details };
  return fail(ctx, EXIT.unavailable, 'service-not-running', key, {}, extra);
}

/**
 * Runs an action that needs `service`. The D-Bus client that calls koompid's
 * methods arrives with the daemon (issue 4): until then a running service is
 * reported as unable to do this, and nothing changes.
 */
export async function serviceAction(
  ctx: Context,
  service: ServiceId,
  details: Record<string, unknown> = {},
): Promise<ExitCode> {
  const down = await unavailable(ctx, service, details);
  if (down !== undefined) return down;
  const extra = { service: SERVICES[service].name, ...details };
  return fail(ctx, EXIT.unavailable, 'not-supported', 'service.notSupported', {}, extra);
}

/** Tells the person why koompid refused or failed, and returns the matching exit code. */
export function daemonFailure(ctx: Context, failure: DaemonFailure, details: Record<string, unknown> = {}): ExitCode {
  const extra = { daemonError: failure.kind, ...details };
  const params = { message: failure.message };
  switch (failure.kind) {
    case 'not-authorized':
      return fail(ctx, EXIT.notPermitted, 'not-authorized', 'daemon.notAuthorized', params, extra);
    case 'invalid-argument':
      return fail(ctx, EXIT.usage, 'invalid-argument', 'daemon.invalidArgument', params, extra);
    case 'not-found':
      return fail(ctx, EXIT.failure, 'not-found', 'daemon.notFound', params, extra);
    case 'busy':
      return fail(ctx, EXIT.busy, 'busy', 'daemon.busy', params, extra);
    case 'rate-limited':
      return fail(ctx, EXIT.busy, 'rate-limited', 'daemon.rateLimited', params, extra);
    case 'unavailable':
      return fail(ctx, EXIT.unavailable, 'service-not-running', 'service.systemNotRunning', {}, extra);
    case 'failed':
      return fail(ctx, EXIT.failure, 'failed', 'daemon.failed', params, extra);
  }
}
