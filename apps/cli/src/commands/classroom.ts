/**
 * `koompi class start|join CODE|share PATH|collect|online|lock [MESSAGE]|unlock|message TEXT`:
 * asks the classroom running for this user (the KOOMPI Classroom app, or
 * `koompi-classroom --service`) over its private control socket. Share,
 * collect, online, lock and unlock go through core's action runner.
 */
import type { ControlResult } from '@koompi/core';
import { act } from '../actions.js';
import { emit, fail, type Context } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';

/** Turns a control result into output and an exit code; `ok` is handled by `done`. */
async function answer<T>(
  ctx: Context,
  pending: Promise<ControlResult<T>>,
  done: (value: T) => ExitCode,
): Promise<ExitCode> {
  const result = await pending;
  switch (result.kind) {
    case 'ok':
      return done(result.value);
    case 'no-service':
      return fail(ctx, EXIT.unavailable, 'no-service', 'class.noService');
    case 'wrong-role':
      return fail(ctx, EXIT.usage, 'wrong-role', `class.wrongRole.${result.role}`);
    case 'failed':
      return fail(ctx, EXIT.failure, 'failed', 'class.failed', { detail: result.message });
  }
}

export async function classCommand(ctx: Context, args: readonly string[]): Promise<ExitCode> {
  const [action, ...rest] = args;
  const { t } = ctx;
  const classroom = ctx.classroom;
  if (action === undefined) return fail(ctx, EXIT.usage, 'usage', 'error.missingAction', { command: 'class' });
  switch (action) {
    // What the action table has: through core's runner, as Chat does.
    case 'share':
      if (rest.length !== 1) return fail(ctx, EXIT.usage, 'usage', 'error.missingFile');
      return act(ctx, { intent: 'classroom.share', slots: { path: rest[0]! } });
    case 'collect':
    case 'online':
    case 'unlock':
      return act(ctx, { intent: `classroom.${action}`, slots: {} });
    case 'lock': {
      const text = rest.join(' ');
      return act(ctx, { intent: 'classroom.lock', slots: {}, ...(text ? { args: { message: text } } : {}) });
    }
    // Only `koompi` does these: straight to the classroom's control socket.
    case 'start':
      if (!classroom) return fail(ctx, EXIT.unavailable, 'no-service', 'class.noService');
      return answer(ctx, classroom.start(), (v) => {
        emit(ctx, v, [t('class.started', { code: v.display })]);
        return EXIT.ok;
      });
    case 'join': {
      if (!classroom) return fail(ctx, EXIT.unavailable, 'no-service', 'class.noService');
      const code = rest.join('');
      if (!code) return fail(ctx, EXIT.usage, 'usage', 'class.missingCode');
      return answer(ctx, classroom.join(code), (v) => {
        if (v.kind === 'joined') {
          emit(ctx, v, [t('class.joined', { className: v.className, teacher: v.teacher })]);
          return EXIT.ok;
        }
        return fail(ctx, v.kind === 'refused' ? EXIT.notPermitted : EXIT.failure, v.kind, `class.join.${v.kind}`, {
          reason: v.kind === 'refused' ? v.reason : '',
        });
      });
    }
    case 'message': {
      if (!classroom) return fail(ctx, EXIT.unavailable, 'no-service', 'class.noService');
      if (rest.length === 0) return fail(ctx, EXIT.usage, 'usage', 'class.missingMessage');
      return answer(ctx, classroom.message(rest.join(' ')), (report) => {
        const outcomes = Object.values(report);
        const done = outcomes.filter((o) => o.kind === 'done').length;
        emit(ctx, { report }, [t('class.report', { done, total: outcomes.length })]);
        return done === outcomes.length ? EXIT.ok : EXIT.failure;
      });
    }
    default:
      return fail(ctx, EXIT.usage, 'usage', 'error.unknownAction', { command: 'class', action });
  }
}
