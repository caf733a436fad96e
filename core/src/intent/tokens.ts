/**
 * Turns a normalised sentence into units: Latin words, and Khmer clusters that
 * know where `Intl.Segmenter` puts word boundaries. Khmer has no spaces
 * between words and ICU's dictionary does not know loanwords (អាប់ដេត, ឌីស),
 * so the lexicon is matched cluster by cluster; word boundaries are a signal
 * that keeps very short words from matching inside longer ones.
 */
import { isKhmer, khmerRuns } from '../text/khmer.js';
import { khmerClusters } from '../text/normalize.js';

export type Script = 'latin' | 'khmer';

export interface Unit {
  /** The unit's text after typo correction (Latin words only; Khmer is matched fuzzily later). */
  text: string;
  /** The unit as written, after normalisation. */
  readonly raw: string;
  readonly script: Script;
  /** True when a word (ICU's, or a space) starts at this unit. */
  readonly wordStart: boolean;
  /** True when a word ends with this unit. */
  readonly wordEnd: boolean;
}

const LATIN_TOKEN = /[^\s]+/gu;

/** Splits a normalised sentence into units, Khmer runs segmented with `segmenter`. */
export function toUnits(text: string, segmenter: Intl.Segmenter): Unit[] {
  const units: Unit[] = [];
  // Runs of Khmer letters and runs of anything else, so "កម្មវិធីfirefox" splits at the script change.
  for (const run of khmerRuns(text)) {
    if (isKhmer(run[0] ?? '')) {
      const boundaries = new Set<number>([run.length]);
      for (const seg of segmenter.segment(run)) boundaries.add(seg.index);
      let offset = 0;
      for (const cluster of khmerClusters(run)) {
        const end = offset + cluster.length;
        units.push({
          text: cluster,
          raw: cluster,
          script: 'khmer',
          wordStart: boundaries.has(offset),
          wordEnd: boundaries.has(end),
        });
        offset = end;
      }
    } else {
      for (const word of run.match(LATIN_TOKEN) ?? []) {
        units.push({ text: word, raw: word, script: 'latin', wordStart: true, wordEnd: true });
      }
    }
  }
  return units;
}

/** The units of a lexicon entry: its Latin words, or its Khmer clusters (spaces ignored). */
export function termUnits(term: string): { units: string[]; script: Script } | undefined {
  const hasKhmer = [...term].some(isKhmer);
  const hasLatin = /[a-z0-9]/.test(term);
  if (hasKhmer && hasLatin) return undefined; // mixed entries are not matched as one term
  if (hasKhmer) return { units: khmerClusters(term.replace(/\s+/g, '')), script: 'khmer' };
  const words = term.split(' ').filter((w) => w !== '');
  return words.length > 0 ? { units: words, script: 'latin' } : undefined;
}
