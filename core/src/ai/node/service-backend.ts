/**
 * The cloud model through the KOOMPI AI service (org.koompi.AI1), for people
 * who may not read the school's key themselves (students). Same contract as
 * the direct Gemini backend: chunks in order, failures as CloudErrors.
 */
import fs from 'node:fs';
import { CloudError, type CloudFailure, type ModelBackend, type ModelChunk, type ModelRequest } from '../ai.js';
import { DbusCallError, type DbusConnection, type IncomingSignal } from '../../dbus/node/connection.js';
import { AI_BUS_NAME, AI_INTERFACE, AI_PATH } from './ai-service.js';
import { SCHOOL_KEY_FILE } from './keys.js';

export class ServiceBackend implements ModelBackend {
  constructor(
    private readonly connection: DbusConnection,
    private readonly stallTimeoutMs = 30_000,
  ) {}

  async *stream(request: ModelRequest, signal: AbortSignal): AsyncGenerator<ModelChunk> {
    const queue: IncomingSignal[] = [];
    let wake: (() => void) | undefined;
    // The service is D-Bus-activated (koompi-ai.service): the bus starts it if nobody owns the name yet.
    const owner = await this.connection.activatedOwner(AI_BUS_NAME);
    if (!owner) throw new CloudError({ kind: 'network', detail: 'the AI service is not running' });
    // Subscribe before asking, so no signal can be missed; only the service's own signals count.
    const unsubscribe = await this.connection.subscribe(
      { sender: owner, path: AI_PATH, interface: AI_INTERFACE },
      (s) => {
        queue.push(s);
        wake?.();
      },
    );
    try {
      let id: string;
      try {
        const body = {
          history: request.history.map((t) => ({ role: t.role, text: t.text })),
          message: request.message,
          locale: request.locale,
        };
        [id] = (await this.connection.call(AI_BUS_NAME, AI_PATH, AI_INTERFACE, 'Ask', 's', [JSON.stringify(body)])) as [
          string,
        ];
      } catch (error) {
        if (error instanceof DbusCallError && error.errorName === 'org.koompi.AI1.Error.RateLimited') {
          throw new CloudError({ kind: 'rate-limited', retryDelayMs: 60_000 }, { cause: error });
        }
        throw new CloudError({ kind: 'network', detail: String(error) }, { cause: error });
      }
      for (;;) {
        const next = queue.shift();
        if (!next) {
          if (signal.aborted) throw signal.reason;
          const timedOut = await new Promise<boolean>((resolve) => {
            const timer = setTimeout(() => resolve(true), this.stallTimeoutMs);
            wake = () => {
              clearTimeout(timer);
              resolve(false);
            };
          });
          wake = undefined;
          if (timedOut) throw new CloudError({ kind: 'timeout' });
          continue;
        }
        if (next.body[0] !== id) continue;
        const payload = JSON.parse(String(next.body[1])) as ModelChunk | { ok: boolean; failure?: CloudFailure };
        if (next.member === 'Chunk') yield payload as ModelChunk;
        else if (next.member === 'Finished') {
          const end = payload as { ok: boolean; failure?: CloudFailure };
          if (!end.ok) throw new CloudError(end.failure ?? { kind: 'server-error' });
          return;
        }
      }
    } finally {
      await unsubscribe();
    }
  }
}

/**
 * Whether the AI service is there, or can be started by D-Bus activation and has
 * a school key to start with. Without the key file the service exits at once,
 * and dbus-daemon would keep the caller waiting for its activation timeout
 * (25 s) before saying so; whether the file exists is not a secret (its
 * content is), so it is checked first.
 */
export async function aiServiceReachable(
  connection: DbusConnection,
  keyFile: string = SCHOOL_KEY_FILE,
): Promise<boolean> {
  const [present] = await connection.callBus('NameHasOwner', 's', [AI_BUS_NAME]);
  if (present === true) return true;
  if (!fs.existsSync(keyFile)) return false;
  const [names] = await connection.callBus('ListActivatableNames');
  return Array.isArray(names) && names.includes(AI_BUS_NAME);
}
