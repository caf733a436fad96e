/**
 * What the assistant can do with no network: commands through the intent
 * router (proposed as actions, exactly like the cloud model's function calls)
 * and how-to questions from the help documents. Pure.
 */
import type { Translator } from '../i18n/i18n.js';
import type { IntentRouter } from '../intent/router.js';
import type { OfflineAnswer, OfflineEngine } from './ai.js';
import type { HelpIndex } from './help-index.js';
import { callForIntent } from './tools.js';

export interface OfflineEngineOptions {
  readonly router: IntentRouter;
  readonly help: HelpIndex;
  readonly messages: (locale: 'km' | 'en') => Translator;
  /** Below this router confidence a sentence is treated as a question. */
  readonly minConfidence?: number;
}

export function createOfflineEngine(options: OfflineEngineOptions): OfflineEngine {
  const minConfidence = options.minConfidence ?? 0.45;
  return {
    answer(text: string, locale: 'km' | 'en'): OfflineAnswer {
      const t = options.messages(locale);
      const routed = options.router.route(text);
      const call = callForIntent(routed.intent, routed.slots);
      if (call && routed.confidence >= minConfidence) {
        const slots = routed.slots;
        const params = {
          app: slots.app ?? '',
          query: slots.query ?? '',
          topic: slots.topic ?? '',
          path: slots.path ?? '',
        };
        return {
          text: t(`propose.${routed.intent}`, params),
          action: { intent: routed.intent, slots, call },
        };
      }
      if (routed.intent !== 'help' && routed.intent !== 'unknown' && routed.confidence >= minConfidence) {
        // Understood, but not an action the assistant carries out itself (language, files, lock…).
        return { text: t('offline.useCli', { command: routed.intent }) };
      }
      const [best] = options.help.search(text, locale, 1);
      if (!best) return { text: t('offline.noAnswer') };
      return { text: t('offline.fromHelp', { title: best.document.title, body: best.document.body.trim() }) };
    },
  };
}
