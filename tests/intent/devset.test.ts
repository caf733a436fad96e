// The dev set and the held-out set: their shape, and the router's accuracy on
// them as a floor that must not drop (the bench prints the figures).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createIntentRouter } from '../../core/src/intent/router.js';
import { INFO_TOPICS, INTENT_IDS } from '../../core/src/intent/types.js';

interface Example {
  text: string;
  lang: 'km' | 'en';
  mixed?: boolean;
  intent: string;
  slots?: Record<string, string>;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const read = (file: string): Example[] =>
  fs
    .readFileSync(path.join(here, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Example);

const dev = read('dev.jsonl');
const heldout = read('heldout.jsonl');
const router = createIntentRouter();

function accuracy(set: readonly Example[]): number {
  const right = set.filter((ex) => {
    const r = router.route(ex.text);
    return (
      r.intent === ex.intent &&
      Object.entries(ex.slots ?? {}).every(([k, v]) => (r.slots as Record<string, unknown>)[k] === v)
    );
  });
  return right.length / set.length;
}

describe('intent dev set', () => {
  it('has at least 300 sentences, half of them or more in Khmer, code-mixed ones included', () => {
    expect(dev.length).toBeGreaterThanOrEqual(300);
    expect(dev.filter((e) => e.lang === 'km').length * 2).toBeGreaterThanOrEqual(dev.length);
    expect(dev.filter((e) => e.mixed).length).toBeGreaterThan(20);
  });

  it('names only real intents and slot values, and covers every intent in both languages', () => {
    for (const ex of [...dev, ...heldout]) {
      expect(INTENT_IDS as readonly string[], ex.text).toContain(ex.intent);
      if (ex.slots?.['topic']) expect(INFO_TOPICS as readonly string[]).toContain(ex.slots['topic']);
      if (ex.slots?.['language']) expect(['km', 'en']).toContain(ex.slots['language']);
    }
    for (const id of INTENT_IDS) {
      expect(
        dev.some((e) => e.intent === id && e.lang === 'en'),
        `${id} en`,
      ).toBe(true);
      expect(
        dev.some((e) => e.intent === id && e.lang === 'km'),
        `${id} km`,
      ).toBe(true);
    }
  });

  it('keeps the held-out sentences out of the dev set', () => {
    const devTexts = new Set(dev.map((e) => e.text));
    expect(heldout.filter((e) => devTexts.has(e.text))).toEqual([]);
  });

  it('routes the dev set at 97% or better in each language', () => {
    expect(accuracy(dev.filter((e) => e.lang === 'km'))).toBeGreaterThanOrEqual(0.97);
    expect(accuracy(dev.filter((e) => e.lang === 'en'))).toBeGreaterThanOrEqual(0.97);
  });

  it('routes the held-out set at 95% or better in each language', () => {
    expect(accuracy(heldout.filter((e) => e.lang === 'km'))).toBeGreaterThanOrEqual(0.95);
    expect(accuracy(heldout.filter((e) => e.lang === 'en'))).toBeGreaterThanOrEqual(0.95);
  });
});
