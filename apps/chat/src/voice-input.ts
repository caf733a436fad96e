/**
 * The microphone in Chat (the button and Ctrl+M): the first press starts
 * listening, the second stops and keeps what was said; the words go into the
 * input line for the person to check and send. Dictation uses whisper when a
 * model is installed, otherwise command mode (pocketsphinx). Pure: the engine
 * comes in through `open` and `listen`.
 */
import type { Transcriber, VoiceLanguage, VoiceNotice } from '@koompi/core';

export type ListenResult =
  | { readonly kind: 'ok'; readonly transcript: { readonly text: string } }
  | Exclude<VoiceNotice, { readonly kind: 'installed' }>;

export interface VoiceEngine {
  /** Opens a transcriber, or says why there is none. */
  open(): Promise<{ kind: 'ok'; transcriber: Transcriber } | Exclude<VoiceNotice, { readonly kind: 'installed' }>>;
  listen(transcriber: Transcriber, options: { signal: AbortSignal; language?: VoiceLanguage }): Promise<ListenResult>;
}

export type VoiceState = 'idle' | 'listening';

export class VoiceInput {
  #transcriber: Transcriber | undefined;
  #listening: AbortController | undefined;
  readonly #listeners = new Set<(state: VoiceState) => void>();

  constructor(private readonly engine: VoiceEngine) {}

  get state(): VoiceState {
    return this.#listening ? 'listening' : 'idle';
  }

  onState(listener: (state: VoiceState) => void): void {
    this.#listeners.add(listener);
  }

  /**
   * Starts listening and resolves with what was heard; called again while
   * listening, it stops (the first call then resolves with the words so far).
   */
  async toggle(language?: VoiceLanguage): Promise<ListenResult | { kind: 'stopped' }> {
    if (this.#listening) {
      this.#listening.abort();
      return { kind: 'stopped' };
    }
    if (!this.#transcriber) {
      const opened = await this.engine.open();
      if (opened.kind !== 'ok') return opened;
      this.#transcriber = opened.transcriber;
    }
    const controller = new AbortController();
    this.#listening = controller;
    this.#emit();
    try {
      return await this.engine.listen(this.#transcriber, {
        signal: controller.signal,
        ...(language ? { language } : {}),
      });
    } finally {
      this.#listening = undefined;
      this.#emit();
    }
  }

  async close(): Promise<void> {
    this.#listening?.abort();
    await this.#transcriber?.close();
    this.#transcriber = undefined;
  }

  #emit(): void {
    for (const listener of this.#listeners) listener(this.state);
  }
}
