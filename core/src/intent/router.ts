/**
 * The offline intent router: a sentence in Khmer, English or both →
 * `{ intent, slots, confidence }`. No network, no model: a lexicon of both
 * languages, the app catalog, Khmer word segmentation (`Intl.Segmenter`) and
 * typo-tolerant matching, scored by readable rules (rules.ts).
 *
 * @example
 * const router = createIntentRouter();
 * router.route('សូមដំឡើង Firefox ផង');
 * // { intent: 'package.install', slots: { app: 'firefox' }, confidence: 0.9 }
 */
import { createCatalog, type Catalog } from '../catalog/catalog.js';
import { wordSegmenter } from '../text/khmer.js';
import { normalizeText } from '../text/normalize.js';
import { gatherEvidence, type Evidence } from './evidence.js';
import { CONCEPTS } from './lexicon.js';
import { buildVocabulary, findMentions, type Vocabulary } from './matcher.js';
import { UNKNOWN_BELOW, scoreIntents, type Scores } from './rules.js';
import { fillSlots } from './slots.js';
import { toUnits } from './tokens.js';
import type { IntentId, IntentResult } from './types.js';

export interface IntentRouter {
  route(text: string): IntentResult;
  /** The route plus what led to it: every intent's score and the words recognised. For debugging and the bench. */
  explain(text: string): IntentExplanation;
}

export interface IntentExplanation {
  readonly result: IntentResult;
  readonly scores: Scores;
  readonly mentions: ReadonlyArray<{
    readonly term: string;
    readonly tags: readonly string[];
    readonly weight: number;
  }>;
  readonly leftover: readonly string[];
}

export interface IntentRouterOptions {
  readonly catalog?: Catalog;
}

function vocabularyEntries(catalog: Catalog): Array<readonly [string, string]> {
  const entries: Array<readonly [string, string]> = [];
  for (const [concept, phrases] of Object.entries(CONCEPTS)) for (const p of phrases) entries.push([concept, p]);
  for (const app of catalog.apps) {
    // Aliases only: ids and display names can be everyday words ("files", "ឯកសារ").
    for (const name of app.aliases) entries.push([`app:${app.id}`, name]);
  }
  for (const category of catalog.categories)
    for (const term of category.terms) entries.push([`cat:${category.id}`, term]);
  return entries;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

function decide(scores: Scores): { intent: IntentId; confidence: number } {
  const ranked = (Object.entries(scores) as Array<[IntentId, number]>).sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  const best = first?.[1] ?? 0;
  if (!first || best < UNKNOWN_BELOW) return { intent: 'unknown', confidence: round2(0.9 - 0.5 * best) };
  const runnerUp = second?.[1] ?? 0;
  // Strong evidence and a clear lead both raise confidence; a close runner-up lowers it.
  const strength = 1 - Math.exp(-best / 1.5);
  const margin = 1 - 0.5 * (runnerUp / best) ** 2;
  return { intent: first[0], confidence: round2(Math.min(1, Math.max(0.05, strength * margin))) };
}

export function createIntentRouter(options: IntentRouterOptions = {}): IntentRouter {
  const catalog = options.catalog ?? createCatalog();
  const vocabulary: Vocabulary = buildVocabulary(vocabularyEntries(catalog));

  function analyse(text: string): { evidence: Evidence; scores: Scores; result: IntentResult } {
    const normal = normalizeText(text);
    const units = toUnits(normal, wordSegmenter);
    const mentions = findMentions(units, vocabulary);
    const evidence = gatherEvidence(units, mentions, text);
    const scores = scoreIntents(evidence);
    const { intent, confidence } = decide(scores);
    const slots = fillSlots(intent, evidence, catalog);
    return { evidence, scores, result: { intent, slots, confidence } };
  }

  return {
    route: (text) => analyse(text).result,
    explain(text) {
      const { evidence, scores, result } = analyse(text);
      return {
        result,
        scores,
        mentions: evidence.mentions.map((m) => ({ term: m.term, tags: m.tags, weight: m.weight })),
        leftover: evidence.leftover.map((i) => evidence.units[i]!.raw),
      };
    },
  };
}
