/**
 * The assistant: one conversation, answered by the cloud model when it can and
 * by the offline engine when it cannot — and saying which. Pure orchestration:
 * the model, the history, the offline engine and the clock come in through the
 * constructor.
 *
 * @example
 * const assistant = new Assistant({ backend, offline, history, messages });
 * for await (const event of assistant.ask('ដំឡើង Firefox')) render(event);
 */
import type { Translator } from '../i18n/i18n.js';
import { hasKhmer } from '../text/khmer.js';
import {
  CloudError,
  type AiEvent,
  type AiSource,
  type CloudFailure,
  type HistoryStore,
  type ModelBackend,
  type ModelRequest,
  type OfflineEngine,
  type OfflineReason,
} from './ai.js';
import { DEFAULT_RETRY_POLICY, decideRetry, type RetryPolicy } from './retry.js';
import { actionFromCall } from './tools.js';

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface AssistantOptions {
  /** The cloud model; absent when there is no key, and then every answer is offline. */
  readonly backend?: ModelBackend;
  /** Why there is no backend, when there is none (shown to the person). */
  readonly noBackendReason?: OfflineReason;
  readonly offline: OfflineEngine;
  readonly history: HistoryStore;
  /** The `ai` messages in each language; answers follow the language of the question. */
  readonly messages: (locale: 'km' | 'en') => Translator;
  readonly policy?: RetryPolicy;
  readonly sleep?: Sleep;
  readonly random?: () => number;
  /** How many earlier turns go to the model as context. */
  readonly contextTurns?: number;
  readonly now?: () => Date;
}

export interface AskOptions {
  readonly signal?: AbortSignal;
}

/** Khmer when the text has Khmer letters, English otherwise. */
export function languageOf(text: string): 'km' | 'en' {
  return hasKhmer(text) ? 'km' : 'en';
}

const abortableSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });

export class Assistant {
  readonly #o: AssistantOptions;

  constructor(options: AssistantOptions) {
    this.#o = options;
  }

  /** Answers `text`. The question is saved before anything else can fail. */
  async *ask(text: string, options: AskOptions = {}): AsyncGenerator<AiEvent> {
    const locale = languageOf(text);
    const now = this.#o.now ?? (() => new Date());
    const context = await this.#o.history.recent(this.#o.contextTurns ?? 20);
    await this.#o.history.append({ role: 'user', text, at: now() });
    yield* this.#answer({ history: context, message: text, locale }, text, options);
  }

  async *#answer(request: ModelRequest, question: string, options: AskOptions): AsyncGenerator<AiEvent> {
    const { backend } = this.#o;
    if (!backend) {
      yield* this.#offline(request, question, this.#o.noBackendReason ?? 'no-key');
      return;
    }
    const policy = this.#o.policy ?? DEFAULT_RETRY_POLICY;
    const sleep = this.#o.sleep ?? abortableSleep;
    for (let attempt = 1; ; attempt++) {
      let said = '';
      let emitted = false;
      try {
        for await (const chunk of backend.stream(request, options.signal ?? new AbortController().signal)) {
          emitted = true;
          if (chunk.kind === 'text') {
            said += chunk.text;
            yield { kind: 'text', text: chunk.text };
          } else {
            const mapped = actionFromCall(chunk.name, chunk.args);
            if (mapped.kind === 'action') yield { kind: 'action', action: mapped.action };
          }
        }
        yield* this.#finish('cloud', said);
        return;
      } catch (error) {
        if (options.signal?.aborted) throw error;
        const failure: CloudFailure =
          error instanceof CloudError ? error.failure : { kind: 'network', detail: String(error) };
        if (emitted) {
          // Part of the answer is on screen: keep it, say it was cut off, do not repeat it.
          const t = this.#o.messages(request.locale);
          yield {
            kind: 'offline',
            reason: failure.kind === 'timeout' ? 'timeout' : 'no-network',
            message: t('cutOff'),
          };
          yield* this.#finish('cloud', said);
          return;
        }
        const decision = decideRetry(failure, attempt, policy, this.#o.random);
        if (decision.kind === 'offline') {
          yield* this.#offline(request, question, decision.reason);
          return;
        }
        yield { kind: 'retrying', attempt, delayMs: decision.delayMs, reason: failure.kind };
        await sleep(decision.delayMs, options.signal);
      }
    }
  }

  async *#offline(request: ModelRequest, question: string, reason: OfflineReason): AsyncGenerator<AiEvent> {
    const t = this.#o.messages(request.locale);
    yield { kind: 'offline', reason, message: t(`offline.${reason}`) };
    const answer = this.#o.offline.answer(question, request.locale);
    yield { kind: 'text', text: answer.text };
    if (answer.action) yield { kind: 'action', action: answer.action };
    yield* this.#finish('offline', answer.text);
  }

  async *#finish(source: AiSource, text: string): AsyncGenerator<AiEvent> {
    if (text) await this.#o.history.append({ role: 'model', text, at: (this.#o.now ?? (() => new Date()))(), source });
    yield { kind: 'done', source, text };
  }
}
