import { describe, expect, it } from 'vitest';
import {
  MissingMessageError,
  MissingParamError,
  createTranslator,
  flattenMessages,
  placeholdersOf,
  resolveLocale,
} from './i18n.js';

describe('resolveLocale', () => {
  it('gives Khmer for km_KH in any of the POSIX variables, in POSIX precedence', () => {
    expect(resolveLocale({ LANG: 'km_KH.UTF-8' })).toBe('km');
    expect(resolveLocale({ LANG: 'km_KH' })).toBe('km');
    expect(resolveLocale({ LANG: 'en_US.UTF-8', LC_MESSAGES: 'km_KH.UTF-8' })).toBe('km');
    expect(resolveLocale({ LANG: 'km_KH.UTF-8', LC_ALL: 'en_US.UTF-8' })).toBe('en');
  });
  it('honours a LANGUAGE priority list and falls back to English', () => {
    expect(resolveLocale({ LANGUAGE: 'fr:km:en', LANG: 'en_US.UTF-8' })).toBe('km');
    expect(resolveLocale({ LANG: 'fr_FR.UTF-8' })).toBe('en');
    expect(resolveLocale({})).toBe('en');
    expect(resolveLocale({ LANG: 'C.UTF-8' })).toBe('en');
  });
});

describe('createTranslator', () => {
  const km = { greet: 'សួស្តី {name}', files: 'បានផ្ញើឯកសារ {count}', on: 'នៅថ្ងៃ {date}' };
  const en = { greet: 'Hello {name}', files: '{count} files sent', only: 'English only' };

  it('fills named placeholders and keeps Khmer word order from the bundle', () => {
    const t = createTranslator({ locale: 'km', messages: km, fallback: en });
    expect(t('greet', { name: 'សុខា' })).toBe('សួស្តី សុខា');
  });

  it('writes numbers with Khmer digits when the person prefers them', () => {
    const khmer = createTranslator({ locale: 'km', messages: km, preferences: { digits: 'khmer' } });
    const latin = createTranslator({ locale: 'km', messages: km });
    expect(khmer('files', { count: 1250 })).toBe('បានផ្ញើឯកសារ ១.២៥០');
    expect(latin('files', { count: 1250 })).toMatch(/1.250/);
    expect(khmer.formatNumber(2026)).toBe('២.០២៦');
  });

  it('writes Khmer dates, with Khmer digits as a preference', () => {
    const date = new Date(Date.UTC(2026, 10, 28, 12));
    const khmer = createTranslator({ locale: 'km', messages: km, preferences: { digits: 'khmer' } });
    const text = khmer.formatDate(date, { dateStyle: 'long', timeZone: 'UTC' });
    expect(text).toContain('វិច្ឆិកា');
    expect(text).toContain('២០២៦');
    expect(text).not.toMatch(/[0-9]/);
    const en = createTranslator({ locale: 'en', messages: {} });
    expect(en.formatDate(date, { dateStyle: 'long', timeZone: 'UTC' })).toBe('November 28, 2026');
  });

  it('falls back to English for a key missing in Khmer, and throws for unknown keys or params', () => {
    const t = createTranslator({ locale: 'km', messages: km, fallback: en });
    expect(t('only')).toBe('English only');
    expect(t.has('only')).toBe(true);
    expect(t.has('nope')).toBe(false);
    expect(() => t('nope')).toThrow(MissingMessageError);
    expect(() => t('greet')).toThrow(MissingParamError);
  });

  it('does not let inherited object keys pass as messages', () => {
    const t = createTranslator({ locale: 'en', messages: en });
    expect(t.has('toString')).toBe(false);
    expect(() => t('constructor')).toThrow(MissingMessageError);
  });

  it('leaves placeholder-like text inside values alone (no double substitution)', () => {
    const t = createTranslator({ locale: 'en', messages: en });
    expect(t('greet', { name: '{count}' })).toBe('Hello {count}');
  });
});

describe('bundle helpers', () => {
  it('flattens nested bundles into dotted keys and refuses non-objects', () => {
    expect(flattenMessages({ a: { b: 'x', c: { d: 'y' } }, e: 'z' })).toEqual({ 'a.b': 'x', 'a.c.d': 'y', e: 'z' });
    expect(() => flattenMessages(['x'])).toThrow(TypeError);
    expect(() => flattenMessages({ a: 3 })).toThrow(TypeError);
  });
  it('lists placeholders once each', () => {
    expect(placeholdersOf('{a} and {b} and {a}')).toEqual(['a', 'b']);
  });
});
