/**
 * Finds the lexicon's words in a sentence: exact matches first, longest wins;
 * then, where nothing matched, words with typos (Latin words corrected one by
 * one against the vocabulary, Khmer stretches searched approximately).
 */
import { editDistance, findApproximate, typoBudget } from '../text/fuzzy.js';
import { normalizeText } from '../text/normalize.js';
import { COMMON_WORDS } from './lexicon.js';
import { termUnits, type Script, type Unit } from './tokens.js';

/** A lexicon entry, compiled: the units to match and every tag that entry carries. */
export interface Term {
  readonly key: string;
  readonly units: readonly string[];
  readonly script: Script;
  readonly tags: string[];
  /** Length in code points, used to prefer longer matches. */
  readonly size: number;
}

/** One place in the sentence where a lexicon entry was found. */
export interface Mention {
  readonly tags: readonly string[];
  /** Unit range [start, end). */
  readonly start: number;
  readonly end: number;
  /** 1 for an exact match on word boundaries, less for typos or a match inside a word. */
  readonly weight: number;
  readonly term: string;
}

export interface Vocabulary {
  readonly terms: readonly Term[];
  /** Exact look-up: first unit → terms starting with it. */
  readonly byFirst: ReadonlyMap<string, readonly Term[]>;
  /** Latin words of the vocabulary, by length, for typo correction. */
  readonly latinWords: ReadonlyMap<number, readonly string[]>;
  readonly latinSet: ReadonlySet<string>;
  /** Khmer terms long enough to match with typos, indexed by the code-point bigrams they contain. */
  readonly khmerByBigram: ReadonlyMap<string, readonly Term[]>;
}

/** Compiles `tag → phrases` lists into a vocabulary. */
export function buildVocabulary(entries: Iterable<readonly [tag: string, phrase: string]>): Vocabulary {
  const byKey = new Map<string, Term>();
  for (const [tag, phrase] of entries) {
    const normal = normalizeText(phrase);
    const compiled = termUnits(normal);
    if (!compiled) continue;
    const key = `${compiled.script}:${compiled.units.join(' ')}`;
    const existing = byKey.get(key);
    if (existing) {
      if (!existing.tags.includes(tag)) existing.tags.push(tag);
      continue;
    }
    const size = [...compiled.units.join('')].length;
    byKey.set(key, { key, units: compiled.units, script: compiled.script, tags: [tag], size });
  }
  const terms = [...byKey.values()];
  const byFirst = new Map<string, Term[]>();
  const latinWords = new Map<number, string[]>();
  const latinSet = new Set<string>();
  const khmerByBigram = new Map<string, Term[]>();
  for (const term of terms) {
    const first = term.units[0]!;
    byFirst.set(first, [...(byFirst.get(first) ?? []), term]);
    if (term.script === 'latin') {
      for (const word of term.units) {
        if (latinSet.has(word)) continue;
        latinSet.add(word);
        const len = [...word].length;
        latinWords.set(len, [...(latinWords.get(len) ?? []), word]);
      }
    } else if (khmerBudget(term.size) > 0) {
      const cps = [...term.units.join('')];
      const seen = new Set<string>();
      for (let i = 0; i + 1 < cps.length; i++) {
        const bigram = cps[i]! + cps[i + 1]!;
        if (seen.has(bigram)) continue;
        seen.add(bigram);
        khmerByBigram.set(bigram, [...(khmerByBigram.get(bigram) ?? []), term]);
      }
    }
  }
  return { terms, byFirst, latinWords, latinSet, khmerByBigram };
}

/** Khmer words are denser than Latin ones: a typo is allowed from 5 code points on. */
function khmerBudget(size: number): number {
  if (size >= 10) return 2;
  if (size >= 5) return 1;
  return 0;
}

/** Replaces each unknown Latin word by the nearest vocabulary word, when one is near enough. */
export function correctLatin(units: Unit[], vocabulary: Vocabulary): void {
  for (const unit of units) {
    if (unit.script !== 'latin' || vocabulary.latinSet.has(unit.text) || COMMON_WORDS.has(unit.text)) continue;
    if (/[0-9./~_]/.test(unit.text)) continue;
    const len = [...unit.text].length;
    const budget = typoBudget(len);
    if (budget === 0) continue;
    let best: string | undefined;
    let bestScore = Infinity;
    for (let l = len - budget; l <= len + budget; l++) {
      for (const word of vocabulary.latinWords.get(l) ?? []) {
        if (word.length < 3) continue;
        const d = editDistance(unit.text, word, budget);
        if (d > budget) continue;
        // Prefer fewer edits, then the same first letter (people rarely mistype it).
        // Then a swap of letters over a wrong letter ("lcok" is "lock", not "look").
        const anagram = [...word].sort().join('') === [...unit.text].sort().join('');
        const score = d * 2 + (word[0] === unit.text[0] ? 0 : 1) + (anagram ? 0 : 0.5);
        if (score < bestScore) {
          bestScore = score;
          best = word;
        }
      }
    }
    if (best !== undefined) unit.text = best;
  }
}

