/**
 * Builds the assistant an app or the CLI uses: the key (if any), Gemini or
 * offline-only, the history on disk, the intent router and the help documents.
 */
import dbus from 'dbus-next';
import { loadTranslator } from '../../i18n/node/bundles.js';
import type { Translator } from '../../i18n/i18n.js';
import { createIntentRouter } from '../../intent/router.js';
import { Assistant } from '../assistant.js';
import { HelpIndex } from '../help-index.js';
import { createOfflineEngine } from '../offline-engine.js';
import type { OfflineReason } from '../ai.js';
import { loadHelpDocuments } from './help-docs.js';
import { findApiKey, type KeyLookup } from './keys.js';
import { SqliteHistory, defaultHistoryFile } from './sqlite-history.js';
import { DbusConnection } from '../../dbus/node/connection.js';
import { ServiceBackend, aiServiceReachable } from './service-backend.js';

export interface CreateAssistantOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly historyFile?: string;
  readonly sessionBus?: dbus.MessageBus;
  /** Skip the key lookup: offline only (`koompi ask --offline`). */
  readonly offlineOnly?: boolean;
}

export interface AssistantSetup {
  readonly assistant: Assistant;
  readonly history: SqliteHistory;
  readonly key: KeyLookup;
  /** Where cloud answers come from: the person's own or a readable key, the AI service, or nowhere. */
  readonly cloud: 'key' | 'service' | 'none';
  /** Closes the history and any bus connection. */
  close(): void;
  readonly messages: (locale: 'km' | 'en') => Translator;
}

export async function createAssistant(options: CreateAssistantOptions = {}): Promise<AssistantSetup> {
  const env = options.env ?? process.env;
  const translators = {
    km: loadTranslator('ai', { env, locale: 'km' }),
    en: loadTranslator('ai', { env, locale: 'en' }),
  };
  const messages = (locale: 'km' | 'en') => translators[locale];
  const history = await SqliteHistory.open(options.historyFile ?? defaultHistoryFile(env));
  // The person's wallet is asked on their session bus (when there is one and no key is set for development).
  let ownSession: dbus.MessageBus | undefined;
  const sessionAddress = env['DBUS_SESSION_BUS_ADDRESS'];
  if (!options.sessionBus && !options.offlineOnly && !env['KOOMPI_GEMINI_API_KEY'] && sessionAddress) {
    const bus = dbus.sessionBus({ busAddress: sessionAddress });
    bus.on('error', () => undefined); // no bus, or it went away: simply no wallet
    let timer: NodeJS.Timeout | undefined;
    const connected = await new Promise<boolean>((resolve) => {
      bus.once('connect', () => resolve(true));
      bus.once('error', () => resolve(false));
      timer = setTimeout(() => resolve(false), 1_000);
    });
    clearTimeout(timer);
    if (connected) ownSession = bus;
    else bus.disconnect();
  }
  const sessionBus = options.sessionBus ?? ownSession;
  const key: KeyLookup = options.offlineOnly
    ? { kind: 'none', problems: [] }
    : await findApiKey({ env, ...(sessionBus ? { sessionBus } : {}) });
  ownSession?.disconnect();
  const baseUrl = env['KOOMPI_GEMINI_BASE_URL'];
  // Loaded only with a key: the Gemini client is large, and offline it is never needed.
  const backend =
    key.kind === 'found'
      ? new (await import('./gemini-backend.js')).GeminiBackend({ apiKey: key.key, ...(baseUrl ? { baseUrl } : {}) })
      : undefined;
  // No key this person may read (students): the AI service answers with the school's key.
  let serviceConnection: DbusConnection | undefined;
  let serviceBackend: ServiceBackend | undefined;
  if (!backend && !options.offlineOnly) {
    try {
      serviceConnection = await DbusConnection.connect(env['DBUS_SYSTEM_BUS_ADDRESS'], 2_000);
      // Running, or activatable: koompi-ai starts on the first question (D-Bus activation).
      if (await aiServiceReachable(serviceConnection, env['KOOMPI_SCHOOL_KEY_FILE']))
        serviceBackend = new ServiceBackend(serviceConnection);
      else {
        serviceConnection.close();
        serviceConnection = undefined;
      }
    } catch {
      serviceConnection?.close();
      serviceConnection = undefined;
    }
  }
  const noBackendReason: OfflineReason = 'no-key';
  const offline = createOfflineEngine({
    router: createIntentRouter(),
    help: new HelpIndex(loadHelpDocuments()),
    messages,
  });
  const cloudBackend = backend ?? serviceBackend;
  const assistant = new Assistant({
    ...(cloudBackend ? { backend: cloudBackend } : { noBackendReason }),
    offline,
    history,
    messages,
  });
  return {
    assistant,
    history,
    key,
    messages,
    cloud: backend ? 'key' : serviceBackend ? 'service' : 'none',
    close: () => {
      history.close();
      serviceConnection?.close();
    },
  };
}
