/**
 * Carries out what the person confirmed. Opening an app is done here through
 * the launcher; changes to the system go to koompid and classroom actions to
 * the classroom service — and when the service is not running, the person is
 * told so plainly, in their language. Pure: ports come in.
 */
import {
  needsConfirmation,
  type AppLauncher,
  type ProposedAction,
  type ServiceId,
  type ServiceProbe,
  type Translator,
} from '@koompi/core';
import type { ActionResult, ActionRunner } from './chat-controller.js';

/** Whatever carries out system and classroom actions (koompid's clients). */
export interface SystemActions {
  run(action: ProposedAction): Promise<ActionResult>;
}

const KOOMPI_APPS = new Set(['chat', 'write', 'present', 'calculate', 'classroom']);
const SAFE_COMMAND = /^[a-z0-9][a-z0-9._+-]{0,63}$/;

export function createActionRunner(options: {
  readonly t: () => Translator;
  readonly launcher: AppLauncher;
  readonly probe: ServiceProbe;
  readonly system?: SystemActions;
}): ActionRunner {
  return {
    needsConfirmation,
    async run(action) {
      const t = options.t();
      if (action.intent === 'app.open') {
        const app = (action.slots.app ?? '').toLowerCase();
        const command = KOOMPI_APPS.has(app) ? `koompi-${app}` : app;
        if (!SAFE_COMMAND.test(command))
          return { ok: false, message: t('action.openUnknown', { app: action.slots.app ?? '' }) };
        const launched = await options.launcher.launch([command]);
        return launched.kind === 'started'
          ? { ok: true, message: t('action.opened', { app: action.slots.app ?? app }) }
          : { ok: false, message: t('action.openFailed', { app: action.slots.app ?? app }) };
      }
      const service: ServiceId = action.intent.startsWith('classroom.') ? 'classroom' : 'system';
      const status = await options.probe.status(service);
      if (status.kind !== 'running' || !options.system) {
        return { ok: false, message: t(service === 'system' ? 'action.systemMissing' : 'action.classroomMissing') };
      }
      return options.system.run(action);
    },
  };
}
