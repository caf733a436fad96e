// serveAi on a private bus with a scripted backend: answers stream back to
// the caller, each caller gets a fair share, and bad requests are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSessionBus, type SessionBus } from '../../../../tests/support/session-bus.js';
import { DbusConnection } from '../../dbus/node/connection.js';
import type { ModelBackend, ModelChunk } from '../ai.js';
import { parseAiRequest, serveAi } from './ai-service.js';
import { ServiceBackend } from './service-backend.js';

describe('the AI service protocol', () => {
  let bus: SessionBus;
  let service: DbusConnection;
  let client: DbusConnection;
  const seen: string[] = [];

  beforeAll(async () => {
    bus = await startSessionBus();
    service = await DbusConnection.connect(bus.address);
    const backend: ModelBackend = {
      async *stream(request): AsyncGenerator<ModelChunk> {
        seen.push(request.message);
        yield { kind: 'text', text: `you said: ${request.message}` };
        yield { kind: 'call', name: 'open_app', args: { app: 'write' } };
      },
    };
    await serveAi(service, { backend, share: { perUserPerMinute: 2 } });
    client = await DbusConnection.connect(bus.address);
  });
  afterAll(() => {
    client?.close();
    service?.close();
    bus?.stop();
  });

  it('streams chunks back to the caller, then refuses a caller over its per-minute share', async () => {
    const backend = new ServiceBackend(client);
    const chunks: ModelChunk[] = [];
    for await (const c of backend.stream({ history: [], message: 'សួស្តី', locale: 'km' }, new AbortController().signal)) {
      chunks.push(c);
    }
    expect(chunks).toEqual([
      { kind: 'text', text: 'you said: សួស្តី' },
      { kind: 'call', name: 'open_app', args: { app: 'write' } },
    ]);
    for await (const _ of backend.stream({ history: [], message: 'two', locale: 'en' }, new AbortController().signal));
    const third = backend.stream({ history: [], message: 'three', locale: 'en' }, new AbortController().signal);
    await expect(third.next()).rejects.toMatchObject({ failure: { kind: 'rate-limited' } });
    expect(seen).toEqual(['សួស្តី', 'two']);
  });

  it('parses requests strictly', () => {
    expect(() => parseAiRequest('{}')).toThrow(/message/);
    expect(() => parseAiRequest(42)).toThrow(/JSON/);
    const parsed = parseAiRequest(
      JSON.stringify({
        message: 'm',
        locale: 'xx',
        history: [{ role: 'user', text: 'a' }, { role: 'evil', text: 'b' }, 5],
      }),
    );
    expect(parsed.locale).toBe('km');
    expect(parsed.history.map((t) => t.text)).toEqual(['a']);
  });
});

describe('the AI service counts a person, not a connection', () => {
  let bus: SessionBus;
  let service: DbusConnection;
  const clients: DbusConnection[] = [];

  beforeAll(async () => {
    bus = await startSessionBus();
    service = await DbusConnection.connect(bus.address);
    const backend: ModelBackend = {
      async *stream(): AsyncGenerator<ModelChunk> {
        yield { kind: 'text', text: 'ok' };
      },
    };
    await serveAi(service, { backend, share: { perUserPerMinute: 3, perUserConcurrent: 10 } });
    for (let i = 0; i < 2; i++) clients.push(await DbusConnection.connect(bus.address));
  });
  afterAll(() => {
    for (const c of clients) c.close();
    service?.close();
    bus?.stop();
  });

  it('gives two connections of the same uid one share between them', async () => {
    const ask = (c: DbusConnection) =>
      c.call('org.koompi.AI1', '/org/koompi/AI1', 'org.koompi.AI1', 'Ask', 's', [JSON.stringify({ message: 'm' })]);
    const [a, b] = clients as [DbusConnection, DbusConnection];
    await ask(a);
    await ask(a);
    await ask(b);
    await expect(ask(b)).rejects.toMatchObject({ errorName: 'org.koompi.AI1.Error.RateLimited' });
    await expect(ask(a)).rejects.toMatchObject({ errorName: 'org.koompi.AI1.Error.RateLimited' });
  });
});
