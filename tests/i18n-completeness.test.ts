// Khmer first: every English message has a Khmer translation, written in Khmer,
// with the same placeholders; no bundle is malformed; no Khmer key is orphaned.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listDomains, placeholdersOf, readBundle } from '@koompi/core';
import { repoRoot } from './support/qt-env.js';

const dir = path.join(repoRoot, 'i18n');
// Keys that stay in Latin script in Khmer too (the boot menu cannot draw Khmer): see i18n/glossary.json.
const latinOnly = new Set<string>(
  (JSON.parse(fs.readFileSync(path.join(dir, 'glossary.json'), 'utf8')) as { latinOnly: { keys: string[] } }).latinOnly
    .keys,
);
const domains = [...new Set([...listDomains(dir, 'en'), ...listDomains(dir, 'km')])];

describe('i18n bundles', () => {
  it('exist for the apps', () => {
    expect(domains).toContain('chat');
    expect(domains).toContain('common');
  });

  for (const domain of domains) {
    describe(domain, () => {
      const en = readBundle(dir, 'en', domain);
      const km = readBundle(dir, 'km', domain);

      it('has a non-empty Khmer translation, in Khmer script, for every English key', () => {
        // A pure layout string ("  {id}  {created}") has no words to translate.
        const hasWords = (text: string) => /\p{L}/u.test(text.replace(/\{[A-Za-z_][A-Za-z0-9_]*\}/g, ''));
        const missing = Object.keys(en).filter(
          (key) =>
            !km[key]?.trim() ||
            (hasWords(en[key]!) && !latinOnly.has(`${domain}.json:${key}`) && !/[\u1780-\u17FF]/.test(km[key] ?? '')),
        );
        expect(missing, `missing or untranslated in i18n/km/${domain}.json`).toEqual([]);
      });

      it('uses the same placeholders in both languages', () => {
        const differ = Object.keys(en).filter(
          (key) =>
            km[key] !== undefined && placeholdersOf(en[key]!).sort().join() !== placeholdersOf(km[key]!).sort().join(),
        );
        expect(differ).toEqual([]);
      });

      it('has no Khmer key that English lacks', () => {
        expect(Object.keys(km).filter((key) => !(key in en))).toEqual([]);
      });
    });
  }
});