function exactMentions(units: readonly Unit[], vocabulary: Vocabulary): Mention[] {
  const found: Mention[] = [];
  for (let i = 0; i < units.length; i++) {
    const unit = units[i]!;
    for (const term of vocabulary.byFirst.get(unit.text) ?? []) {
      if (term.script !== unit.script || i + term.units.length > units.length) continue;
      let ok = true;
      for (let k = 1; k < term.units.length && ok; k++) {
        const u = units[i + k]!;
        ok = u.script === term.script && u.text === term.units[k];
      }
      if (!ok) continue;
      const end = i + term.units.length;
      let weight = 1;
      if (term.script === 'latin') {
        const corrected = units.slice(i, end).some((u) => u.text !== u.raw);
        if (corrected) weight = 0.85;
      } else {
        const startsWord = unit.wordStart;
        const endsWord = units[end - 1]!.wordEnd;
        // A one- or two-cluster word that ICU sees inside another word is most likely part of that word.
        if (term.units.length === 1 && !(startsWord && endsWord)) continue;
        if (term.units.length === 2 && !startsWord && !(endsWord && term.size >= 4)) continue;
        if (!startsWord || !endsWord) weight = 0.9;
      }
      found.push({ tags: term.tags, start: i, end, weight, term: term.units.join(term.script === 'latin' ? ' ' : '') });
    }
  }
  return found;
}

/** True when units [start, end) are exactly one word of ICU's dictionary: a real word, not a typo. */
function isOneIcuWord(units: readonly Unit[], start: number, end: number): boolean {
  if (!units[start]!.wordStart || !units[end - 1]!.wordEnd) return false;
  for (let k = start + 1; k < end; k++) if (units[k]!.wordStart) return false;
  return true;
}

/**
 * Khmer words with typos, anywhere in a Khmer stretch: a misspelt long word
 * ("ចំនុចស្តារ") must be able to beat a correct short word inside it ("ស្តារ").
 */
function fuzzyKhmerMentions(units: readonly Unit[], vocabulary: Vocabulary): Mention[] {
  const found: Mention[] = [];
  let i = 0;
  while (i < units.length) {
    if (units[i]!.script !== 'khmer') {
      i++;
      continue;
    }
    let j = i;
    while (j < units.length && units[j]!.script === 'khmer') j++;
    // Stretch [i, j) of Khmer clusters.
    const text: string[] = [];
    const starts: number[] = [];
    const ends = new Set<number>();
    const unitAt = new Map<number, number>();
    for (let k = i; k < j; k++) {
      starts.push(text.length);
      unitAt.set(text.length, k);
      text.push(...units[k]!.text);
      ends.add(text.length);
      unitAt.set(text.length, k + 1);
    }
    // Candidate terms share a bigram with the stretch; remember where, to try only nearby starts.
    const candidates = new Map<Term, number[]>();
    for (let k = 0; k + 1 < text.length; k++) {
      for (const term of vocabulary.khmerByBigram.get(text[k]! + text[k + 1]!) ?? []) {
        const at = candidates.get(term);
        if (at) at.push(k);
        else candidates.set(term, [k]);
      }
    }
    for (const [term, at] of candidates) {
      const pattern = [...term.units.join('')];
      const budget = khmerBudget(term.size);
      // Enough bigrams must survive the typos: each edit breaks at most two.
      if (at.length < pattern.length - 1 - 2 * budget) continue;
      const lo = at[0]! - pattern.length - budget;
      const hi = at[at.length - 1]! + 1;
      const near = starts.filter((p) => p >= lo && p <= hi);
      const hit = findApproximate(text, pattern, near, ends, budget);
      if (!hit || hit.distance === 0) continue;
      const start = unitAt.get(hit.start)!;
      const end = unitAt.get(hit.end)!;
      // ICU knows the span as one word: it is another real word ("ផ្សារ" market, not "ផ្សាយ" broadcast).
      if (term.size < 8 && isOneIcuWord(units, start, end)) continue;
      const weight = hit.distance === 1 ? 0.8 : 0.65;
      found.push({ tags: term.tags, start, end, weight, term: pattern.join('') });
    }
    i = j;
  }
  return found;
}

/** Keeps the best non-overlapping mentions: longest first, then the surest. */
function select(candidates: Mention[], units: readonly Unit[], covered: boolean[]): Mention[] {
  const size = (m: Mention): number => units.slice(m.start, m.end).reduce((n, u) => n + u.text.length, 0);
  const ranked = candidates
    .map((m) => ({ m, size: size(m) }))
    .sort((a, b) => b.size * b.m.weight - a.size * a.m.weight || a.m.start - b.m.start);
  const chosen: Mention[] = [];
  for (const { m } of ranked) {
    let free = true;
    for (let k = m.start; k < m.end && free; k++) free = !covered[k];
    if (!free) continue;
    for (let k = m.start; k < m.end; k++) covered[k] = true;
    chosen.push(m);
  }
  return chosen;
}

/** All lexicon mentions in the sentence, in sentence order. */
export function findMentions(units: Unit[], vocabulary: Vocabulary): Mention[] {
  correctLatin(units, vocabulary);
  const covered = units.map(() => false);
  const candidates = [...exactMentions(units, vocabulary), ...fuzzyKhmerMentions(units, vocabulary)];
  return select(candidates, units, covered).sort((a, b) => a.start - b.start);
}
