/**
 * koompi-chat-runner: KOOMPI's KRunner runner, a small session-bus service
 * (no Qt). Plasma's KRunner starts it through D-Bus activation
 * (plasma-integration/krunner, plasma-integration/dbus-services).
 */
import { createIntentRouter, loadTranslator, startRunnerService } from '@koompi/core';

const address = process.env['DBUS_SESSION_BUS_ADDRESS'];
if (!address) {
  process.stderr.write('koompi-chat-runner: DBUS_SESSION_BUS_ADDRESS is not set\n');
  process.exitCode = 3;
} else {
  const t = loadTranslator('chat');
  const service = await startRunnerService(address, { router: createIntentRouter(), t: () => t });
  const stop = () => {
    service.close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
