import { describe, expect, it } from 'vitest';
import { findRange, plainToFormula } from './plain-formula.js';

const formula = (s: string) => {
  const r = plainToFormula(s);
  return r.kind === 'formula' ? r.formula : undefined;
};

describe('plain-language formulas', () => {
  it.each([
    ['sum column A', '=SUM(A:A)'],
    ['Total of column c', '=SUM(C:C)'],
    ['add up A1 to A10', '=SUM(A1:A10)'],
    ['average column B', '=AVERAGE(B:B)'],
    ['what is the mean of B2:B20?', '=AVERAGE(B2:B20)'],
    ['count column D', '=COUNT(D:D)'],
    ['highest value in column E', '=MAX(E:E)'],
    ['min of A2 to A9', '=MIN(A2:A9)'],
    ['sum row 3', '=SUM(3:3)'],
    ['20% of B4', '=B4*20/100'],
    ['A2 as a percentage of A10', '=A2/A10*100'],
    ['if A2 > 50 then Pass else Fail', '=IF(A2>50,"Pass","Fail")'],
    ['if B3 is at least 60, then "ជាប់" otherwise "ធ្លាក់"', '=IF(B3>=60,"ជាប់","ធ្លាក់")'],
    ['If C1 is less than 10 then C1 else 10', '=IF(C1<10,C1,10)'],
  ])('English: %s', (sentence, expected) => expect(formula(sentence)).toBe(expected));

  it.each([
    ['បូកជួរឈរ A', '=SUM(A:A)'],
    ['សរុប ជួរឈរ B', '=SUM(B:B)'],
    ['មធ្យមភាគ ជួរឈរ C', '=AVERAGE(C:C)'],
    ['រាប់ ពី A1 ដល់ A៣០', '=COUNT(A1:A30)'],
    ['តម្លៃធំបំផុតក្នុងជួរឈរ D', '=MAX(D:D)'],
    ['តម្លៃតូចបំផុត ជួរឈរ E', '=MIN(E:E)'],
    ['ភាគរយនៃ A2 លើ A10', '=A2/A10*100'],
    ['បើ B2 ធំជាង ៥០ នោះ ជាប់ បើមិនដូច្នោះ ធ្លាក់', '=IF(B2>50,"ជាប់","ធ្លាក់")'],
  ])('Khmer: %s', (sentence, expected) => expect(formula(sentence)).toBe(expected));

  it('says so instead of guessing', () => {
    expect(plainToFormula('make it look nice').kind).toBe('not-understood');
    expect(plainToFormula('sum').kind).toBe('not-understood');
    expect(plainToFormula('').kind).toBe('not-understood');
  });

  it('finds ranges', () => {
    expect(findRange('columns A to C')).toBe('A:C');
    expect(findRange('from b2 through b9')).toBe('B2:B9');
  });
});
