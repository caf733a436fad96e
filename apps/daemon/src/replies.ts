import { DAEMON_ERRORS, MethodError, type InputProblem, type Translator } from '@koompi/core';

/**
 * The D-Bus errors koompid sends, with text from the `daemon` i18n bundle in
 * the system's language (clients show their own translation by error name).
 */
export class Replies {
  constructor(private readonly t: Translator) {}

  notAuthorized(user: string, action: string): MethodError {
    return new MethodError(DAEMON_ERRORS['not-authorized'], this.t('dbus.not-authorized', { user, action }));
  }

  unknownCaller(): MethodError {
    return new MethodError(DAEMON_ERRORS['not-authorized'], this.t('dbus.unknown-caller'));
  }

  invalid(field: 'reason' | 'id' | 'name' | 'query', problem: InputProblem): MethodError {
    const text = this.t('dbus.invalid-argument', {
      field: this.t(`field.${field}`),
      problem:
        problem.kind === 'too-long'
          ? this.t('problem.too-long', { max: problem.max })
          : this.t(`problem.${problem.kind}`),
    });
    return new MethodError(DAEMON_ERRORS['invalid-argument'], text);
  }

  snapshotNotFound(id: string): MethodError {
    return new MethodError(DAEMON_ERRORS['not-found'], this.t('dbus.snapshot-not-found', { id }));
  }

  busy(): MethodError {
    return new MethodError(DAEMON_ERRORS.busy, this.t('dbus.busy'));
  }

  /** Too many Search or CheckHealth calls from one user; clients show `error.rate-limited` in the person's language. */
  rateLimited(user: string, seconds: number): MethodError {
    return new MethodError(DAEMON_ERRORS['rate-limited'], this.t('dbus.rate-limited', { user, seconds }));
  }

  jobStarted(): MethodError {
    return new MethodError(DAEMON_ERRORS.busy, this.t('dbus.job-started'));
  }

  failed(detail: string): MethodError {
    return new MethodError(DAEMON_ERRORS.failed, this.t('dbus.failed', { detail }));
  }

  polkitUnavailable(): MethodError {
    return new MethodError(DAEMON_ERRORS['not-authorized'], this.t('dbus.polkit-unavailable'));
  }

  text(key: string, params?: Record<string, string | number>): string {
    return this.t(key, params);
  }
}
