/**
 * The AI service's contract: what the assistant says, proposes and reports
 * while it answers. Pure: no Node, network or D-Bus here.
 *
 * The cloud model (Gemini) is reached through a {@link ModelBackend}; when it
 * cannot answer — no key, no network, quota spent, retries exhausted — the
 * offline engine answers and an `offline` event says so plainly. Nothing the
 * person typed is lost: every turn is in the history before any network call.
 */
import type { IntentId, IntentSlots } from '../intent/types.js';

export type AiSource = 'cloud' | 'offline';

export interface ChatTurn {
  readonly role: 'user' | 'model';
  readonly text: string;
  readonly at: Date;
  /** Where a model turn came from; absent for the person's turns. */
  readonly source?: AiSource;
}

/** A system action the model (or the offline router) proposes; it runs only after the person confirms. */
export interface ProposedAction {
  readonly intent: IntentId;
  readonly slots: IntentSlots;
  /** The function call as the model made it, echoed back with the result. */
  readonly call: { readonly name: string; readonly args: Readonly<Record<string, unknown>> };
}

/** Why the assistant is answering offline. Each has a plain message in i18n (`ai.offline.<reason>`). */
export type OfflineReason =
  'no-key' | 'invalid-key' | 'no-network' | 'quota' | 'rate-limited' | 'timeout' | 'server-error';

export type AiEvent =
  /** A piece of the answer, in order; pieces concatenate to the answer. */
  | { readonly kind: 'text'; readonly text: string }
  /** The model proposes a system action; the UI asks the person before it runs. */
  | { readonly kind: 'action'; readonly action: ProposedAction }
  /** A retry is coming after `delayMs` (the server's RetryInfo when it gave one). */
  | { readonly kind: 'retrying'; readonly attempt: number; readonly delayMs: number; readonly reason: CloudFailureKind }
  /** The cloud could not answer; the offline engine answers this one. Never silent. */
  | { readonly kind: 'offline'; readonly reason: OfflineReason; readonly message: string }
  | { readonly kind: 'done'; readonly source: AiSource; readonly text: string };

/** What went wrong with one cloud attempt. */
export type CloudFailureKind =
  'rate-limited' | 'quota' | 'invalid-key' | 'bad-request' | 'server-error' | 'timeout' | 'network';

export interface CloudFailure {
  readonly kind: CloudFailureKind;
  readonly status?: number;
  /** From google.rpc.RetryInfo, when the server said how long to wait. */
  readonly retryDelayMs?: number;
  readonly detail?: string;
}

/** One piece of a streamed model answer. */
export type ModelChunk =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'call'; readonly name: string; readonly args: Readonly<Record<string, unknown>> };

export interface ModelRequest {
  readonly history: readonly ChatTurn[];
  readonly message: string;
  readonly locale: 'km' | 'en';
}

/**
 * A cloud model. `stream` yields chunks, or throws a {@link CloudError} for a
 * failure the assistant can classify (retry, or go offline).
 */
export interface ModelBackend {
  stream(request: ModelRequest, signal: AbortSignal): AsyncIterable<ModelChunk>;
}

export class CloudError extends Error {
  constructor(
    readonly failure: CloudFailure,
    options?: { cause?: unknown },
  ) {
    super(`cloud model: ${failure.kind}${failure.status ? ` (HTTP ${failure.status})` : ''}`, options);
    this.name = 'CloudError';
  }
}

/** The conversation as kept on disk. */
export interface HistoryStore {
  append(turn: ChatTurn): Promise<void>;
  /** The last `limit` turns, oldest first. */
  recent(limit: number): Promise<ChatTurn[]>;
  /** Turns whose text contains every word of `query` (Khmer segmented), newest first. */
  search(query: string, limit: number): Promise<ChatTurn[]>;
}

/** An answer that needs no network. */
export interface OfflineAnswer {
  readonly text: string;
  readonly action?: ProposedAction;
}

export interface OfflineEngine {
  answer(text: string, locale: 'km' | 'en'): OfflineAnswer;
}
