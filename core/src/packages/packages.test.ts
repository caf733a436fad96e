import { describe, expect, it } from 'vitest';
import { checkQuery, classifyPackageName, scaleProgress } from './packages.js';

describe('classifyPackageName', () => {
  it('tells Flatpak app ids from pacman names', () => {
    expect(classifyPackageName('org.kde.kolourpaint')).toEqual({ kind: 'ok', source: 'app' });
    expect(classifyPackageName('org.koompi.Test_Draw-2')).toEqual({ kind: 'ok', source: 'app' });
    for (const name of [
      'firefox',
      'python-numpy',
      'gtk3',
      'lib32-glibc',
      'noto-fonts-cjk',
      'qt6.base',
      'c++utilities',
    ]) {
      expect(classifyPackageName(name), name).toEqual({ kind: 'ok', source: 'system' });
    }
  });

  it('refuses paths, options, shell syntax, control characters and oversized names', () => {
    for (const name of ['../x', '-rf', '--help', '.hidden', 'a/b', 'a b', 'A', '$(id)', '`id`', 'a;b', 'ök']) {
      expect(classifyPackageName(name), name).toEqual({ kind: 'bad-format' });
    }
    expect(classifyPackageName('')).toEqual({ kind: 'empty' });
    expect(classifyPackageName('a\u0000b')).toEqual({ kind: 'control-characters' });
    expect(classifyPackageName('x'.repeat(10_240))).toEqual({ kind: 'too-long', max: 255 });
    expect(classifyPackageName('x'.repeat(129))).toEqual({ kind: 'bad-format' });
  });
});

describe('checkQuery', () => {
  it('takes Khmer or English text up to 100 characters', () => {
    expect(checkQuery('កម្មវិធីគូររូប')).toBeUndefined();
    expect(checkQuery('a browser')).toBeUndefined();
    expect(checkQuery('')).toEqual({ kind: 'empty' });
    expect(checkQuery('q'.repeat(101))).toEqual({ kind: 'too-long', max: 100 });
    expect(checkQuery('a\tb')).toEqual({ kind: 'control-characters' });
  });
});

describe('scaleProgress', () => {
  it('maps a stage share and clamps nonsense', () => {
    expect(scaleProgress(50, 10, 90)).toBe(50);
    expect(scaleProgress(0, 10, 90)).toBe(10);
    expect(scaleProgress(250, 10, 90)).toBe(90);
    expect(scaleProgress(Number.NaN, 10, 90)).toBe(10);
  });
});
