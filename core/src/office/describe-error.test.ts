import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTranslator } from '../i18n/i18n.js';
import { readBundle } from '../i18n/node/bundles.js';
import { describeOfficeError } from './describe-error.js';

const dir = path.resolve(import.meta.dirname, '../../../i18n');

describe('office errors in the person\u2019s language', () => {
  const en = createTranslator({ locale: 'en', messages: readBundle(dir, 'en', 'office') });
  const km = createTranslator({ locale: 'km', messages: readBundle(dir, 'km', 'office') });

  it('says every kind in Khmer, with our own reasons translated too', () => {
    expect(describeOfficeError(km, { kind: 'exists', path: '/tmp/ក.pdf' })).toBe(
      '/tmp/ក.pdf មានរួចហើយ។ សូមជ្រើសឈ្មោះផ្សេង ឬអនុញ្ញាតឲ្យជំនួសវា។',
    );
    const outside = describeOfficeError(km, { kind: 'invalid-path', path: '../x.md', reason: 'outside-root' });
    expect(outside).toContain('../x.md');
    expect(outside).not.toContain('outside-root');
    expect(describeOfficeError(km, { kind: 'unreadable', path: 'x.md', reason: 'ENOENT' })).not.toContain('ENOENT');
    expect(describeOfficeError(en, { kind: 'unreadable', path: 'x.md', reason: 'ENOENT' })).toBe(
      'Cannot read x.md (there is no such file).',
    );
    expect(
      describeOfficeError(en, { kind: 'unsupported-format', path: 'a.md → a.xlsx', supported: ['x → y', 'z → w'] }),
    ).toBe('Cannot convert a.md → a.xlsx. Supported: x → y; z → w');
    expect(describeOfficeError(en, { kind: 'too-large', path: 'big.csv', bytes: 2_000_000, limit: 1_000_000 })).toBe(
      'big.csv is too large (2,000,000 bytes; the limit is 1,000,000).',
    );
    // a reason we do not name ourselves is shown as it is
    expect(describeOfficeError(en, { kind: 'write-failed', path: 'o.pdf', reason: 'EWEIRD' })).toContain('EWEIRD');
  });
});
