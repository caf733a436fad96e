/**
 * The voice port: speech to text, local and offline. Two engines sit behind one
 * `Transcriber` contract:
 *
 * - **dictation** — whisper.cpp (through `bindings/whisper`), free text in Khmer
 *   or English; needs a ggml model installed with `koompi voice model add`;
 * - **command** — pocketsphinx with a grammar generated from the intent
 *   router's catalog; needs no whisper model, English commands only.
 *
 * Expected failures (no model, no speech, an engine not installed) are values
 * with a `kind`; unexpected ones are the `VoiceError` subclasses in errors.ts.
 * This file is pure: no Node imports.
 */

/** Audio as whisper and pocketsphinx want it: mono, 16 kHz, samples in [-1, 1]. */
export interface AudioClip {
  readonly samples: Float32Array;
  /** Always 16000: decoders resample on the way in (wav.ts). */
  readonly sampleRate: typeof SAMPLE_RATE;
}

export const SAMPLE_RATE = 16000;

export type TranscriptionMode = 'command' | 'dictation';
export type Engine = 'whisper' | 'pocketsphinx';
/** The languages dictation transcribes; `auto` lets whisper detect Khmer or English. */
export type VoiceLanguage = 'km' | 'en' | 'auto';

export interface TranscribeOptions {
  /** Dictation only: the language spoken. Defaults to `auto`. */
  readonly language?: VoiceLanguage;
}

/** What was said, which engine heard it, and how long that took. */
export interface Transcript {
  /** The text; Khmer without spaces between words (khmer.ts). Empty when nothing was recognised. */
  readonly text: string;
  readonly engine: Engine;
  /** The language of `text`: what whisper detected or was told; always `en` for command mode. */
  readonly language: 'km' | 'en' | string;
  /** Wall-clock seconds spent transcribing (the CLI's `--json` `seconds`). */
  readonly seconds: number;
  /** Length of the audio, in seconds. */
  readonly audioSeconds: number;
}

/** Why a transcription could not start: each is something a person can act on. */
export type VoiceProblem =
  | { readonly kind: 'no-model'; readonly searched: readonly string[] }
  | { readonly kind: 'engine-missing'; readonly engine: Engine; readonly detail: string }
  | { readonly kind: 'no-speech' }
  | { readonly kind: 'no-microphone'; readonly detail: string }
  | { readonly kind: 'invalid-audio'; readonly reason: InvalidAudioReason };

export type InvalidAudioReason =
  | 'not-riff'
  | 'not-wave'
  | 'no-format'
  | 'no-data'
  | 'unsupported-encoding'
  | 'bad-channels'
  | 'bad-sample-rate'
  | 'empty';

export type TranscribeResult = { readonly kind: 'ok'; readonly transcript: Transcript } | VoiceProblem;

/**
 * Turns a clip into text. Implementations: `WhisperTranscriber` (dictation)
 * and `PocketsphinxTranscriber` (command mode), both in `node/`.
 *
 * @example
 * const result = await transcriber.transcribe(clip, { language: 'km' });
 * if (result.kind === 'ok') console.log(result.transcript.text);
 */
export interface Transcriber {
  readonly engine: Engine;
  /** Resolves with the transcript or an expected problem; rejects with a `VoiceError` when the engine fails. */
  transcribe(clip: AudioClip, options?: TranscribeOptions): Promise<TranscribeResult>;
  /** Frees the engine (whisper's model, its worker thread). Safe to call twice. */
  close(): Promise<void>;
}

/** Duration of a clip in seconds. */
export function clipSeconds(clip: AudioClip): number {
  return clip.samples.length / clip.sampleRate;
}
