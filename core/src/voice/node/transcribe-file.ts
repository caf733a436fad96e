/**
 * `koompi voice transcribe [--mode command|dictation] FILE.wav` as one call:
 * read and decode the WAV, open the engine for the mode, transcribe, close.
 *
 * @example
 * const r = await transcribeWavFile('hello.wav', { mode: 'command' });
 * if (r.kind === 'ok') print(JSON.stringify({ text: r.transcript.text, engine: r.transcript.engine, seconds: r.transcript.seconds }));
 * else print(t(voiceMessage(r).key, voiceMessage(r).params));
 */
import fs from 'node:fs';
import type { TranscribeResult, TranscriptionMode, VoiceLanguage } from '../types.js';
import { decodeWav } from '../wav.js';
import type { ModelStoreOptions } from './models.js';
import { openCommandMode, type CommandModeOptions } from './pocketsphinx.js';
import { openDictation, type WhisperOptions } from './whisper.js';

export interface TranscribeFileOptions {
  readonly mode: TranscriptionMode;
  readonly language?: VoiceLanguage;
  readonly command?: CommandModeOptions;
  readonly dictation?: WhisperOptions & ModelStoreOptions & { readonly modelPath?: string };
}

export type TranscribeFileResult = TranscribeResult | { readonly kind: 'file-not-found'; readonly file: string };

export async function transcribeWavFile(file: string, options: TranscribeFileOptions): Promise<TranscribeFileResult> {
  let bytes: Uint8Array;
  try {
    bytes = await fs.promises.readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return { kind: 'file-not-found', file };
    throw error;
  }
  const decoded = decodeWav(bytes);
  if (decoded.kind !== 'ok') return decoded;
  const opened =
    options.mode === 'command' ? await openCommandMode(options.command) : await openDictation(options.dictation);
  if (opened.kind !== 'ok') return opened;
  try {
    return await opened.transcriber.transcribe(decoded.clip, options.language ? { language: options.language } : {});
  } finally {
    await opened.transcriber.close();
  }
}
