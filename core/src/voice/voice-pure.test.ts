import { describe, expect, it } from 'vitest';
import { cleanTranscript, joinKhmerWords } from './khmer.js';
import { voiceMessage } from './messages.js';
import { identifyModel, KNOWN_MODELS, modelDirs } from './models.js';
import { SAMPLE_RATE } from './types.js';
import { createVoiceActivityDetector } from './vad.js';
import { decodeWav, encodeWav, resample } from './wav.js';
import { audioContextFor, whisperParams } from './whisper-params.js';

const tone = (seconds: number, amplitude: number): Float32Array =>
  Float32Array.from({ length: Math.round(seconds * SAMPLE_RATE) }, (_, i) => amplitude * Math.sin(i / 5));

describe('Khmer transcripts', () => {
  it('have no spaces between Khmer words, but keep them around Latin words', () => {
    expect(joinKhmerWords(' សូម  បើក កម្មវិធី Firefox ផង ')).toBe('សូមបើកកម្មវិធី Firefox ផង');
    expect(joinKhmerWords('open the  door')).toBe('open the door');
  });
  it('drop whisper’s non-speech markers', () => {
    expect(cleanTranscript([' [BLANK_AUDIO]', ' សួស្តី ', '(music) ពិភពលោក ♪'])).toBe('សួស្តីពិភពលោក');
  });
});

describe('WAV', () => {
  it('round-trips 16-bit mono 16 kHz', () => {
    const clip = { samples: Float32Array.from([0, 0.5, -0.5, 0.25]), sampleRate: SAMPLE_RATE } as const;
    const decoded = decodeWav(encodeWav(clip));
    expect(decoded.kind).toBe('ok');
    if (decoded.kind === 'ok')
      expect([...decoded.clip.samples].map((s) => Math.round(s * 4) / 4)).toEqual([0, 0.5, -0.5, 0.25]);
  });
  it('mixes stereo to mono and resamples 48 kHz to 16 kHz', () => {
    const frames = 4800;
    const bytes = new Uint8Array(44 + frames * 4);
    const view = new DataView(bytes.buffer);
    bytes.set(
      [...'RIFF'].map((c) => c.charCodeAt(0)),
      0,
    );
    bytes.set(
      [...'WAVEfmt '].map((c) => c.charCodeAt(0)),
      8,
    );
    view.setUint32(16, 16, true);
    view.setUint16(20, 1, true);
    view.setUint16(22, 2, true);
    view.setUint32(24, 48000, true);
    view.setUint16(34, 16, true);
    bytes.set(
      [...'data'].map((c) => c.charCodeAt(0)),
      36,
    );
    view.setUint32(40, frames * 4, true);
    for (let i = 0; i < frames; i++) {
      view.setInt16(44 + 4 * i, 8192, true);
      view.setInt16(46 + 4 * i, 8192, true);
    }
    const decoded = decodeWav(bytes);
    expect(decoded.kind).toBe('ok');
    if (decoded.kind === 'ok') {
      expect(decoded.clip.samples.length).toBe(1600);
      expect(decoded.clip.samples[800]).toBeCloseTo(0.25, 3);
    }
  });
  it('says why a file is not usable', () => {
    expect(decodeWav(new TextEncoder().encode('hello'))).toEqual({ kind: 'invalid-audio', reason: 'not-riff' });
    const header = encodeWav({ samples: new Float32Array(0), sampleRate: SAMPLE_RATE });
    expect(decodeWav(header)).toEqual({ kind: 'invalid-audio', reason: 'empty' });
  });
  it('upsamples 8 kHz', () => {
    expect(resample(new Float32Array(800), 8000, 16000).length).toBe(1600);
  });
});

describe('voice-activity detection', () => {
  it('finds one utterance between silences and keeps a little audio around it', () => {
    const vad = createVoiceActivityDetector();
    const stream = [tone(1, 0.001), tone(1.5, 0.3), tone(1.2, 0.001)];
    const events = stream.flatMap((chunk) => vad.push(chunk));
    expect(events.map((e) => e.kind)).toEqual(['speech-start', 'utterance']);
    const utterance = events[1];
    if (utterance?.kind !== 'utterance') throw new Error('no utterance');
    const seconds = utterance.clip.samples.length / SAMPLE_RATE;
    expect(seconds).toBeGreaterThan(1.5);
    expect(seconds).toBeLessThan(2.2);
    // the end is decided after the hangover, not before the speech stops
    expect(utterance.decidedAt - utterance.speechEnd).toBeGreaterThanOrEqual(0.6 * SAMPLE_RATE - 480);
  });
  it('ignores quiet noise and returns an unfinished utterance on flush', () => {
    const vad = createVoiceActivityDetector();
    expect(vad.push(tone(2, 0.002))).toEqual([]);
    vad.push(tone(0.5, 0.4));
    expect(vad.speaking).toBe(true);
    expect(vad.flush().map((e) => e.kind)).toEqual(['utterance']);
  });
});

describe('whisper parameters', () => {
  it('cut the encoder window for short clips and keep it whole for long ones', () => {
    expect(audioContextFor(2)).toBe(192);
    expect(audioContextFor(5)).toBe(320);
    expect(audioContextFor(40)).toBe(0);
    expect(audioContextFor(5, 'full')).toBe(0);
    expect(whisperParams(3, { language: 'km', threads: 2 })).toMatchObject({
      language: 'km',
      single_segment: true,
      temperature_inc: 0,
    });
  });
});

describe('models', () => {
  it('are identified by size and checksum only', () => {
    const tiny = KNOWN_MODELS[0]!;
    expect(identifyModel(tiny.bytes, tiny.sha256.toUpperCase())?.id).toBe('tiny');
    expect(identifyModel(tiny.bytes + 1, tiny.sha256)).toBeUndefined();
  });
  it('live in the XDG data folder or the system folder', () => {
    expect(modelDirs({}, '/home/dara')).toEqual({
      user: '/home/dara/.local/share/koompi/models',
      system: '/usr/share/koompi/models',
    });
    expect(modelDirs({ XDG_DATA_HOME: '/data' }, '/home/dara').user).toBe('/data/koompi/models');
  });
});

describe('messages', () => {
  it('name an i18n key with named parameters', () => {
    expect(voiceMessage({ kind: 'no-model', searched: ['/a', '/b'] })).toEqual({
      key: 'error.noModel',
      params: { folders: '/a, /b' },
    });
    expect(voiceMessage({ kind: 'engine-missing', engine: 'pocketsphinx', detail: 'x' }).key).toBe(
      'error.pocketsphinxMissing',
    );
  });
});
