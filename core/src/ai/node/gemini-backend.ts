/**
 * The cloud model: Gemini through the official `@google/genai` client,
 * streaming (`:streamGenerateContent`, server-sent events). Its failures become
 * {@link CloudError}s the assistant can classify; a stream that stops sending
 * is cut after `stallTimeoutMs` and reported as a timeout.
 */
import { ApiError, GoogleGenAI, type Content, type Part } from '@google/genai';
import { CloudError, type ModelBackend, type ModelChunk, type ModelRequest } from '../ai.js';
import { classifyHttpError } from '../retry.js';
import { functionDeclarations } from '../tools.js';
import type { Secret } from './secret.js';

export interface GeminiBackendOptions {
  readonly apiKey: Secret;
  /** For tests and school proxies: `KOOMPI_GEMINI_BASE_URL`. */
  readonly baseUrl?: string;
  readonly model?: string;
  /** Give up when no byte arrives for this long (first byte included). */
  readonly stallTimeoutMs?: number;
}

export const DEFAULT_MODEL = 'gemini-2.5-flash';

const SYSTEM_INSTRUCTION = [
  'You are the KOOMPI assistant on a school computer in Cambodia, talking with students and teachers.',
  'Answer in the language the person writes in: Khmer (ខ្មែរ) or English; follow them when they switch.',
  'Be brief, kind and concrete. For changes to the computer, call a function: the person will be asked to confirm.',
].join(' ');

class StallError extends Error {
  constructor() {
    super('no data from the model');
    this.name = 'StallError';
  }
}

function toContents(request: ModelRequest): Content[] {
  const contents: Content[] = request.history.map((turn) => ({ role: turn.role, parts: [{ text: turn.text }] }));
  if (request.message) contents.push({ role: 'user', parts: [{ text: request.message }] });
  return contents;
}

function chunksOf(parts: readonly Part[]): ModelChunk[] {
  const out: ModelChunk[] = [];
  for (const part of parts) {
    if (part.thought) continue;
    if (typeof part.text === 'string' && part.text) out.push({ kind: 'text', text: part.text });
    if (part.functionCall?.name)
      out.push({ kind: 'call', name: part.functionCall.name, args: part.functionCall.args ?? {} });
  }
  return out;
}

export class GeminiBackend implements ModelBackend {
  readonly #ai: GoogleGenAI;
  readonly #model: string;
  readonly #stallMs: number;

  constructor(options: GeminiBackendOptions) {
    this.#ai = new GoogleGenAI({
      apiKey: options.apiKey.reveal(),
      ...(options.baseUrl ? { httpOptions: { baseUrl: options.baseUrl } } : {}),
    });
    this.#model = options.model ?? DEFAULT_MODEL;
    this.#stallMs = options.stallTimeoutMs ?? 20_000;
  }

  async *stream(request: ModelRequest, signal: AbortSignal): AsyncGenerator<ModelChunk> {
    const controller = new AbortController();
    const onAbort = () => controller.abort(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => controller.abort(new StallError()), this.#stallMs);
    };
    try {
      arm();
      const stream = await this.#ai.models.generateContentStream({
        model: this.#model,
        contents: toContents(request),
        config: {
          abortSignal: controller.signal,
          systemInstruction: SYSTEM_INSTRUCTION,
          tools: [{ functionDeclarations: functionDeclarations() as never }],
        },
      });
      for await (const chunk of stream) {
        arm();
        for (const piece of chunksOf(chunk.candidates?.[0]?.content?.parts ?? [])) yield piece;
      }
    } catch (error) {
      if (signal.aborted) throw error;
      throw toCloudError(error, controller.signal);
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    }
  }
}

function toCloudError(error: unknown, signal: AbortSignal): CloudError {
  if (signal.aborted && signal.reason instanceof StallError) {
    return new CloudError({ kind: 'timeout' }, { cause: error });
  }
  if (error instanceof ApiError)
    return new CloudError(classifyHttpError(error.status, error.message), { cause: error });
  // fetch failures (DNS, refused, reset) and anything else on the way
  return new CloudError(
    { kind: 'network', detail: error instanceof Error ? error.message : String(error) },
    { cause: error },
  );
}
