/**
 * KOOMPI's KRunner runner on the session bus: name org.koompi.Chat.Runner,
 * object /runner, interface org.kde.krunner1 (Plasma's D-Bus runner API).
 * Matching is done by `runner.ts`; running a match asks Chat, which the bus
 * starts if it is not running (D-Bus activation).
 */
import type { Translator } from '../../i18n/i18n.js';
import type { IntentRouter } from '../../intent/router.js';
import { DbusConnection } from '../../dbus/node/connection.js';
import { DbusServer, MethodError } from '../../dbus/node/server.js';
import { variant } from '../../dbus/node/connection.js';
import { questionOf, runnerMatches } from '../runner.js';
import { CHAT_BUS_NAME, CHAT_INTERFACE, CHAT_PATH } from './chat-service.js';
import { loadInterfaces } from './interfaces.js';

export const RUNNER_BUS_NAME = 'org.koompi.Chat.Runner';
export const RUNNER_PATH = '/runner';
const KRUNNER = 'org.kde.krunner1';

export interface RunnerService {
  readonly connection: DbusConnection;
  close(): void;
}

export async function startRunnerService(
  address: string,
  options: { readonly router: IntentRouter; readonly t: () => Translator },
): Promise<RunnerService> {
  const connection = await DbusConnection.connect(address);
  const server = new DbusServer(
    connection,
    loadInterfaces('org.kde.krunner1.xml'),
    () => undefined,
    'org.koompi.Chat.Runner.Error.Failed',
  );
  server.export(RUNNER_PATH, [KRUNNER], {
    methods: {
      [`${KRUNNER}.Actions`]: async () => [[]],
      [`${KRUNNER}.Match`]: async (_context, [query]) => {
        const matches = runnerMatches(String(query), options.router, options.t());
        return [matches.map((m) => [m.id, m.text, m.icon, m.type, m.relevance, { subtext: variant('s', m.subtext) }])];
      },
      [`${KRUNNER}.Run`]: async (_context, [matchId]) => {
        const question = questionOf(String(matchId));
        if (!question) throw new MethodError('org.freedesktop.DBus.Error.InvalidArgs', 'not a KOOMPI match');
        // Do not wait for Chat to answer: KRunner closes as soon as Run returns.
        connection
          .call(CHAT_BUS_NAME, CHAT_PATH, CHAT_INTERFACE, 'Ask', 's', [question], 30_000)
          .catch(() => undefined);
        return [];
      },
    },
  });
  await server.requestName(RUNNER_BUS_NAME);
  return { connection, close: () => connection.close() };
}
