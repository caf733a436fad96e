import { describe, expect, it } from 'vitest';
import { editDistance, findApproximate } from './fuzzy.js';
import { khmerClusters, normalizeText } from './normalize.js';

describe('normalizeText', () => {
  it('lowers Latin, drops apostrophes and punctuation, keeps file names', () => {
    expect(normalizeText("Don't open REPORT.docx!!")).toBe('dont open report.docx');
  });

  it('folds Khmer look-alikes and removes zero-width spaces', () => {
    expect(normalizeText('ប្ដូរ​ភាសា')).toBe(normalizeText('ប្តូរភាសា'));
    expect(normalizeText('ឱ្យ')).toBe('ឲ្យ');
    expect(normalizeText('អោយ')).toBe('ឲ្យ');
  });

  it('turns Khmer digits into Latin digits', () => {
    expect(normalizeText('ថ្នាក់ទី៩')).toBe('ថ្នាក់ទី9');
  });
});

describe('khmerClusters', () => {
  it('keeps subscripts and vowels with their base letter', () => {
    expect(khmerClusters('ចំណុចស្តារ')).toEqual(['ចំ', 'ណុ', 'ច', 'ស្តា', 'រ']);
    expect(khmerClusters('ថ្មី')).toEqual(['ថ្មី']);
  });
});

describe('fuzzy matching', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('lcok', 'lock')).toBe(1);
    expect(editDistance('instal', 'install')).toBe(1);
    expect(editDistance('firefox', 'chromium', 2)).toBe(3);
  });

  it('finds a misspelt word between allowed boundaries', () => {
    const text = [...'xxដំលើងyy'];
    const hit = findApproximate(text, [...'ដំឡើង'], [0, 1, 2], new Set([7, 9]), 1);
    expect(hit).toEqual({ start: 2, end: 7, distance: 1 });
  });
});
