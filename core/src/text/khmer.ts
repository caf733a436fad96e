/**
 * The one test for Khmer script and the one Khmer word segmenter, shared by
 * the intent router, voice, office, the assistant and the KRunner runner.
 * Khmer is the block U+1780–U+17FF and the Khmer symbols U+19E0–U+19FF (lunar
 * dates). Pure.
 */

/** Whether a code point is Khmer. */
export function isKhmerCodePoint(codePoint: number): boolean {
  return (codePoint >= 0x1780 && codePoint <= 0x17ff) || (codePoint >= 0x19e0 && codePoint <= 0x19ff);
}

/** Whether the first character of `ch` is Khmer (false for ''). */
export function isKhmer(ch: string): boolean {
  return isKhmerCodePoint(ch.codePointAt(0) ?? 0);
}

const ANY_KHMER = /[\u1780-\u17ff\u19e0-\u19ff]/u;
const RUNS = /[\u1780-\u17ff\u19e0-\u19ff]+|[^\u1780-\u17ff\u19e0-\u19ff]+/gu;

/** Whether the text has any Khmer letter, sign or symbol. */
export function hasKhmer(text: string): boolean {
  return ANY_KHMER.test(text);
}

/**
 * The text cut into runs that are all Khmer or all not, in order.
 *
 * @example
 * khmerRuns('បើក Firefox'); // ['បើក', ' Firefox']
 */
export function khmerRuns(text: string): string[] {
  return text.match(RUNS) ?? [];
}

/**
 * Word boundaries from ICU's Khmer dictionary. Khmer is written without spaces
 * between words; Latin and other scripts are cut by the same rules as in any
 * other locale. Segmenting keeps no state, so one instance serves everyone.
 */
export const wordSegmenter = new Intl.Segmenter('km', { granularity: 'word' });

/** The words of a text (Khmer words found by the dictionary), for counting and search. */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const s of wordSegmenter.segment(text)) if (s.isWordLike) out.push(s.segment);
  return out;
}
