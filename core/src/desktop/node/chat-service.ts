/**
 * KOOMPI Chat's session-bus service (org.koompi.Chat /org/koompi/Chat,
 * interface org.koompi.Chat1 — plasma-integration/dbus/org.koompi.Chat1.xml).
 * The first Chat owns the name; a second one hands its request over and exits,
 * so there is only ever one Chat window.
 */
import { DbusConnection, DbusCallError } from '../../dbus/node/connection.js';
import { DbusServer, MethodError } from '../../dbus/node/server.js';
import { loadInterfaces } from './interfaces.js';

export const CHAT_BUS_NAME = 'org.koompi.Chat';
export const CHAT_PATH = '/org/koompi/Chat';
export const CHAT_INTERFACE = 'org.koompi.Chat1';
const MAX_QUESTION = 16_000;

export interface ChatHandlers {
  show(): void;
  ask(text: string): void;
}

export type ChatServiceStart =
  | { readonly kind: 'owner'; readonly connection: DbusConnection }
  | { readonly kind: 'running-elsewhere' }
  | { readonly kind: 'no-bus'; readonly detail: string };

/** Connects to the session bus at `address` and serves Chat1, unless another Chat already does. */
export async function startChatService(address: string | undefined, handlers: ChatHandlers): Promise<ChatServiceStart> {
  if (!address) return { kind: 'no-bus', detail: 'DBUS_SESSION_BUS_ADDRESS is not set' };
  let connection: DbusConnection;
  try {
    connection = await DbusConnection.connect(address);
  } catch (error) {
    return { kind: 'no-bus', detail: String(error) };
  }
  const server = new DbusServer(
    connection,
    loadInterfaces('org.koompi.Chat1.xml'),
    () => undefined,
    'org.koompi.Chat1.Error.Failed',
  );
  server.export(CHAT_PATH, [CHAT_INTERFACE], {
    methods: {
      [`${CHAT_INTERFACE}.Show`]: async () => {
        handlers.show();
        return [];
      },
      [`${CHAT_INTERFACE}.Ask`]: async (_context, [text]) => {
        if (typeof text !== 'string' || !text.trim() || text.length > MAX_QUESTION) {
          throw new MethodError('org.freedesktop.DBus.Error.InvalidArgs', `text must be 1..${MAX_QUESTION} characters`);
        }
        handlers.ask(text);
        return [];
      },
    },
  });
  try {
    await server.requestName(CHAT_BUS_NAME);
  } catch {
    connection.close();
    return { kind: 'running-elsewhere' };
  }
  return { kind: 'owner', connection };
}

/** Asks the running Chat to show itself, and to ask `text` when given. */
export async function callRunningChat(
  address: string,
  text?: string,
): Promise<{ ok: true } | { ok: false; detail: string }> {
  let connection: DbusConnection | undefined;
  try {
    connection = await DbusConnection.connect(address);
    if (text) await connection.call(CHAT_BUS_NAME, CHAT_PATH, CHAT_INTERFACE, 'Ask', 's', [text], 10_000);
    else await connection.call(CHAT_BUS_NAME, CHAT_PATH, CHAT_INTERFACE, 'Show', '', [], 10_000);
    return { ok: true };
  } catch (error) {
    return { ok: false, detail: error instanceof DbusCallError ? error.message : String(error) };
  } finally {
    connection?.close();
  }
}
