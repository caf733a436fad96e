/**
 * The KOOMPI AI service (org.koompi.AI1 on the system bus, interface in
 * plasma-integration/dbus/org.koompi.AI1.xml): it holds the school's Gemini
 * key, which only its own user (group koompi-ai) can read, and answers the
 * assistants of everyone on the computer. Answers go back as unicast signals to
 * the caller alone. Each caller gets a fair share: a few requests at a time and
 * a per-minute budget, so one student cannot spend the school's quota.
 */
import { randomUUID } from 'node:crypto';
import { CloudError, type ChatTurn, type ModelBackend, type ModelRequest } from '../ai.js';
import type { DbusConnection } from '../../dbus/node/connection.js';
import { DbusServer, MethodError } from '../../dbus/node/server.js';
import { loadInterfaces } from '../../desktop/node/interfaces.js';

export const AI_BUS_NAME = 'org.koompi.AI1';
export const AI_PATH = '/org/koompi/AI1';
export const AI_INTERFACE = 'org.koompi.AI1';
const MAX_REQUEST_BYTES = 64 * 1024;
const MAX_HISTORY = 40;

export interface AiServiceOptions {
  readonly backend: ModelBackend;
  /** Requests one caller may have running at once. */
  readonly perCallerConcurrent?: number;
  /** Requests one caller may start per minute. */
  readonly perCallerPerMinute?: number;
  readonly now?: () => number;
}

/** Parses and checks a request; anything malformed is an InvalidArgs error, never a crash. */
export function parseAiRequest(json: unknown): ModelRequest {
  const invalid = (why: string) => new MethodError('org.freedesktop.DBus.Error.InvalidArgs', why);
  if (typeof json !== 'string' || Buffer.byteLength(json) > MAX_REQUEST_BYTES)
    throw invalid('request must be JSON of at most 64 KiB');
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw invalid('request is not JSON');
  }
  const r = value as { history?: unknown; message?: unknown; locale?: unknown };
  if (!r || typeof r !== 'object' || typeof r.message !== 'string') throw invalid('request needs a message');
  const history: ChatTurn[] = [];
  for (const turn of Array.isArray(r.history) ? r.history.slice(-MAX_HISTORY) : []) {
    const t = turn as { role?: unknown; text?: unknown };
    if ((t.role === 'user' || t.role === 'model') && typeof t.text === 'string') {
      history.push({ role: t.role, text: t.text, at: new Date(0) });
    }
  }
  const locale = r.locale === 'en' ? 'en' : 'km';
  return { history, message: r.message, locale };
}

export async function serveAi(connection: DbusConnection, options: AiServiceOptions): Promise<void> {
  const concurrent = options.perCallerConcurrent ?? 2;
  const perMinute = options.perCallerPerMinute ?? 30;
  const now = options.now ?? Date.now;
  const running = new Map<string, number>();
  const recent = new Map<string, number[]>();

  const server = new DbusServer(
    connection,
    loadInterfaces('org.koompi.AI1.xml'),
    () => undefined,
    'org.koompi.AI1.Error.Failed',
  );
  server.export(AI_PATH, [AI_INTERFACE], {
    methods: {
      [`${AI_INTERFACE}.Ask`]: async ({ sender }, [json]) => {
        const request = parseAiRequest(json);
        const starts = (recent.get(sender) ?? []).filter((t) => now() - t < 60_000);
        if ((running.get(sender) ?? 0) >= concurrent || starts.length >= perMinute) {
          throw new MethodError('org.koompi.AI1.Error.RateLimited', 'too many requests from this user; wait a minute');
        }
        recent.set(sender, [...starts, now()]);
        running.set(sender, (running.get(sender) ?? 0) + 1);
        const id = randomUUID();
        void (async () => {
          const send = (member: 'Chunk' | 'Finished', body: string) =>
            connection.emitTo(sender, AI_PATH, AI_INTERFACE, member, 'ss', [id, body]);
          try {
            for await (const chunk of options.backend.stream(request, new AbortController().signal)) {
              send('Chunk', JSON.stringify(chunk));
            }
            send('Finished', JSON.stringify({ ok: true }));
          } catch (error) {
            const failure = error instanceof CloudError ? error.failure : { kind: 'server-error' };
            send('Finished', JSON.stringify({ ok: false, failure }));
          } finally {
            running.set(sender, (running.get(sender) ?? 1) - 1);
          }
        })();
        return [id];
      },
    },
  });
  await server.requestName(AI_BUS_NAME);
}
