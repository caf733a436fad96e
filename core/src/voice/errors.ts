/**
 * Unexpected voice failures: an engine that crashed or answered nonsense. Each
 * keeps the underlying error as `cause`. Expected situations (no model, no
 * speech) are not errors: they are `VoiceProblem` values (types.ts).
 */
import type { Engine } from './types.js';

export class VoiceError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'VoiceError';
  }
}

/** whisper.cpp refused a model file (not ggml, truncated, wrong shapes). */
export class ModelLoadError extends VoiceError {
  constructor(
    readonly path: string,
    options?: { cause?: unknown },
  ) {
    super(`whisper could not load the model ${path}`, options);
    this.name = 'ModelLoadError';
  }
}

/** An engine failed while transcribing (whisper_full returned an error, pocketsphinx exited non-zero …). */
export class TranscriptionError extends VoiceError {
  constructor(
    readonly engine: Engine,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${engine}: ${message}`, options);
    this.name = 'TranscriptionError';
  }
}

/** The whisper worker thread died or the transcriber was used after `close()`. */
export class EngineStoppedError extends VoiceError {
  constructor(
    readonly engine: Engine,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${engine}: ${message}`, options);
    this.name = 'EngineStoppedError';
  }
}

/** The microphone could not be opened or stopped unexpectedly (parec/pw-record failed). */
export class CaptureError extends VoiceError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CaptureError';
  }
}
