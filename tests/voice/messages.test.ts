// Every message key the voice core hands out exists in the voice bundle, with the parameters it fills.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KNOWN_MODELS, placeholdersOf, readBundle, voiceMessage, type VoiceNotice } from '@koompi/core';
import { repoRoot } from '../support/qt-env.js';

const notices: VoiceNotice[] = [
  { kind: 'no-model', searched: ['/u'] },
  { kind: 'engine-missing', engine: 'whisper', detail: 'd' },
  { kind: 'engine-missing', engine: 'pocketsphinx', detail: 'd' },
  { kind: 'no-speech' },
  { kind: 'no-microphone', detail: 'd' },
  { kind: 'invalid-audio', reason: 'not-riff' },
  { kind: 'file-not-found', file: 'f' },
  { kind: 'unknown-model', file: 'f', sha256: 's', bytes: 1 },
  { kind: 'permission-denied', dir: 'd' },
  { kind: 'no-typing-tool', detail: 'd' },
  { kind: 'installed', model: KNOWN_MODELS[0]!, path: 'p', alreadyPresent: false },
  { kind: 'installed', model: KNOWN_MODELS[0]!, path: 'p', alreadyPresent: true },
];

describe('voice messages', () => {
  for (const lang of ['en', 'km'] as const) {
    it(`exist in i18n/${lang}/voice.json with their placeholders`, () => {
      const bundle = readBundle(path.join(repoRoot, 'i18n'), lang, 'voice');
      for (const notice of notices) {
        const { key, params } = voiceMessage(notice);
        expect(bundle[key], key).toBeTypeOf('string');
        expect(placeholdersOf(bundle[key]!).sort(), key).toEqual(Object.keys(params).sort());
      }
    });
  }
});
