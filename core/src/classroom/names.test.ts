import { describe, expect, it } from 'vitest';
import { checkRelativePath, displayName, syncthingAllowList } from './names.js';
import { formatClassCode, generateClassCode, normalizeClassCode, parseJoinCode } from './code.js';
import { planDistribution } from './lessons.js';
import { createNodeCrypto } from './node/crypto.js';
import { fromBase64Url, fromUtf8, toBase64Url, utf8 } from './bytes.js';

describe('paths from other devices', () => {
  it('accepts ordinary and Khmer names', () => {
    expect(checkRelativePath('homework/កិច្ចការ.odt')).toEqual({ kind: 'ok', path: 'homework/កិច្ចការ.odt' });
  });
  it.each([
    ['../etc/passwd', 'traversal'],
    ['work/../../x', 'traversal'],
    ['/etc/passwd', 'absolute'],
    ['a\\..\\b', 'traversal'],
    ['bell\u0007.txt', 'control-characters'],
    ['new\nline', 'control-characters'],
    ['evil\u202Etxt.exe', 'control-characters'],
    ['', 'empty'],
    ['a//b', 'empty'],
    ['.stignore', 'reserved'],
    ['x'.repeat(256), 'too-long'],
  ])('refuses %j (%s)', (path, reason) => {
    expect(checkRelativePath(path)).toEqual({ kind: 'refused', reason });
  });
  it('cleans names for display', () => {
    expect(displayName('  Sok\u0000\u001b[31m  Dara\u202E ')).toBe('Sok[31m Dara');
  });
  it('builds a Syncthing allow list that escapes glob characters', () => {
    expect(syncthingAllowList(['a/b [1].txt', 'c*.odt'])).toBe('!/a/b \\[1\\].txt\n!/c\\*.odt\n*\n');
  });
});

describe('class code', () => {
  it('is six digits and reads Khmer digits, spaces and dashes', () => {
    const code = generateClassCode(createNodeCrypto());
    expect(code).toMatch(/^\d{6}$/);
    expect(normalizeClassCode('៤៨២ ៩១៣')).toEqual({ kind: 'ok', code: '482913' });
    expect(normalizeClassCode('482-913')).toEqual({ kind: 'ok', code: '482913' });
    expect(normalizeClassCode('48291')).toEqual({ kind: 'invalid', reason: 'length' });
    expect(normalizeClassCode('48291x')).toEqual({ kind: 'invalid', reason: 'characters' });
    expect(formatClassCode('482913')).toBe('482 913');
  });

  it('reads the code and the teacher fingerprint as the projector shows them, in either digits', () => {
    expect(parseJoinCode('482 913 · 5170 2284')).toEqual({ kind: 'ok', code: '482913', fingerprint: '51702284' });
    expect(parseJoinCode('៤៨២ ៩១៣ · ៥១៧០ ២២៨៤')).toEqual({ kind: 'ok', code: '482913', fingerprint: '51702284' });
    expect(parseJoinCode('482-913-5170-2284')).toEqual({ kind: 'ok', code: '482913', fingerprint: '51702284' });
    expect(parseJoinCode('482913')).toEqual({ kind: 'ok', code: '482913' });
    expect(parseJoinCode('482913 5170')).toEqual({ kind: 'invalid', reason: 'length' });
    expect(parseJoinCode('482913 5170 228x')).toEqual({ kind: 'invalid', reason: 'characters' });
  });
});

describe('bytes', () => {
  it('round-trips UTF-8 and base64url', () => {
    const text = 'សួស្តី 👋 ok';
    expect(fromUtf8(utf8(text))).toBe(text);
    expect(Buffer.from(utf8(text)).toString('utf8')).toBe(text);
    const bytes = createNodeCrypto().randomBytes(33);
    expect(Buffer.from(fromBase64Url(toBase64Url(bytes)) ?? []).equals(Buffer.from(bytes))).toBe(true);
    expect(toBase64Url(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
  });
});

describe('distribution plan', () => {
  const switched = { medium: 'switched', multicast: true, swarm: true } as const;
  it('multicasts big lessons where multicast reaches the students, else swarms', () => {
    expect(planDistribution(100e6, 10, 50e6, switched)).toMatchObject({ transport: 'multicast', idealSeconds: 16 });
    expect(planDistribution(100e6, 10, 50e6, { ...switched, multicast: false })).toMatchObject({
      transport: 'torrent',
      idealSeconds: 16,
    });
    expect(planDistribution(100e6, 10, 50e6, { ...switched, medium: 'shared' })).toMatchObject({
      transport: 'multicast',
      idealSeconds: 16,
    });
    expect(planDistribution(100e6, 10, 50e6, { medium: 'shared', multicast: false, swarm: true })).toMatchObject({
      transport: 'torrent',
      idealSeconds: 160,
    });
    expect(planDistribution(1e6, 40, 50e6, switched).transport).toBe('http');
    expect(planDistribution(100e6, 10, 50e6, { ...switched, multicast: false, swarm: false }).transport).toBe('http');
  });
});
