/**
 * A fake of Google's Gemini REST API on 127.0.0.1, speaking its wire protocol
 * (`:generateContent` JSON and `:streamGenerateContent?alt=sse` server-sent
 * events), so that tests drive the real `@google/genai` client.
 *
 * Each request takes the next scripted reply; requests are recorded.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakePart = { text: string } | { functionCall: { name: string; args: Record<string, unknown> } };

export type FakeReply =
  /** A normal answer, one SSE event per part (or one JSON body when not streaming). */
  | { kind: 'answer'; parts: FakePart[]; delayMs?: number }
  /** An HTTP error with Google's error body; `retryDelay` adds a google.rpc.RetryInfo detail ("3s"). */
  | { kind: 'error'; status: number; message?: string; retryDelay?: string; quota?: boolean }
  /** Sends `parts`, then keeps the stream open without another byte until the client gives up. */
  | { kind: 'stall'; parts: FakePart[] }
  /** Closes the connection without an answer. */
  | { kind: 'drop' };

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly stream: boolean;
  readonly apiKey: string | undefined;
  readonly body: {
    contents?: Array<{ role?: string; parts?: Array<Record<string, unknown>> }>;
    tools?: unknown[];
    systemInstruction?: unknown;
  };
}

export class FakeGemini {
  readonly requests: RecordedRequest[] = [];
  readonly #replies: FakeReply[] = [];
  readonly #server: http.Server;
  readonly #open = new Set<http.ServerResponse>();
  #fallback: FakeReply = { kind: 'error', status: 500, message: 'fake-gemini: no reply scripted' };

  constructor() {
    this.#server = http.createServer((req, res) => void this.#handle(req, res));
  }

  /** Starts listening on an ephemeral port of 127.0.0.1; resolves to the base URL. */
  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    const { port } = this.#server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    for (const res of this.#open) res.destroy();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /** Queues replies, used in order, one per request. */
  script(...replies: FakeReply[]): this {
    this.#replies.push(...replies);
    return this;
  }

  /** The reply used once the script has run out. */
  otherwise(reply: FakeReply): this {
    this.#fallback = reply;
    return this;
  }

  async #handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const stream = url.pathname.endsWith(':streamGenerateContent');
    let body: RecordedRequest['body'] = {};
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as RecordedRequest['body'];
    } catch {
      // recorded as empty; the reply decides what happens
    }
    const apiKey = req.headers['x-goog-api-key'];
    this.requests.push({
      method: req.method ?? '',
      path: url.pathname,
      stream,
      apiKey: Array.isArray(apiKey) ? apiKey[0] : apiKey,
      body,
    });
    const reply = this.#replies.shift() ?? this.#fallback;
    this.#open.add(res);
    res.on('close', () => this.#open.delete(res));

    switch (reply.kind) {
      case 'drop':
        req.socket.destroy();
        return;
      case 'error':
        res.writeHead(reply.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(errorBody(reply)));
        return;
      case 'answer':
      case 'stall': {
        if (!stream) {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify(candidate(reply.parts, 'STOP')));
          return;
        }
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        for (const [i, part] of reply.parts.entries()) {
          const last = i === reply.parts.length - 1 && reply.kind === 'answer';
          res.write(`data: ${JSON.stringify(candidate([part], last ? 'STOP' : undefined))}\r\n\r\n`);
          if (reply.kind === 'answer' && reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
        }
        if (reply.kind === 'answer') res.end();
        return; // a stall keeps the response open
      }
    }
  }
}

function candidate(parts: FakePart[], finishReason: string | undefined) {
  return {
    candidates: [{ content: { role: 'model', parts }, ...(finishReason ? { finishReason } : {}), index: 0 }],
    usageMetadata: { promptTokenCount: 10, candidatesTokenCount: parts.length, totalTokenCount: 10 + parts.length },
    modelVersion: 'fake-gemini',
  };
}

function errorBody(reply: Extract<FakeReply, { kind: 'error' }>) {
  const status =
    reply.status === 429
      ? 'RESOURCE_EXHAUSTED'
      : reply.status === 400
        ? 'INVALID_ARGUMENT'
        : reply.status === 403
          ? 'PERMISSION_DENIED'
          : 'UNAVAILABLE';
  const details: unknown[] = [];
  if (reply.quota) {
    details.push({
      '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
      violations: [
        {
          quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests',
          quotaId: 'GenerateRequestsPerDayPerProjectPerModel-FreeTier',
        },
      ],
    });
  }
  if (reply.retryDelay)
    details.push({ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: reply.retryDelay });
  return { error: { code: reply.status, message: reply.message ?? status, status, details } };
}
