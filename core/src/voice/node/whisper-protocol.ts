/**
 * Messages between WhisperTranscriber (main thread) and whisper-worker.ts, and
 * the slice of smart-whisper's native addon the worker uses. Types only.
 */

export interface WorkerInit {
  /** An explicit smart-whisper.node; by default the one bindings/whisper installed. */
  readonly addonPath?: string;
}

export type ToWorker =
  | { readonly type: 'load'; readonly modelPath: string }
  | {
      readonly type: 'transcribe';
      readonly id: number;
      readonly samples: Float32Array;
      readonly params: Readonly<Record<string, unknown>>;
    }
  | { readonly type: 'free' };

export interface Segment {
  readonly text: string;
  readonly lang?: string;
}

export type FromWorker =
  | { readonly type: 'loaded' }
  | { readonly type: 'addon-missing'; readonly message: string }
  | { readonly type: 'load-failed'; readonly message: string }
  | { readonly type: 'result'; readonly id: number; readonly segments: readonly Segment[] }
  | { readonly type: 'failed'; readonly id: number; readonly message: string }
  | { readonly type: 'freed' }
  | { readonly type: 'crashed'; readonly message: string };

/** An opaque whisper_context handle. */
export type NativeHandle = { readonly __whisperContext: unique symbol };

export interface WhisperNativeModel {
  readonly handle: NativeHandle | null;
  readonly freed: boolean;
  free(): Promise<void>;
}

/** smart-whisper's build/Release/smart-whisper.node (see its src/binding.ts). */
export interface WhisperAddon {
  readonly WhisperModel: { load(file: string, gpu: boolean): Promise<WhisperNativeModel> };
  transcribe(
    handle: NativeHandle,
    pcm: Float32Array,
    params: Readonly<Record<string, unknown>>,
    finish: (results: unknown) => void,
    progress: (result: unknown) => void,
  ): void;
}
