import { describe, expect, it } from 'vitest';
import { hasKhmer, isKhmer, isKhmerCodePoint, khmerRuns, wordSegmenter, words } from './khmer.js';

describe('Khmer script', () => {
  it('knows Khmer letters, signs and lunar-date symbols from other scripts', () => {
    expect(isKhmer('ក')).toBe(true);
    expect(isKhmer('្')).toBe(true); // coeng
    expect(isKhmer('᧠')).toBe(true); // U+19E0, a Khmer symbol
    expect(isKhmer('a')).toBe(false);
    expect(isKhmer('')).toBe(false);
    expect(isKhmerCodePoint(0x17d4)).toBe(true); // ។
    expect(isKhmerCodePoint(0x0e01)).toBe(false); // Thai ก
  });

  it('finds Khmer anywhere in a text', () => {
    expect(hasKhmer('open ឯកសារ')).toBe(true);
    expect(hasKhmer('open files')).toBe(false);
  });

  it('cuts a text into Khmer and other runs', () => {
    expect(khmerRuns('សូមបើក Firefox ផង')).toEqual(['សូមបើក', ' Firefox ', 'ផង']);
    expect(khmerRuns('')).toEqual([]);
  });
});

describe('Khmer words', () => {
  it('cuts Khmer written without spaces into dictionary words, Latin at spaces', () => {
    expect(words('ខ្ញុំចង់រៀន Hello')).toEqual(['ខ្ញុំ', 'ចង់', 'រៀន', 'Hello']);
  });

  it('is one segmenter for Khmer and Latin alike', () => {
    expect(wordSegmenter.resolvedOptions()).toMatchObject({ locale: 'km', granularity: 'word' });
    expect(words("don't stop, 42 times")).toEqual(["don't", 'stop', '42', 'times']);
  });
});
