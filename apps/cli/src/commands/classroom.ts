/**
 * `koompi class start|join CODE|share PATH|collect|online|lock [MESSAGE]|unlock|message TEXT`:
 * asks the classroom running for this user (the KOOMPI Classroom app, or
 * `koompi-classroom --service`) over its private control socket.
 */
import type { ControlResult } from '@koompi/core';
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
  if (!classroom) return fail(ctx, EXIT.unavailable, 'no-service', 'class.noService');
  switch (action) {
    case 'start':
      return answer(ctx, classroom.start(), (v) => {
        emit(ctx, v, [t('class.started', { code: v.display })]);
        return EXIT.ok;
      });
    case 'join': {
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
    case 'share':
      if (rest.length !== 1) return fail(ctx, EXIT.usage, 'usage', 'error.missingFile');
      return answer(ctx, classroom.share(rest[0]!, process.cwd()), (v) => {
        emit(ctx, v, [t('class.shared', { title: v.title, count: Object.keys(v.students).length })]);
        return EXIT.ok;
      });
    case 'collect':
      return answer(ctx, classroom.collect(), (v) => {
        emit(ctx, { submissions: v }, [
          t('class.collected', { count: v.length }),
          ...v.map((s) => `  ${s.studentName}: ${s.path}`),
        ]);
        return EXIT.ok;
      });
    case 'online':
      return answer(ctx, classroom.online(), (v) => {
        const online = v.filter((s) => s.online).length;
        emit(ctx, { students: v }, [
          t('class.online', { online, total: v.length }),
          ...v.map((s) => `  ${s.online ? '●' : '○'} ${s.name}${s.activeApp ? ` (${s.activeApp})` : ''}`),
        ]);
        return EXIT.ok;
      });
    case 'lock':
    case 'unlock':
    case 'message': {
      if (action === 'message' && rest.length === 0) return fail(ctx, EXIT.usage, 'usage', 'class.missingMessage');
      const text = rest.join(' ');
      const pending =
        action === 'lock'
          ? classroom.lock(text || undefined)
          : action === 'unlock'
            ? classroom.unlock()
            : classroom.message(text);
      return answer(ctx, pending, (report) => {
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
