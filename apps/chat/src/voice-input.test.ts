import { describe, expect, it } from 'vitest';
import type { Transcriber } from '@koompi/core';
import { VoiceInput, type ListenResult, type VoiceEngine } from './voice-input.js';

function engine(result: ListenResult | 'wait-for-stop', open: 'ok' | 'no-model' = 'ok') {
  const calls: string[] = [];
  const transcriber: Transcriber = {
    engine: 'whisper',
    transcribe: async () => ({ kind: 'no-speech' }),
    close: async () => void calls.push('close'),
  };
  const e: VoiceEngine = {
    open: async () => (
      calls.push('open'),
      open === 'ok' ? { kind: 'ok', transcriber } : { kind: 'no-model', searched: ['/m'] }
    ),
    listen: (_t, { signal }) =>
      new Promise((resolve) => {
        calls.push('listen');
        if (result !== 'wait-for-stop') return resolve(result);
        signal.addEventListener('abort', () => resolve({ kind: 'ok', transcript: { text: 'សួស្តី' } }));
      }),
  };
  return { e, calls };
}

describe('VoiceInput (the microphone, Ctrl+M)', () => {
  it('listens on the first press and stops on the second, keeping what was said', async () => {
    const { e, calls } = engine('wait-for-stop');
    const voice = new VoiceInput(e);
    const states: string[] = [];
    voice.onState((s) => states.push(s));
    const first = voice.toggle('km');
    await new Promise((r) => setImmediate(r));
    expect(voice.state).toBe('listening');
    expect(await voice.toggle()).toEqual({ kind: 'stopped' });
    expect(await first).toEqual({ kind: 'ok', transcript: { text: 'សួស្តី' } });
    expect(states).toEqual(['listening', 'idle']);
    const again = voice.toggle();
    await new Promise((r) => setImmediate(r));
    await voice.toggle();
    await again;
    expect(calls.filter((c) => c === 'open')).toHaveLength(1); // the engine is opened once
    expect(calls.filter((c) => c === 'listen')).toHaveLength(2);
    await voice.close();
    expect(calls.at(-1)).toBe('close');
  });

  it('says why when there is no engine, without listening', async () => {
    const { e, calls } = engine({ kind: 'no-speech' }, 'no-model');
    const voice = new VoiceInput(e);
    expect(await voice.toggle()).toEqual({ kind: 'no-model', searched: ['/m'] });
    expect(calls).toEqual(['open']);
    expect(voice.state).toBe('idle');
  });
});
