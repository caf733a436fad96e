/**
 * What KOOMPI offers in KRunner (Alt+Space on Plasma): "ask …" / "សួរ …" sends
 * a question to Chat, and a recognised command (in Khmer or English) is offered
 * as "KOOMPI: …" and handed to Chat, where the person confirms it. Pure.
 */
import type { Translator } from '../i18n/i18n.js';
import type { IntentRouter } from '../intent/router.js';
import { words } from '../text/khmer.js';

/** KRunner's QueryMatch types. */
export const MATCH_TYPE = { possible: 30, informational: 50, exact: 100 } as const;

export interface RunnerMatch {
  /** Passed back to Run: "ask:<text>" or "do:<text>". */
  readonly id: string;
  readonly text: string;
  readonly subtext: string;
  readonly icon: string;
  readonly type: number;
  readonly relevance: number;
}

const ASK_PREFIX = /^(?:ask|សួរ|koompi)[\s:：]+(.+)$/iu;
const MAX_QUERY = 500;
export const RUNNER_ICON = 'org.koompi.Chat';

export function runnerMatches(query: string, router: IntentRouter, t: Translator): RunnerMatch[] {
  const text = query.trim().slice(0, MAX_QUERY);
  if (text.length < 3) return [];
  const asked = ASK_PREFIX.exec(text)?.[1]?.trim();
  if (asked) {
    return [
      {
        id: `ask:${asked}`,
        text: t('runner.ask', { question: asked }),
        subtext: t('runner.subtext'),
        icon: RUNNER_ICON,
        type: MATCH_TYPE.exact,
        relevance: 1,
      },
    ];
  }
  // A single word ("firefox") is KRunner's own app search; KOOMPI offers commands.
  if (words(text).length < 2) return [];
  const routed = router.route(text);
  if (routed.intent === 'unknown' || routed.intent === 'help' || routed.confidence < 0.6) return [];
  return [
    {
      id: `do:${text}`,
      text: t('runner.command', { command: text }),
      subtext: t('runner.subtext'),
      icon: RUNNER_ICON,
      type: MATCH_TYPE.possible,
      relevance: Math.round(routed.confidence * 80) / 100,
    },
  ];
}

/** The text to hand to Chat for a match id, or undefined for an id KOOMPI did not make. */
export function questionOf(matchId: string): string | undefined {
  const match = /^(?:ask|do):([\s\S]{1,500})$/.exec(matchId);
  return match?.[1];
}
