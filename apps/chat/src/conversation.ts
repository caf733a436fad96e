/**
 * The messages of one chat, in order. The window renders it; later the AI
 * service appends the assistant's answers to it. Pure: no Qt here.
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

/** What one message may hold: a long essay pasted in is fine, a megabyte is not. */
export const MAX_MESSAGE_LENGTH = 16_000;

export class Conversation {
  readonly #messages: ChatMessage[] = [];
  readonly #listeners = new Set<(message: ChatMessage) => void>();
  #nextId = 1;

  constructor(private readonly now: () => Date = () => new Date()) {}

  get messages(): readonly ChatMessage[] {
    return this.#messages;
  }

  /** Adds what the person typed, trimmed; blank text is refused, not sent. */
  submit(text: string): SubmitResult {
    const trimmed = text.trim();
    if (trimmed.length === 0) return { kind: 'empty' };
    if (trimmed.length > MAX_MESSAGE_LENGTH) return { kind: 'too-long', max: MAX_MESSAGE_LENGTH };
    return { kind: 'sent', message: this.append('person', trimmed) };
  }

  append(author: Author, text: string): ChatMessage {
    const message: ChatMessage = { id: this.#nextId++, author, text, at: this.now() };
    this.#messages.push(message);
    for (const listener of this.#listeners) listener(message);
    return message;
  }

  onMessage(listener: (message: ChatMessage) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
