/**
 * Text normalisation shared by the router, its lexicon and the catalog, so a
 * word typed by a person and the same word written in the lexicon compare
 * equal: Unicode NFC, no invisible characters, Latin in lower case, Khmer
 * digits as Latin digits, and the Khmer spellings that look alike on screen
 * folded into one (្ដ and ្ត, ឲ្យ ឱ្យ and អោយ, marks typed in the wrong order).
 */

const INVISIBLE = /[\u200b-\u200f\u2060\ufeff\u00ad]/g;
const KHMER_DIGITS = /[\u17e0-\u17e9]/g;

/** Khmer base characters: consonants and independent vowels. */
export function isKhmerBase(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  return c >= 0x1780 && c <= 0x17b3;
}

const COENG = '\u17d2';
const isVowelSign = (c: number): boolean => c >= 0x17b6 && c <= 0x17c5;
const isShifter = (c: number): boolean => c === 0x17c9 || c === 0x17ca;

/** Puts Khmer marks in the order fonts expect, so look-alike spellings compare equal. */
function reorderKhmer(text: string): string {
  let out = text
    .replace(/\u17d2\u178a/g, '\u17d2\u178f') // subscript ដ and ត look the same
    .replace(/\u17c6\u17bb/g, '\u17bb\u17c6') // ំុ → ុំ
    .replace(/\u17c1\u17b6/g, '\u17c4') // េ + ា → ោ
    .replace(/\u17c1\u17b8/g, '\u17be') // េ + ី → ើ
    .replace(/ឱ្យ|អោយ|អោ្យ|ឲ/g, (m) => (m === 'ឲ' ? 'ឲ' : 'ឲ្យ'));
  // A shifter (៉ ៊) typed after its vowel goes before it.
  const chars = [...out];
  for (let i = 1; i < chars.length; i++) {
    const prev = chars[i - 1]!.codePointAt(0)!;
    const here = chars[i]!.codePointAt(0)!;
    if (isShifter(here) && isVowelSign(prev)) {
      chars[i - 1] = chars[i]!;
      chars[i] = String.fromCodePoint(prev);
    }
  }
  out = chars.join('');
  return out;
}

/**
 * Normalises a sentence or a lexicon entry. Keeps `.`, `/`, `~` and `_` (file
 * names and paths); turns other punctuation, hyphens and Khmer signs of
 * punctuation into spaces; removes apostrophes ("don't" → "dont").
 */
export function normalizeText(text: string): string {
  let s = text.normalize('NFC').replace(INVISIBLE, '');
  s = s.replace(KHMER_DIGITS, (d) => String(d.charCodeAt(0) - 0x17e0));
  s = s.toLowerCase();
  s = reorderKhmer(s);
  s = s.replace(/['’‘`´]/g, '');
  s = s.replace(/[\u17d4-\u17da\u17dc]/g, ' '); // ។ ៕ ៖ ៗ ៘ ៙ ៚ ៜ
  s = s.replace(/[^\p{L}\p{M}\p{N}._/~+#\s]/gu, ' ');
  s = s.replace(/(?<![\p{L}\p{N}])[._+#]+|[._+#]+(?![\p{L}\p{N}])/gu, ' '); // stray dots and signs
  s = s.replace(/([a-z])\1{2,}/g, '$1$1'); // "pleeeease" → "pleease"
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * Splits a run of Khmer letters into orthographic clusters: a base character
 * with its vowel signs, diacritics and subscript consonants (`ស្តា`, `រ`).
 * Clusters are the unit the lexicon is matched in, so a word can never match
 * half of a letter stack ("ថ្ម" never matches inside "ថ្មី").
 */
export function khmerClusters(run: string): string[] {
  const clusters: string[] = [];
  let current = '';
  let prev = '';
  for (const ch of run) {
    if (isKhmerBase(ch) && prev !== COENG && current !== '') {
      clusters.push(current);
      current = '';
    }
    current += ch;
    prev = ch;
  }
  if (current !== '') clusters.push(current);
  return clusters;
}
