/**
 * Dictation through whisper.cpp (smart-whisper, built by bindings/whisper), in
 * a worker thread. `openWhisper` loads a model file; `openDictation` finds the
 * installed model first and says plainly when there is none.
 *
 * @example
 * const opened = await openDictation();
 * if (opened.kind !== 'ok') return explain(opened); // no-model, engine-missing
 * const result = await opened.transcriber.transcribe(clip, { language: 'km' });
 * await opened.transcriber.close();
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { EngineStoppedError, ModelLoadError, TranscriptionError } from '../errors.js';
import { cleanTranscript } from '../khmer.js';
import {
  clipSeconds,
  type AudioClip,
  type TranscribeOptions,
  type TranscribeResult,
  type Transcriber,
} from '../types.js';
import { whisperParams, type AudioContextPolicy } from '../whisper-params.js';
import { findModel, type ModelStoreOptions } from './models.js';
import type { FromWorker, Segment, ToWorker, WorkerInit } from './whisper-protocol.js';

export interface WhisperOptions {
  /** whisper.cpp threads; defaults to defaultWhisperThreads(). */
  readonly threads?: number;
  /** `fit` (default) cuts the encoder's window to the clip; `full` always encodes 30 s. */
  readonly audioContext?: AudioContextPolicy;
  /** Decoder guard, tokens per second of audio (default 30). */
  readonly maxTokensPerSecond?: number;
  /** A smart-whisper.node other than the installed one. */
  readonly addonPath?: string;
  /** The compiled whisper-worker.js, when core is bundled into an app (see workerFile). */
  readonly workerPath?: string;
}

/**
 * The worker thread's script: beside this module in core/dist, or — when an
 * app's esbuild bundle has inlined core, so `import.meta.url` is the bundle —
 * in the installed @koompi/core package.
 */
export function workerFile(explicit?: string): string | undefined {
  const candidates: string[] = [];
  if (explicit) candidates.push(explicit);
  candidates.push(fileURLToPath(new URL('./whisper-worker.js', import.meta.url)));
  try {
    const coreIndex = createRequire(import.meta.url).resolve('@koompi/core');
    candidates.push(path.join(path.dirname(coreIndex), 'voice', 'node', 'whisper-worker.js'));
  } catch {
    // core is not installed as a package here
  }
  return candidates.find((file) => fs.existsSync(file));
}

export type OpenWhisperResult =
  | { readonly kind: 'ok'; readonly transcriber: WhisperTranscriber }
  | { readonly kind: 'engine-missing'; readonly engine: 'whisper'; readonly detail: string };

export type OpenDictationResult =
  OpenWhisperResult | { readonly kind: 'no-model'; readonly searched: readonly string[] };

/** Loads `modelPath` in a new worker thread. Rejects with `ModelLoadError` when whisper.cpp refuses the file. */
export async function openWhisper(modelPath: string, options: WhisperOptions = {}): Promise<OpenWhisperResult> {
  const init: WorkerInit = options.addonPath ? { addonPath: options.addonPath } : {};
  const script = workerFile(options.workerPath);
  if (!script)
    return { kind: 'engine-missing', engine: 'whisper', detail: 'whisper-worker.js not found next to @koompi/core' };
  const worker = new Worker(pathToFileURL(script), { workerData: init });
  const first = await new Promise<FromWorker>((resolve, reject) => {
    const onError = (error: Error): void =>
      reject(new EngineStoppedError('whisper', 'worker failed to start', { cause: error }));
    worker.once('error', onError);
    worker.once('message', (message: FromWorker) => {
      worker.off('error', onError);
      resolve(message);
    });
    worker.postMessage({ type: 'load', modelPath } satisfies ToWorker);
  });
  if (first.type === 'loaded') return { kind: 'ok', transcriber: new WhisperTranscriber(worker, options) };
  await worker.terminate();
  if (first.type === 'addon-missing') return { kind: 'engine-missing', engine: 'whisper', detail: first.message };
  throw new ModelLoadError(modelPath, { cause: new Error(first.type === 'load-failed' ? first.message : first.type) });
}

