/**
 * Builds everything the Chat window needs except Qt: translator, assistant,
 * restored history, action runner, controller. Used by main.ts and by the
 * tests that drive the real window.
 */
import {
  createAssistant,
  createKoompidDaemon,
  createDbusProbe,
  createProcessLauncher,
  loadTranslator,
  savePreferences,
  type Locale,
  type Translator,
} from '@koompi/core';
import { createActionRunner } from './actions.js';
import { createSystemActions } from './system-actions.js';
import { ChatController } from './chat-controller.js';
import { Conversation } from './conversation.js';

export interface ComposedChat {
  readonly controller: ChatController;
  readonly t: () => Translator;
  readonly switchLanguage: (locale: Locale) => Translator;
  readonly close: () => void;
}

export async function composeChat(
  options: { offlineOnly?: boolean; historyTurns?: number } = {},
): Promise<ComposedChat> {
  let t = loadTranslator('chat');
  const setup = await createAssistant({ offlineOnly: options.offlineOnly ?? false });
  const conversation = new Conversation();
  for (const turn of await setup.history.recent(options.historyTurns ?? 500)) {
    conversation.append(turn.role === 'user' ? 'person' : 'assistant', turn.text, turn.at);
  }
  const daemonT = loadTranslator('daemon');
  const daemon = createKoompidDaemon();
  const actions = createActionRunner({
    t: () => t,
    launcher: createProcessLauncher(),
    probe: createDbusProbe(),
    system: createSystemActions({ daemon, t: () => t, daemonT: () => daemonT }),
  });
  const controller = new ChatController(conversation, setup.assistant, actions, t);
  return {
    controller,
    t: () => t,
    switchLanguage: (locale) => {
      savePreferences({ language: locale });
      t = loadTranslator('chat', { locale });
      controller.setTranslator(t);
      return t;
    },
    close: () => {
      setup.history.close();
      daemon.close();
    },
  };
}
