/**
 * How KOOMPI runs whisper for an utterance, pure. Whisper's encoder always
 * encodes a 30 s window (1500 frames of 20 ms); for a 3 s command that is 90%
 * padding. Cutting `audio_ctx` to the clip's length (plus a margin) makes short
 * utterances ~10× faster with the same model; long dictation keeps the full
 * window.
 */
import type { VoiceLanguage } from './types.js';

export const FULL_AUDIO_CTX = 1500;
const FRAMES_PER_SECOND = 50;

export type AudioContextPolicy = 'fit' | 'full' | number;

/** whisper's `audio_ctx` for a clip: 0 means the model's full 1500. */
export function audioContextFor(seconds: number, policy: AudioContextPolicy = 'fit'): number {
  if (policy === 'full') return 0;
  if (typeof policy === 'number') return Math.max(64, Math.min(FULL_AUDIO_CTX, Math.round(policy)));
  if (seconds >= 28) return 0;
  // A second of margin, rounded up to a multiple of 64 so nearby lengths share encoder graph sizes.
  const frames = Math.ceil((seconds + 1) * FRAMES_PER_SECOND);
  return Math.min(FULL_AUDIO_CTX, Math.ceil(frames / 64) * 64);
}

export interface WhisperRunOptions {
  readonly language: VoiceLanguage;
  readonly threads: number;
  readonly audioContext?: AudioContextPolicy;
  /**
   * Tokens allowed per second of audio: a guard against a decoder that never
   * stops (whisper's hallucination loops). Khmer needs many (its text is
   * close to one token per byte).
   */
  readonly maxTokensPerSecond?: number;
}

/** The parameters sent to smart-whisper's `transcribe` (whisper.cpp's `whisper_full_params`). */
export function whisperParams(seconds: number, options: WhisperRunOptions): Readonly<Record<string, unknown>> {
  const perSecond = options.maxTokensPerSecond ?? 30;
  return {
    language: options.language,
    n_threads: options.threads,
    audio_ctx: audioContextFor(seconds, options.audioContext),
    // One segment per utterance, no timestamps: dictation wants the text.
    single_segment: seconds < 28,
    no_timestamps: true,
    no_context: true,
    max_tokens: Math.ceil(seconds * perSecond) + 16,
    // No temperature fallback: re-decoding up to 5 times breaks the <2 s latency
    // budget; greedy decoding is whisper.cpp's own choice for real-time use.
    temperature_inc: 0,
    strategy: 0,
    suppress_non_speech_tokens: true,
    format: options.language === 'auto' ? 'detail' : 'simple',
  };
}
