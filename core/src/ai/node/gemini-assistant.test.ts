// The assistant with the real @google/genai client against a fake Gemini on
// 127.0.0.1 that speaks its REST/SSE protocol, the real intent router, the real
// help documents and a real SQLite history file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadTranslator } from '../../i18n/node/bundles.js';
import { createIntentRouter } from '../../intent/router.js';
import type { AiEvent } from '../ai.js';
import { Assistant, type Sleep } from '../assistant.js';
import { HelpIndex } from '../help-index.js';
import { createOfflineEngine } from '../offline-engine.js';
import { FakeGemini } from '../test/fake-gemini.js';
import { GeminiBackend } from './gemini-backend.js';
import { loadHelpDocuments } from './help-docs.js';
import { Secret } from './secret.js';
import { SqliteHistory } from './sqlite-history.js';

const translators = { km: loadTranslator('ai', { locale: 'km' }), en: loadTranslator('ai', { locale: 'en' }) };
const messages = (l: 'km' | 'en') => translators[l];
const offline = createOfflineEngine({
  router: createIntentRouter(),
  help: new HelpIndex(loadHelpDocuments()),
  messages,
});

async function collect(events: AsyncIterable<AiEvent>): Promise<AiEvent[]> {
  const out: AiEvent[] = [];
  for await (const e of events) out.push(e);
  return out;
}
const texts = (events: AiEvent[]) => events.flatMap((e) => (e.kind === 'text' ? [e.text] : [])).join('');

