/**
 * What happens when the person sends a message: the question goes to the
 * assistant, the answer streams into the conversation, offline mode and
 * retries are shown, proposed actions wait for the person's yes. Pure: the
 * assistant and the action runner come in through the constructor, so this is
 * tested without Qt or a network.
 */
import { languageOf, type AiEvent, type ProposedAction, type Translator } from '@koompi/core';
import { Conversation } from './conversation.js';

/** The part of the assistant the window uses. */
export interface ChatAssistant {
  ask(text: string, options?: { signal?: AbortSignal }): AsyncIterable<AiEvent>;
  /** Keeps what an action did in the conversation's history, so later answers know it. */
  record(text: string): Promise<void>;
}

export interface ActionResult {
  readonly ok: boolean;
  /** Said to the person, in their language. */
  readonly message: string;
  readonly data?: Readonly<Record<string, unknown>>;
  /** The action that undoes this one, offered to the person afterwards. */
  readonly undo?: ProposedAction;
}

/** Carries out a confirmed action (through koompid, the launcher, …). */
export interface ActionRunner {
  run(action: ProposedAction): Promise<ActionResult>;
  needsConfirmation(action: ProposedAction): boolean;
}

export type ChatStatus =
  | { kind: 'idle' }
  | { kind: 'thinking' }
  | { kind: 'retrying'; seconds: number }
  | { kind: 'offline'; message: string };

export interface ChatControllerEvents {
  status(status: ChatStatus): void;
  /** An action waits for the person's yes; `undo` when it undoes the last change. */
  pendingAction(action: ProposedAction | undefined, undo: boolean): void;
  busy(busy: boolean): void;
}

export class ChatController {
  #busy = false;
  #pending: ProposedAction | undefined;
  #pendingIsUndo = false;
  #pendingLocale: 'km' | 'en' = 'km';
  #offline: string | undefined;
  readonly #listeners: Partial<ChatControllerEvents>[] = [];

  constructor(
    readonly conversation: Conversation,
    private readonly assistant: ChatAssistant,
    private readonly actions: ActionRunner,
    private t: Translator,
  ) {}

  /** The language changed: messages from now on use `t`. */
  setTranslator(t: Translator): void {
    this.t = t;
  }

  on(listener: Partial<ChatControllerEvents>): void {
    this.#listeners.push(listener);
  }

  get busy(): boolean {
    return this.#busy;
  }

  get pendingAction(): ProposedAction | undefined {
    return this.#pending;
  }

  /** Sends `text`; resolves when the answer is complete. Refused while an answer is coming. */
  async send(text: string): Promise<'sent' | 'empty' | 'too-long' | 'busy'> {
    if (this.#busy) return 'busy';
    const result = this.conversation.submit(text);
    if (result.kind !== 'sent') return result.kind;
    await this.#stream(this.assistant.ask(result.message.text), languageOf(result.message.text));
    return 'sent';
  }

  /** The person said yes to the pending action: run it and say what happened, once. */
  async confirm(): Promise<void> {
    const action = this.#pending;
    if (!action || this.#busy) return;
    const undo = this.#pendingIsUndo;
    this.#setPending(undefined);
    await this.#run(action, this.#pendingLocale, !undo);
  }

  /** The person said no: nothing runs. */
  cancel(): void {
    if (!this.#pending) return;
    const undo = this.#pendingIsUndo;
    this.#setPending(undefined);
    this.conversation.append('notice', this.t(undo ? 'action.kept' : 'action.cancelled'));
  }

  async #run(action: ProposedAction, locale: 'km' | 'en', offerUndo = true): Promise<void> {
    this.#setBusy(true);
    let result: ActionResult;
    try {
      result = await this.actions.run(action);
    } catch (error) {
      result = {
        ok: false,
        message: this.t('action.error', { detail: error instanceof Error ? error.message : String(error) }),
      };
    } finally {
      this.#setBusy(false);
    }
    // The outcome is the reply: said here once, not repeated by the assistant.
    this.conversation.append('notice', result.message);
    await this.assistant.record(result.message).catch(() => undefined);
    if (result.ok && result.undo && offerUndo && !this.#pending) {
      this.#pendingLocale = locale;
      this.#setPending(result.undo, true);
    }
  }

  async #stream(events: AsyncIterable<AiEvent>, locale: 'km' | 'en'): Promise<void> {
    this.#setBusy(true);
    this.#emit('status', { kind: 'thinking' });
    let answer: { id: number; text: string } | undefined;
    const autoRun: ProposedAction[] = [];
    try {
      for await (const event of events) {
        switch (event.kind) {
          case 'text':
            if (!answer) answer = { id: this.conversation.append('assistant', '').id, text: '' };
            answer.text += event.text;
            this.conversation.update(answer.id, answer.text);
            break;
          case 'retrying':
            this.#emit('status', { kind: 'retrying', seconds: Math.ceil(event.delayMs / 1000) });
            break;
          case 'offline':
            if (this.#offline !== event.message) this.conversation.append('notice', event.message);
            this.#offline = event.message;
            break;
          case 'action':
            if (this.actions.needsConfirmation(event.action)) {
              this.#pendingLocale = locale;
              this.#setPending(event.action);
            } else {
              autoRun.push(event.action);
            }
            break;
          case 'done':
            if (event.source === 'cloud') this.#offline = undefined;
            break;
        }
      }
    } catch (error) {
      this.conversation.append(
        'notice',
        this.t('status.failed', { detail: error instanceof Error ? error.message : String(error) }),
      );
    } finally {
      this.#setBusy(false);
      this.#emit('status', this.#offline ? { kind: 'offline', message: this.#offline } : { kind: 'idle' });
    }
    // Actions that only read (search, information, open an app) need no yes.
    for (const action of autoRun) await this.#run(action, locale);
  }

  #setBusy(busy: boolean): void {
    this.#busy = busy;
    this.#emit('busy', busy);
  }

  #setPending(action: ProposedAction | undefined, undo = false): void {
    this.#pending = action;
    this.#pendingIsUndo = action !== undefined && undo;
    this.#emit('pendingAction', action, this.#pendingIsUndo);
  }

  #emit<K extends keyof ChatControllerEvents>(kind: K, ...args: Parameters<ChatControllerEvents[K]>): void {
    for (const listener of this.#listeners) (listener[kind] as ((...a: typeof args) => void) | undefined)?.(...args);
  }
}
