/**
 * One spoken turn, start to finish: listen until the person stops, then
 * transcribe with the engine given. What Chat's Ctrl+M and the global
 * dictation shortcut call; `signal` (Ctrl+M pressed again) stops listening
 * early and keeps what was said.
 *
 * @example
 * const turn = await listenAndTranscribe(transcriber, { language: 'km', signal });
 * if (turn.kind === 'ok') input.insert(turn.transcript.text);
 */
import type { TranscribeOptions, TranscribeResult, Transcriber, Transcript } from '../types.js';
import { listenForUtterance, type ListenOptions } from './capture.js';

export type SpokenTurnResult =
  | {
      readonly kind: 'ok';
      readonly transcript: Transcript;
      /** Seconds from the moment the end of speech was decided to the text: what the person waits. */
      readonly latencySeconds: number;
    }
  | Exclude<TranscribeResult, { readonly kind: 'ok' }>;

export async function listenAndTranscribe(
  transcriber: Transcriber,
  options: ListenOptions & TranscribeOptions = {},
): Promise<SpokenTurnResult> {
  const heard = await listenForUtterance(options);
  if (heard.kind !== 'ok') return heard;
  const result = await transcriber.transcribe(heard.clip, options.language ? { language: options.language } : {});
  if (result.kind !== 'ok') return result;
  return { kind: 'ok', transcript: result.transcript, latencySeconds: (performance.now() - heard.decidedAt) / 1000 };
}
