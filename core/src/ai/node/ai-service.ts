/**
 * The KOOMPI AI service (org.koompi.AI1 on the system bus, interface in
 * plasma-integration/dbus/org.koompi.AI1.xml): it holds the school's Gemini
 * key, which only its own user (group koompi-ai) can read, and answers the
 * assistants of everyone on the computer. Answers go back as unicast signals to
 * the caller alone. Each person gets a fair share, counted by their uid (which
 * the bus reports, so opening more connections gains nothing): a few requests
 * at a time and a per-minute budget; everyone together is capped as well, so
 * neither one student nor a whole class can spend the school's quota.
 */
import { randomUUID } from 'node:crypto';
import { CloudError, type ChatTurn, type ModelBackend, type ModelRequest } from '../ai.js';
import { FairShare, type FairShareLimits } from '../fair-share.js';
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
  /** Limits per person (uid) and for everyone together; DEFAULT_SHARE for what is left out. */
  readonly share?: Partial<FairShareLimits>;
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
  const share = new FairShare(options.share, options.now);
  const rateLimited = (why: string) => new MethodError('org.koompi.AI1.Error.RateLimited', why);

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
        // The person, not the connection: the bus says whose connection it is.
        const [value] = await connection.callBus('GetConnectionUnixUser', 's', [sender]).catch(() => [undefined]);
        const uid = Number(value);
        if (value === undefined || !Number.isInteger(uid) || uid < 0) {
          throw new MethodError('org.freedesktop.DBus.Error.AccessDenied', 'the caller could not be identified');
        }
        const grant = share.take(uid);
        if (grant.kind === 'refused') {
          throw rateLimited(
            grant.by === 'user'
              ? 'too many requests from this user; wait a minute'
              : 'the school AI is busy with everyone on this computer; wait a minute',
          );
        }
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
            grant.release();
          }
        })();
        return [id];
      },
    },
  });
  await server.requestName(AI_BUS_NAME);
}
