import { describe, expect, it } from 'vitest';
import { seriesStart, smartFill } from './smart-fill.js';

describe('smart fill', () => {
  it('continues numbers by their step', () => {
    expect(smartFill(['1'], 3)).toEqual(['2', '3', '4']);
    expect(smartFill(['1', '3'], 3)).toEqual(['5', '7', '9']);
    expect(smartFill(['10', '7.5'], 2)).toEqual(['5.0', '2.5']);
    expect(smartFill(['១', '២'], 2)).toEqual(['៣', '៤']);
  });
  it('continues numbered labels', () => {
    expect(smartFill(['Week 1', 'Week 2'], 2)).toEqual(['Week 3', 'Week 4']);
    expect(smartFill(['សប្តាហ៍ ១'], 2)).toEqual(['សប្តាហ៍ ២', 'សប្តាហ៍ ៣']);
  });
  it('continues dates by days or months', () => {
    expect(smartFill(['2026-01-30', '2026-01-31'], 2)).toEqual(['2026-02-01', '2026-02-02']);
    expect(smartFill(['15/01/2026', '15/02/2026'], 2)).toEqual(['15/03/2026', '15/04/2026']);
  });
  it('continues weekdays and months, English and Khmer', () => {
    expect(smartFill(['Monday'], 3)).toEqual(['Tuesday', 'Wednesday', 'Thursday']);
    expect(smartFill(['MON', 'WED'], 2)).toEqual(['FRI', 'SUN']);
    expect(smartFill(['November'], 3)).toEqual(['December', 'January', 'February']);
    expect(smartFill(['មករា', 'កុម្ភៈ'], 2)).toEqual(['មីនា', 'មេសា']);
    expect(smartFill(['ខែធ្នូ'], 1)).toEqual(['ខែមករា']);
    expect(smartFill(['ថ្ងៃសុក្រ'], 2)).toEqual(['ថ្ងៃសៅរ៍', 'ថ្ងៃអាទិត្យ']);
  });
  it('repeats anything else', () => {
    expect(smartFill(['ក', 'ខ'], 3)).toEqual(['ក', 'ខ', 'ក']);
    expect(smartFill([], 3)).toEqual([]);
  });
  it('finds where a series starts below a column heading', () => {
    expect(seriesStart(['ខែ', 'មករា', 'កុម្ភៈ'])).toBe(1);
    expect(seriesStart(['Score', '10', '20'])).toBe(1);
    expect(seriesStart(['មករា', 'កុម្ភៈ'])).toBe(0);
    expect(seriesStart(['ក', 'ខ'])).toBe(0);
    expect(seriesStart([])).toBe(0);
  });
});
