/**
 * What to tell a person about a voice problem: an i18n key in the `voice`
 * domain (i18n/<lang>/voice.json) and its named parameters. Apps translate it
 * with `loadTranslator('voice')`. Pure.
 *
 * @example
 * const { key, params } = voiceMessage(result);
 * console.error(t(key, params));
 */
import type { KnownModel } from './models.js';
import type { VoiceProblem } from './types.js';

export type VoiceNotice =
  | VoiceProblem
  | { readonly kind: 'file-not-found'; readonly file: string }
  | { readonly kind: 'unknown-model'; readonly file: string; readonly sha256: string; readonly bytes: number }
  | { readonly kind: 'permission-denied'; readonly dir: string }
  | { readonly kind: 'no-typing-tool'; readonly detail: string }
  | { readonly kind: 'installed'; readonly model: KnownModel; readonly path: string; readonly alreadyPresent: boolean };

export interface VoiceMessage {
  readonly key: string;
  readonly params: Readonly<Record<string, string | number>>;
}

export function voiceMessage(notice: VoiceNotice): VoiceMessage {
  switch (notice.kind) {
    case 'no-model':
      return { key: 'error.noModel', params: { folders: notice.searched.join(', ') } };
    case 'engine-missing':
      return notice.engine === 'whisper'
        ? { key: 'error.whisperMissing', params: { detail: notice.detail } }
        : { key: 'error.pocketsphinxMissing', params: { detail: notice.detail } };
    case 'no-speech':
      return { key: 'error.noSpeech', params: {} };
    case 'no-microphone':
      return { key: 'error.noMicrophone', params: { detail: notice.detail } };
    case 'invalid-audio':
      return { key: 'error.invalidAudio', params: { reason: notice.reason } };
    case 'file-not-found':
      return { key: 'error.fileNotFound', params: { file: notice.file } };
    case 'unknown-model':
      return { key: 'model.unknown', params: { file: notice.file, sha256: notice.sha256 } };
    case 'permission-denied':
      return { key: 'model.permissionDenied', params: { folder: notice.dir } };
    case 'no-typing-tool':
      return { key: 'error.cannotType', params: { detail: notice.detail } };
    case 'installed':
      return notice.alreadyPresent
        ? { key: 'model.replaced', params: { model: notice.model.id, path: notice.path } }
        : { key: 'model.installed', params: { model: notice.model.id, path: notice.path } };
  }
}
