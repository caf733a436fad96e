/**
 * The microphone, through PipeWire (`pw-record`) or PulseAudio (`parec`, which
 * also works on PipeWire's Pulse server), as 16 kHz mono samples; and
 * `listenForUtterance`, which records until voice-activity detection says the
 * person has stopped talking. Processes are started with argument arrays.
 *
 * @example
 * const heard = await listenForUtterance({ timeoutMs: 8000 });
 * if (heard.kind === 'ok') await transcriber.transcribe(heard.clip);
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { CaptureError } from '../errors.js';
import { SAMPLE_RATE, type AudioClip } from '../types.js';
import { createVoiceActivityDetector, type VadOptions } from '../vad.js';
import { pcm16ToFloat } from '../wav.js';

export type CaptureBackend = 'pipewire' | 'pulse';

export interface CaptureOptions {
  /** `auto` (default): PipeWire when its socket is there, else PulseAudio. */
  readonly backend?: CaptureBackend | 'auto';
  /** A source name (Pulse) or node target (PipeWire); the default input otherwise. */
  readonly device?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** A recorder that gives no audio this long counts as no microphone (default 5 s). */
  readonly openTimeoutMs?: number;
}

export interface AudioCapture extends AsyncIterable<Float32Array> {
  readonly backend: CaptureBackend;
  /** Stops recording; iteration then ends. */
  stop(): Promise<void>;
}

export type OpenMicrophoneResult =
  { readonly kind: 'ok'; readonly capture: AudioCapture } | { readonly kind: 'no-microphone'; readonly detail: string };

/** The backend and argument array for recording raw s16le 16 kHz mono to stdout. */
export function captureCommand(
  backend: CaptureBackend,
  device?: string,
): { readonly command: string; readonly args: readonly string[] } {
  if (backend === 'pipewire') {
    const target = device ? ['--target', device] : [];
    return {
      command: 'pw-record',
      args: ['--rate', String(SAMPLE_RATE), '--channels', '1', '--format', 's16', '--latency', '30ms', ...target, '-'],
    };
  }
  const source = device ? [`--device=${device}`] : [];
  return {
    command: 'parec',
    args: ['--raw', '--format=s16le', `--rate=${SAMPLE_RATE}`, '--channels=1', '--latency-msec=30', ...source],
  };
}

function pickBackend(env: Readonly<Record<string, string | undefined>>): CaptureBackend {
  if (env['PULSE_SERVER']) return 'pulse';
  const runtime = env['XDG_RUNTIME_DIR'];
  const socket = env['PIPEWIRE_REMOTE'] ?? (runtime ? path.join(runtime, 'pipewire-0') : undefined);
  return socket && fs.existsSync(socket) ? 'pipewire' : 'pulse';
}

/**
 * Starts recording. Resolves when the first audio arrives, or with
 * `no-microphone` when the recorder cannot start or exits first (no server, no
 * such device).
 */
export function openMicrophone(options: CaptureOptions = {}): Promise<OpenMicrophoneResult> {
  const env = options.env ?? process.env;
  const backend = options.backend && options.backend !== 'auto' ? options.backend : pickBackend(env);
  const { command, args } = captureCommand(backend, options.device);
  const child = spawn(command, [...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...env } });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-2000)));
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      fail(`${command} gave no audio within ${options.openTimeoutMs ?? 5000} ms`);
    }, options.openTimeoutMs ?? 5000);
    const fail = (detail: string): void => {
      clearTimeout(timer);
      resolve({ kind: 'no-microphone', detail });
    };
    child.once('error', (error) => fail(`${command}: ${error.message}`));
    child.once('exit', (code) => fail(`${command} exited (${code}): ${stderr.trim()}`));
    // 'readable' also fires at the end of a stream: only real audio means the microphone is open.
    const onReadable = (): void => {
      const first = child.stdout.read() as Buffer | null;
      if (first === null) return;
      clearTimeout(timer);
      child.stdout.off('readable', onReadable);
      child.stdout.unshift(first);
      child.removeAllListeners('exit');
      child.removeAllListeners('error');
      resolve({ kind: 'ok', capture: new ProcessCapture(backend, child, () => stderr) });
    };
    child.stdout.on('readable', onReadable);
  });
}

class ProcessCapture implements AudioCapture {
  private stopping = false;
  private readonly exited: Promise<number | null>;

  constructor(
    readonly backend: CaptureBackend,
    private readonly child: ChildProcessByStdio<null, Readable, Readable>,
    private readonly stderr: () => string,
  ) {
    this.exited = new Promise((resolve) => child.once('close', (code) => resolve(code)));
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Float32Array> {
    let odd: Buffer | undefined; // a sample split across two reads
    for await (const chunk of this.child.stdout as AsyncIterable<Buffer>) {
      const bytes = odd ? Buffer.concat([odd, chunk]) : chunk;
      const even = bytes.length - (bytes.length % 2);
      odd = even < bytes.length ? bytes.subarray(even) : undefined;
      if (even > 0) yield pcm16ToFloat(bytes.subarray(0, even));
    }
    const code = await this.exited;
    if (!this.stopping && code !== 0) {
      throw new CaptureError(`recording stopped (${code}): ${this.stderr().trim()}`);
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    await this.exited;
  }
}

export type ListenResult =
  | {
      readonly kind: 'ok';
      readonly clip: AudioClip;
      /** performance.now() when the end of speech was decided: the start of the latency a person feels. */
      readonly decidedAt: number;
    }
  | { readonly kind: 'no-speech' }
  | { readonly kind: 'no-microphone'; readonly detail: string };

export interface ListenOptions extends CaptureOptions {
  readonly vad?: VadOptions;
  /** Give up when nobody starts speaking within this time (default 8 s). */
  readonly timeoutMs?: number;
  /** Stops listening (Ctrl+M pressed again): what was heard so far is returned. */
  readonly signal?: AbortSignal;
  /** Called when speech starts, e.g. to show "listening…" turning to "hearing you". */
  readonly onSpeechStart?: () => void;
}

/** Records one utterance: from the first speech to the end the VAD decides, then closes the microphone. */
export async function listenForUtterance(options: ListenOptions = {}): Promise<ListenResult> {
  const opened = await openMicrophone(options);
  if (opened.kind !== 'ok') return opened;
  const { capture } = opened;
  const vad = createVoiceActivityDetector(options.vad);
  let timedOut = false;
  const timer = setTimeout(() => {
    if (!vad.speaking) {
      timedOut = true;
      void capture.stop();
    }
  }, options.timeoutMs ?? 8000);
  const onAbort = (): void => void capture.stop();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for await (const samples of capture) {
      for (const event of vad.push(samples)) {
        if (event.kind === 'speech-start') options.onSpeechStart?.();
        else {
          const decidedAt = performance.now();
          await capture.stop();
          return { kind: 'ok', clip: event.clip, decidedAt };
        }
      }
    }
    const rest = vad.flush().find((e) => e.kind === 'utterance');
    if (rest && rest.kind === 'utterance' && !timedOut)
      return { kind: 'ok', clip: rest.clip, decidedAt: performance.now() };
    return { kind: 'no-speech' };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    await capture.stop();
  }
}
