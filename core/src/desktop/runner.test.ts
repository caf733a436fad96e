import { describe, expect, it } from 'vitest';
import { createTranslator } from '../i18n/i18n.js';
import { createIntentRouter } from '../intent/router.js';
import { MATCH_TYPE, questionOf, runnerMatches } from './runner.js';

const t = createTranslator({
  locale: 'en',
  messages: { 'runner.ask': 'Ask KOOMPI: {question}', 'runner.command': 'KOOMPI: {command}', 'runner.subtext': 'sub' },
});
const router = createIntentRouter();

describe('runnerMatches', () => {
  it('offers to ask Chat for "ask …" and "សួរ …"', () => {
    const [en] = runnerMatches('ask what is a snapshot', router, t);
    expect(en).toMatchObject({
      id: 'ask:what is a snapshot',
      text: 'Ask KOOMPI: what is a snapshot',
      type: MATCH_TYPE.exact,
    });
    const [km] = runnerMatches('សួរ តើរូបថតប្រព័ន្ធជាអ្វី', router, t);
    expect(km?.id).toBe('ask:តើរូបថតប្រព័ន្ធជាអ្វី');
  });

  it('offers recognised commands in Khmer and English, less surely than an explicit ask', () => {
    const [km] = runnerMatches('ដំឡើង Firefox', router, t);
    expect(km).toMatchObject({ id: 'do:ដំឡើង Firefox', type: MATCH_TYPE.possible });
    expect(km!.relevance).toBeGreaterThan(0);
    expect(km!.relevance).toBeLessThan(1);
    expect(runnerMatches('install gimp', router, t)).toHaveLength(1);
  });

  it('stays out of the way for other queries', () => {
    expect(runnerMatches('firefo', router, t)).toEqual([]);
    expect(runnerMatches('ab', router, t)).toEqual([]);
    expect(runnerMatches('2+2', router, t)).toEqual([]);
  });

  it('maps match ids back to the question, and refuses ids it did not make', () => {
    expect(questionOf('ask:hello')).toBe('hello');
    expect(questionOf('do:ដំឡើង Firefox')).toBe('ដំឡើង Firefox');
    expect(questionOf('rm -rf /')).toBeUndefined();
    expect(questionOf(`ask:${'x'.repeat(600)}`)).toBeUndefined();
  });
});