describe('Assistant with Gemini (fake server, real client)', () => {
  let fake: FakeGemini;
  let baseUrl: string;
  let dir: string;
  let history: SqliteHistory;
  let slept: number[];
  const sleep: Sleep = async (ms) => {
    slept.push(ms);
  };

  beforeEach(async () => {
    fake = new FakeGemini();
    baseUrl = await fake.start();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-ai-'));
    history = await SqliteHistory.open(path.join(dir, 'history.sqlite'));
    slept = [];
  });
  afterEach(async () => {
    history.close();
    await fake.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const assistant = (stallTimeoutMs = 5000) =>
    new Assistant({
      backend: new GeminiBackend({ apiKey: new Secret('test-key-123'), baseUrl, stallTimeoutMs }),
      offline,
      history,
      messages,
      sleep,
      random: () => 0.5,
    });

  it('streams the answer in order, sends the key, tools and history, and keeps both turns', async () => {
    fake.script({ kind: 'answer', parts: [{ text: 'ជំរាប' }, { text: 'សួរ!' }] });
    const events = await collect(assistant().ask('សួស្តី'));
    expect(texts(events)).toBe('ជំរាបសួរ!');
    expect(events.at(-1)).toEqual({ kind: 'done', source: 'cloud', text: 'ជំរាបសួរ!' });
    expect(fake.requests[0]?.apiKey).toBe('test-key-123');
    expect(fake.requests[0]?.stream).toBe(true);
    expect(JSON.stringify(fake.requests[0]?.body.tools)).toContain('install_package');
    expect((await history.recent(10)).map((t) => [t.role, t.text, t.source])).toEqual([
      ['user', 'សួស្តី', undefined],
      ['model', 'ជំរាបសួរ!', 'cloud'],
    ]);

    fake.script({ kind: 'answer', parts: [{ text: 'OK' }] });
    await collect(assistant().ask('next'));
    const sent = fake.requests[1]?.body.contents?.map((c) => c.parts?.[0]?.['text']);
    expect(sent).toEqual(['សួស្តី', 'ជំរាបសួរ!', 'next']);
  });

  it("honours the server's RetryInfo on 429 and then answers from the cloud", async () => {
    fake.script({ kind: 'error', status: 429, retryDelay: '2.5s' }, { kind: 'answer', parts: [{ text: 'hello' }] });
    const events = await collect(assistant().ask('hi'));
    expect(events).toContainEqual({ kind: 'retrying', attempt: 1, delayMs: 2500, reason: 'rate-limited' });
    expect(slept).toEqual([2500]);
    expect(events.at(-1)).toMatchObject({ kind: 'done', source: 'cloud', text: 'hello' });
  });

  it('goes offline, saying so, after the retries, and still answers a command', async () => {
    fake.otherwise({ kind: 'error', status: 503 });
    const events = await collect(assistant().ask('install firefox please'));
    expect(fake.requests).toHaveLength(3);
    expect(slept).toEqual([1000, 2000]);
    const notice = events.find((e) => e.kind === 'offline');
    expect(notice).toMatchObject({ kind: 'offline', reason: 'server-error' });
    const action = events.find((e) => e.kind === 'action');
    expect(action).toMatchObject({ action: { intent: 'package.install', slots: { app: 'firefox' } } });
    expect(events.at(-1)).toMatchObject({ kind: 'done', source: 'offline' });
  });

  it('goes offline at once when the daily quota is spent (no useless retries)', async () => {
    fake.otherwise({ kind: 'error', status: 429, quota: true, retryDelay: '40s' });
    const events = await collect(assistant().ask('ដំឡើង Firefox'));
    expect(fake.requests).toHaveLength(1);
    expect(events.find((e) => e.kind === 'offline')).toMatchObject({
      reason: 'quota',
      message: expect.stringMatching(/[\u1780-\u17FF]/),
    });
  });

  it('maps a functionCall to a proposed action', async () => {
    fake.script({ kind: 'answer', parts: [{ functionCall: { name: 'install_package', args: { app: 'gimp' } } }] });
    const events = await collect(assistant().ask('I want to edit photos'));
    expect(events).toContainEqual({
      kind: 'action',
      action: {
        intent: 'package.install',
        slots: { app: 'gimp' },
        call: { name: 'install_package', args: { app: 'gimp' } },
      },
    });
  });

  it('keeps a partial answer when the stream stalls, and says it was cut off', async () => {
    fake.script({ kind: 'stall', parts: [{ text: 'Part one, ' }] });
    const events = await collect(assistant(300).ask('tell me a story'));
    expect(texts(events)).toBe('Part one, ');
    expect(events.find((e) => e.kind === 'offline')).toMatchObject({ reason: 'timeout' });
    expect(events.at(-1)).toEqual({ kind: 'done', source: 'cloud', text: 'Part one, ' });
    expect((await history.recent(5)).at(-1)?.text).toBe('Part one, ');
  });

  it('retries a stream that sends nothing, then answers offline', async () => {
    fake.otherwise({ kind: 'stall', parts: [] });
    const events = await collect(assistant(200).ask('how do I connect to wifi'));
    expect(fake.requests).toHaveLength(3);
    expect(events.find((e) => e.kind === 'offline')).toMatchObject({ reason: 'timeout' });
    expect(texts(events)).toContain('Wi-Fi');
  });

  it('answers offline, in Khmer, with no network at all', async () => {
    await fake.stop();
    const events = await collect(assistant().ask('តើខ្ញុំភ្ជាប់ Wi-Fi យ៉ាងដូចម្តេច?'));
    expect(events.find((e) => e.kind === 'offline')).toMatchObject({ reason: 'no-network' });
    expect(texts(events)).toContain('ភ្ជាប់ទៅ Wi-Fi');
    expect((await history.recent(5)).map((t) => t.role)).toEqual(['user', 'model']);
    fake = new FakeGemini();
    baseUrl = await fake.start();
  });
});

describe('Assistant with no key', () => {
  it('says plainly that it is offline and why, and proposes commands from the router', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-ai-'));
    const history = await SqliteHistory.open(path.join(dir, 'h.sqlite'));
    const a = new Assistant({ offline, history, messages, noBackendReason: 'no-key' });
    const events = await collect(a.ask('ដំឡើង Firefox'));
    expect(events[0]).toMatchObject({ kind: 'offline', reason: 'no-key' });
    expect(events.find((e) => e.kind === 'action')).toMatchObject({ action: { intent: 'package.install' } });
    expect(texts(events)).toMatch(/[\u1780-\u17FF]/);
    history.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
