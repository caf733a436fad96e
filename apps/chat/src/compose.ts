/**
 * Builds everything the Chat window needs except Qt: translator, assistant,
 * restored history, action runner, controller. Used by main.ts and by the
 * tests that drive the real window.
 */
import fs from 'node:fs';
import {
  DEFAULT_POCKETSPHINX_MODEL,
  findModel,
  listenAndTranscribe,
  openCommandMode,
  openDictation,
  createAssistant,
  createKoompidDaemon,
  type AssistantSetup,
  connectClassroomControl,
  createActionRunner,
  createCatalog,
  createProcessLauncher,
  createDiskFileFinder,
  createLocalInfoSource,
  ready,
  loadTranslator,
  savePreferences,
  type ActionPorts,
  type Catalog,
  type DiskFileFinderOptions,
  type LocalInfoOptions,
  type Locale,
  type SystemDaemon,
  type Translator,
} from '@koompi/core';
import { createChatActions } from './actions.js';
import { ChatController, type ChatAssistant } from './chat-controller.js';
import { Conversation } from './conversation.js';
import { VoiceInput } from './voice-input.js';

export interface ComposedChat {
  readonly controller: ChatController;
  readonly voice: VoiceInput;
  /** Whether a speech engine is installed (a whisper model, or pocketsphinx's English model). */
  readonly voiceAvailable: boolean;
  readonly voiceT: () => Translator;
  readonly t: () => Translator;
  readonly switchLanguage: (locale: Locale) => Translator;
  /**
   * Builds the assistant and shows the saved conversation. Started by the app
   * right after its window is painted (so the window appears at once); the
   * first question waits for it if it has not finished.
   */
  readonly load: () => Promise<void>;
  readonly close: () => void;
}

/**
 * Chat's ports, each chosen here, once: koompid and the classroom answer
 * `unavailable` themselves when they are not running; files and this
 * computer's facts come from the same sources `koompi file find` and
 * `koompi info` use (tests point them at a folder and a fake power supply).
 */
export function chatActionPorts(options: {
  readonly catalog: Catalog;
  readonly daemon: SystemDaemon;
  readonly files?: DiskFileFinderOptions;
  readonly info?: LocalInfoOptions;
}): ActionPorts {
  return {
    catalog: options.catalog,
    daemon: ready(options.daemon),
    launcher: ready(createProcessLauncher()),
    classroom: ready(connectClassroomControl()),
    files: ready(createDiskFileFinder(options.files)),
    info: ready(createLocalInfoSource(options.info)),
  };
}

export async function composeChat(
  options: { offlineOnly?: boolean; historyTurns?: number } = {},
): Promise<ComposedChat> {
  let t = loadTranslator('chat');
  const conversation = new Conversation();
  let loading: Promise<AssistantSetup> | undefined;
  const setup = (): Promise<AssistantSetup> =>
    (loading ??= createAssistant({ offlineOnly: options.offlineOnly ?? false }).then(async (ready) => {
      // The saved conversation goes in first, unless the person already started a new one.
      if (conversation.messages.length === 0) {
        for (const turn of await ready.history.recent(options.historyTurns ?? 500)) {
          conversation.append(turn.role === 'user' ? 'person' : 'assistant', turn.text, turn.at);
        }
      }
      return ready;
    }));
  const assistant: ChatAssistant = {
    async *ask(text, askOptions) {
      yield* (await setup()).assistant.ask(text, askOptions);
    },
    async record(text) {
      await (await setup()).history.append({ role: 'model', text, at: new Date(), source: 'offline' });
    },
  };
  const daemonT = loadTranslator('daemon');
  const daemon = createKoompidDaemon();
  const catalog = createCatalog();
  const actions = createChatActions({
    run: createActionRunner(chatActionPorts({ catalog, daemon })),
    catalog,
    t: () => t,
    daemonT: () => daemonT,
  });
  const controller = new ChatController(conversation, assistant, actions, t);
  const voice = new VoiceInput({
    async open() {
      const dictation = await openDictation();
      if (dictation.kind === 'ok') return dictation;
      const command = await openCommandMode();
      return command.kind === 'ok' ? command : dictation;
    },
    listen: (transcriber, listen) => listenAndTranscribe(transcriber, listen),
  });
  const voiceAvailable =
    (await findModel()).kind === 'found' || fs.existsSync(`${DEFAULT_POCKETSPHINX_MODEL}/en-us/mdef`);
  let voiceT = loadTranslator('voice');
  return {
    controller,
    voice,
    voiceAvailable,
    voiceT: () => voiceT,
    t: () => t,
    switchLanguage: (locale) => {
      savePreferences({ language: locale });
      t = loadTranslator('chat', { locale });
      voiceT = loadTranslator('voice', { locale });
      controller.setTranslator(t);
      return t;
    },
    load: async () => {
      await setup();
    },
    close: () => {
      void voice.close();
      void loading?.then((ready) => ready.close());
      daemon.close();
    },
  };
}
