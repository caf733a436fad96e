/**
 * The messages of one chat, in order, as the window shows them. Pure: no Qt.
 */
export type Author = 'person' | 'assistant' | 'notice';

export interface ChatMessage {
  readonly id: number;
  readonly author: Author;
  readonly text: string;
  readonly at: Date;
}

export type SubmitResult =
  { kind: 'sent'; message: ChatMessage } | { kind: 'empty' } | { kind: 'too-long'; max: number };

export type ConversationChange = { kind: 'added'; message: ChatMessage } | { kind: 'changed'; message: ChatMessage };

/** What one message may hold: a long essay pasted in is fine, a megabyte is not. */
export const MAX_MESSAGE_LENGTH = 16_000;

export class Conversation {
  readonly #messages: ChatMessage[] = [];
  readonly #listeners = new Set<(change: ConversationChange) => void>();
  #nextId = 1;

  constructor(private readonly now: () => Date = () => new Date()) {}

  get messages(): readonly ChatMessage[] {
    return this.#messages;
  }

  /** Checks what the person typed: trimmed, not blank, not huge. Adds nothing. */
  static check(text: string): { kind: 'ok'; text: string } | { kind: 'empty' } | { kind: 'too-long'; max: number } {
    const trimmed = text.trim();
    if (trimmed.length === 0) return { kind: 'empty' };
    if (trimmed.length > MAX_MESSAGE_LENGTH) return { kind: 'too-long', max: MAX_MESSAGE_LENGTH };
    return { kind: 'ok', text: trimmed };
  }

  /** Adds what the person typed, trimmed; blank or oversized text is refused, not sent. */
  submit(text: string): SubmitResult {
    const checked = Conversation.check(text);
    if (checked.kind !== 'ok') return checked;
    return { kind: 'sent', message: this.append('person', checked.text) };
  }

  append(author: Author, text: string, at: Date = this.now()): ChatMessage {
    const message: ChatMessage = { id: this.#nextId++, author, text, at };
    this.#messages.push(message);
    this.#emit({ kind: 'added', message });
    return message;
  }

  /** Replaces a message's text (an answer growing as it streams in). */
  update(id: number, text: string): void {
    const index = this.#messages.findIndex((m) => m.id === id);
    const old = this.#messages[index];
    if (!old || old.text === text) return;
    const message = { ...old, text };
    this.#messages[index] = message;
    this.#emit({ kind: 'changed', message });
  }

  onChange(listener: (change: ConversationChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #emit(change: ConversationChange): void {
    for (const listener of this.#listeners) listener(change);
  }
}