/** Finds the installed model (user folder, then system) and opens it. */
export async function openDictation(
  options: WhisperOptions & ModelStoreOptions & { readonly modelPath?: string } = {},
): Promise<OpenDictationResult> {
  if (options.modelPath) return openWhisper(options.modelPath, options);
  const found = await findModel(options);
  if (found.kind === 'no-model') return found;
  return openWhisper(found.path, options);
}

/**
 * Cores minus one (1 to 4). ggml's threads wait for each other by spinning: on
 * a 2-core laptop where the desktop also wants a core, 2 threads measured up
 * to 10× slower than 1 (tiny, 5 s: 2.7 s against 0.32 s), while on an idle
 * machine 2 threads gain little (base: 0.48 s against 0.65 s).
 */
export function defaultWhisperThreads(cores = os.availableParallelism()): number {
  return Math.max(1, Math.min(4, cores - 1));
}

interface Pending {
  readonly resolve: (segments: readonly Segment[]) => void;
  readonly reject: (error: Error) => void;
}

export class WhisperTranscriber implements Transcriber {
  readonly engine = 'whisper' as const;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private stopped: Error | undefined;
  private closing: Promise<void> | undefined;
  private readonly threads: number;

  constructor(
    private readonly worker: Worker,
    private readonly options: WhisperOptions,
  ) {
    this.threads = options.threads ?? defaultWhisperThreads();
    worker.on('message', (message: FromWorker) => this.onMessage(message));
    worker.on('error', (error) => this.stop(new EngineStoppedError('whisper', 'worker failed', { cause: error })));
    worker.on('exit', (exitCode) => this.stop(new EngineStoppedError('whisper', `worker exited (${exitCode})`)));
  }

  async transcribe(clip: AudioClip, options: TranscribeOptions = {}): Promise<TranscribeResult> {
    if (this.closing) throw new EngineStoppedError('whisper', 'closed');
    if (this.stopped) throw this.stopped;
    const audioSeconds = clipSeconds(clip);
    if (clip.samples.length === 0) return { kind: 'no-speech' };
    const language = options.language ?? 'auto';
    const params = whisperParams(audioSeconds, {
      language,
      threads: this.threads,
      ...(this.options.audioContext !== undefined ? { audioContext: this.options.audioContext } : {}),
      ...(this.options.maxTokensPerSecond !== undefined ? { maxTokensPerSecond: this.options.maxTokensPerSecond } : {}),
    });
    const started = performance.now();
    const id = this.nextId++;
    const samples = clip.samples.slice(); // a copy to transfer: the caller keeps its clip
    const segments = await new Promise<readonly Segment[]>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ type: 'transcribe', id, samples, params } satisfies ToWorker, [samples.buffer]);
    });
    const text = cleanTranscript(segments.map((s) => s.text));
    const detected = segments.find((s) => s.lang)?.lang;
    return {
      kind: 'ok',
      transcript: {
        text,
        engine: 'whisper',
        language: language === 'auto' ? (detected ?? 'auto') : language,
        seconds: (performance.now() - started) / 1000,
        audioSeconds,
      },
    };
  }

  /** Frees the model and ends the worker thread. Waits for a transcription in progress. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      if (!this.stopped) {
        const freed = new Promise<void>((resolve) => {
          const onMessage = (m: FromWorker): void => {
            if (m.type === 'freed') resolve();
          };
          this.worker.on('message', onMessage);
          this.worker.once('exit', () => resolve());
        });
        this.worker.postMessage({ type: 'free' } satisfies ToWorker);
        await freed;
      }
      await this.worker.terminate();
    })();
    return this.closing;
  }

  private onMessage(message: FromWorker): void {
    if (message.type === 'result' || message.type === 'failed') {
      const waiting = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (!waiting) return;
      if (message.type === 'result') waiting.resolve(message.segments);
      else waiting.reject(new TranscriptionError('whisper', message.message));
    } else if (message.type === 'crashed') {
      this.stop(new EngineStoppedError('whisper', message.message));
    }
  }

  private stop(error: Error): void {
    this.stopped ??= error;
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}
