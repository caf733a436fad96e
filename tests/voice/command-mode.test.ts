// Command mode end to end: the espeak-ng dev set through pocketsphinx with the
// grammar generated from the catalog, then the intent router. The thresholds
// guard against regressions; `npm run bench:voice` prints the figures.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_RATE, createIntentRouter, decodeWav, openCommandMode, transcribeWavFile } from '@koompi/core';
import type { PocketsphinxTranscriber } from '@koompi/core';
import { devSet } from './support/devset.js';
import { wordErrorRate } from './support/wer.mjs';

let cacheDir: string;
let transcriber: PocketsphinxTranscriber;

beforeAll(async () => {
  cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-commands-'));
  const opened = await openCommandMode({ cacheDir });
  if (opened.kind !== 'ok') throw new Error(`pocketsphinx unavailable: ${opened.detail}`);
  transcriber = opened.transcriber;
});

afterAll(() => fs.rmSync(cacheDir, { recursive: true, force: true }));

describe('command mode (pocketsphinx + catalog grammar)', () => {
  it('recognises the dev set and routes it to the intended commands', async () => {
    const router = createIntentRouter();
    const pairs: Array<[string, string]> = [];
    let intents = 0;
    for (const u of devSet()) {
      const decoded = decodeWav(fs.readFileSync(u.wav));
      if (decoded.kind !== 'ok') throw new Error(`${u.id}: ${decoded.reason}`);
      const result = await transcriber.transcribe(decoded.clip);
      const text = result.kind === 'ok' ? result.transcript.text : '';
      pairs.push([u.text, text]);
      if (router.route(text).intent === u.intent) intents++;
    }
    const n = pairs.length;
    expect(n).toBeGreaterThanOrEqual(30);
    // Measured: WER ~13%, intents ~89% (see docs/voice.md); fail well before that degrades.
    expect(wordErrorRate(pairs)).toBeLessThanOrEqual(0.2);
    expect(intents / n).toBeGreaterThanOrEqual(0.8);
  });

  it('says no-speech for silence instead of inventing a command', async () => {
    const result = await transcriber.transcribe({ samples: new Float32Array(SAMPLE_RATE), sampleRate: SAMPLE_RATE });
    expect(result.kind).toBe('no-speech');
  });

  it('works from a WAV file without any whisper model installed', async () => {
    const first = devSet()[0]!;
    const result = await transcribeWavFile(first.wav, { mode: 'command', command: { cacheDir } });
    expect(result).toMatchObject({ kind: 'ok', transcript: { engine: 'pocketsphinx', language: 'en' } });
  });

  it('reports engine-missing when pocketsphinx or its model is absent', async () => {
    expect((await openCommandMode({ cacheDir, binary: 'no-such-pocketsphinx' })).kind).toBe('engine-missing');
    expect((await openCommandMode({ cacheDir, modelDir: path.join(cacheDir, 'none') })).kind).toBe('engine-missing');
  });

  it('refuses a file that is not a WAV recording', async () => {
    const junk = path.join(cacheDir, 'junk.wav');
    fs.writeFileSync(junk, 'not audio');
    expect(await transcribeWavFile(junk, { mode: 'command', command: { cacheDir } })).toEqual({
      kind: 'invalid-audio',
      reason: 'not-riff',
    });
  });
});
