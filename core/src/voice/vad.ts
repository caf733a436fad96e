/**
 * Voice-activity detection, pure: finds where an utterance starts and ends in
 * a stream of 16 kHz samples, so the microphone can be closed and the text
 * produced as soon as the person stops talking.
 *
 * Energy per 30 ms frame against a noise floor that follows the room while
 * nobody speaks; speech starts after `startMs` of loud frames and ends after
 * `endSilenceMs` of quiet ones (the hangover: the end-of-speech latency every
 * utterance pays). A little audio before the start is kept (`preRollMs`) so
 * first consonants are not cut.
 *
 * @example
 * const vad = createVoiceActivityDetector();
 * for (const chunk of microphone) for (const e of vad.push(chunk)) if (e.kind === 'utterance') send(e.clip);
 */
import { SAMPLE_RATE, type AudioClip } from './types.js';

export interface VadOptions {
  readonly frameMs?: number;
  /** Loud audio needed before an utterance starts. */
  readonly startMs?: number;
  /** Quiet audio that ends an utterance. */
  readonly endSilenceMs?: number;
  /** Audio kept from before the start. */
  readonly preRollMs?: number;
  /** An utterance is cut here even if the person keeps talking. */
  readonly maxUtteranceMs?: number;
  /** A frame is speech when its RMS exceeds the noise floor by this factor … */
  readonly ratio?: number;
  /** … and this absolute RMS (about -46 dBFS), so digital silence does not make every click speech. */
  readonly minRms?: number;
}

export type VadEvent =
  | { readonly kind: 'speech-start'; /** sample index in the stream */ readonly at: number }
  | {
      readonly kind: 'utterance';
      readonly clip: AudioClip;
      /** Stream sample index where speech ended (before the hangover). */
      readonly speechEnd: number;
      /** Stream sample index where the end was decided (speechEnd + hangover). */
      readonly decidedAt: number;
    };

export interface VoiceActivityDetector {
  /** Feeds samples; returns what happened in them. */
  push(samples: Float32Array): VadEvent[];
  /** Ends the stream: an utterance in progress is returned as is. */
  flush(): VadEvent[];
  /** True while inside an utterance. */
  readonly speaking: boolean;
}

export const DEFAULT_VAD: Required<VadOptions> = {
  frameMs: 30,
  startMs: 90,
  endSilenceMs: 600,
  preRollMs: 300,
  maxUtteranceMs: 30_000,
  ratio: 3,
  minRms: 0.005,
};

export function createVoiceActivityDetector(options: VadOptions = {}): VoiceActivityDetector {
  const o = { ...DEFAULT_VAD, ...options };
  const frameSize = Math.round((SAMPLE_RATE * o.frameMs) / 1000);
  const framesFor = (ms: number): number => Math.max(1, Math.round(ms / o.frameMs));
  const startFrames = framesFor(o.startMs);
  const endFrames = framesFor(o.endSilenceMs);
  const preRollFrames = framesFor(o.preRollMs);
  const maxFrames = framesFor(o.maxUtteranceMs);

  let pending = new Float32Array(0);
  let position = 0; // stream index of the next frame's first sample
  let floor: number | undefined;
  let speaking = false;
  let loudRun = 0;
  let quietRun = 0;
  let history: Float32Array[] = []; // recent frames while idle (pre-roll + start run)
  let utterance: Float32Array[] = [];
  let lastLoudEnd = 0;

  const isLoud = (rms: number): boolean => rms > Math.max(o.minRms, (floor ?? rms) * o.ratio);

  function emit(events: VadEvent[], decidedAt: number, trimFrames: number): void {
    const frames = utterance.slice(0, Math.max(0, utterance.length - trimFrames));
    const total = frames.reduce((n, f) => n + f.length, 0);
    const samples = new Float32Array(total);
    let at = 0;
    for (const f of frames) {
      samples.set(f, at);
      at += f.length;
    }
    events.push({ kind: 'utterance', clip: { samples, sampleRate: SAMPLE_RATE }, speechEnd: lastLoudEnd, decidedAt });
    utterance = [];
    speaking = false;
    loudRun = 0;
    quietRun = 0;
    history = [];
  }

  function frame(samples: Float32Array, events: VadEvent[]): void {
    let energy = 0;
    for (const s of samples) energy += s * s;
    const rms = Math.sqrt(energy / samples.length);
    const loud = isLoud(rms);
    const frameEnd = position + samples.length;
    if (!speaking) {
      // The floor follows the room while nobody speaks: down at once, up slowly.
      if (floor === undefined || rms < floor) floor = Math.max(rms, 1e-5);
      else if (!loud) floor = 0.95 * floor + 0.05 * rms;
      history.push(samples);
      if (history.length > preRollFrames + startFrames) history.shift();
      loudRun = loud ? loudRun + 1 : 0;
      if (loudRun >= startFrames) {
        speaking = true;
        utterance = history;
        history = [];
        quietRun = 0;
        lastLoudEnd = frameEnd;
        events.push({ kind: 'speech-start', at: frameEnd - startFrames * frameSize });
      }
    } else {
      utterance.push(samples);
      if (loud) {
        quietRun = 0;
        lastLoudEnd = frameEnd;
      } else quietRun++;
      // Keep ~200 ms of the trailing quiet: word endings fade below the threshold.
      if (quietRun >= endFrames) emit(events, frameEnd, Math.max(0, quietRun - framesFor(200)));
      else if (utterance.length >= maxFrames) emit(events, frameEnd, 0);
    }
    position = frameEnd;
  }

  return {
    get speaking() {
      return speaking;
    },
    push(samples) {
      const events: VadEvent[] = [];
      let buffer = samples;
      if (pending.length > 0) {
        buffer = new Float32Array(pending.length + samples.length);
        buffer.set(pending);
        buffer.set(samples, pending.length);
      }
      let at = 0;
      for (; at + frameSize <= buffer.length; at += frameSize) frame(buffer.slice(at, at + frameSize), events);
      pending = buffer.slice(at);
      return events;
    },
    flush() {
      const events: VadEvent[] = [];
      if (pending.length > 0 && speaking) utterance.push(pending);
      pending = new Float32Array(0);
      if (speaking) emit(events, position, 0);
      return events;
    },
  };
}
