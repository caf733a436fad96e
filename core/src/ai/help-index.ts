/**
 * Search over the help documents (Khmer and English) for how-to questions
 * when the cloud cannot answer. BM25 over words; Khmer, written without
 * spaces, is cut into words with the one Khmer `wordSegmenter`. Pure.
 */
import { wordSegmenter } from '../text/khmer.js';

export interface HelpDocument {
  readonly id: string;
  readonly locale: 'km' | 'en';
  readonly title: string;
  readonly body: string;
}

export interface HelpHit {
  readonly document: HelpDocument;
  readonly score: number;
}

const STOPWORDS = new Set([
  'a',
  'an',
  'the',
  'to',
  'i',
  'my',
  'me',
  'how',
  'do',
  'can',
  'is',
  'it',
  'in',
  'on',
  'of',
  'for',
  'and',
  'or',
  'what',
  'please',
  'pls',
  'you',
  'your',
  'with',
  'this',
  'that',
  'តើ',
  'ខ្ញុំ',
  'យ៉ាងដូចម្តេច',
  'ដូចម្តេច',
  'របៀប',
  'សូម',
  'នៅ',
  'និង',
  'ឬ',
  'ដែល',
  'បាន',
  'ទេ',
  'អ្វី',
  'ជា',
  'ក្នុង',
  'មួយ',
  'ឲ្យ',
  'អោយ',
]);

/** Lower-cased words of `text`, Khmer segmented, stop words dropped. */
export function helpTerms(text: string): string[] {
  const terms: string[] = [];
  for (const { segment, isWordLike } of wordSegmenter.segment(text.normalize('NFC').toLowerCase())) {
    if (isWordLike && !STOPWORDS.has(segment)) terms.push(segment);
  }
  return terms;
}

interface Indexed {
  readonly document: HelpDocument;
  readonly counts: Map<string, number>;
  readonly length: number;
}

export class HelpIndex {
  readonly #docs: Indexed[];
  readonly #df = new Map<string, number>();
  readonly #avgLength: number;

  constructor(documents: readonly HelpDocument[]) {
    this.#docs = documents.map((document) => {
      // The title counts twice: it says what the page is about.
      const terms = helpTerms(`${document.title} ${document.title} ${document.body}`);
      const counts = new Map<string, number>();
      for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
      for (const term of counts.keys()) this.#df.set(term, (this.#df.get(term) ?? 0) + 1);
      return { document, counts, length: terms.length };
    });
    this.#avgLength = this.#docs.reduce((s, d) => s + d.length, 0) / Math.max(1, this.#docs.length);
  }

  /** The best documents for `query`, in `locale` first; empty when nothing shares a word. */
  search(query: string, locale: 'km' | 'en', limit = 3): HelpHit[] {
    const terms = [...new Set(helpTerms(query))];
    const n = this.#docs.length;
    const hits: HelpHit[] = [];
    for (const doc of this.#docs) {
      let score = 0;
      for (const term of terms) {
        const tf = doc.counts.get(term) ?? 0;
        if (tf === 0) continue;
        const df = this.#df.get(term) ?? 0;
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        score += (idf * tf * 2.2) / (tf + 1.2 * (0.25 + 0.75 * (doc.length / this.#avgLength)));
      }
      if (score > 0) hits.push({ document: doc.document, score: doc.document.locale === locale ? score * 1.5 : score });
    }
    return hits.sort((a, b) => b.score - a.score).slice(0, limit);
  }
}
