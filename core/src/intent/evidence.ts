/**
 * What a sentence says, as the rules see it: how strongly each concept is
 * present, which catalog apps and kinds of app it names, and which words are
 * left over once every known word is set aside (the name of an app the
 * catalog does not know, a file name, a search query).
 */
import type { Concept } from './lexicon.js';
import type { Mention } from './matcher.js';
import type { Unit } from './tokens.js';

export interface Evidence {
  readonly units: readonly Unit[];
  readonly mentions: readonly Mention[];
  /** The strongest mention of a tag (`install`, `app:firefox`, `topic_disk`), 0 when absent. */
  weight(tag: Concept | string): number;
  /** Mentions whose tags start with `prefix` (`app:`, `cat:`, `folder:`), best first. */
  tagged(prefix: string): Array<{ tag: string; mention: Mention }>;
  /** Unit indices no lexicon entry covers, in order. */
  readonly leftover: readonly number[];
  /** The sentence has a question mark. */
  readonly questionMark: boolean;
  /** The tags of what a negation ("don't", "កុំ") applies to: the next thing said, fillers skipped. */
  readonly negated: ReadonlySet<string>;
  /** A Latin word that looks like a file name or a path (`report.docx`, `~/Documents`). */
  readonly fileToken: string | undefined;
}

const FILE_TOKEN = /^(~|\.{0,2}\/|[^/\s]+\.[A-Za-z0-9]{2,5}$)/;

/** A file name or path as the person typed it (case kept), if the sentence has one. */
function findFileToken(text: string): string | undefined {
  for (const word of text.normalize('NFC').split(/[\s\u200b]+/)) {
    const token = word.replace(/^["'“‘(]+|["'”’),!?។៕:;]+$|\.+$/gu, '');
    // Only Latin file names: Khmer text next to a name is not part of it.
    const latin = token.match(/[~./A-Za-z0-9_+-][~./A-Za-z0-9_+-]*/u)?.[0];
    if (latin && FILE_TOKEN.test(latin) && /[A-Za-z0-9]/.test(latin)) return latin;
  }
  return undefined;
}

export function gatherEvidence(units: readonly Unit[], mentions: readonly Mention[], text: string): Evidence {
  const best = new Map<string, number>();
  for (const m of mentions) {
    for (const tag of m.tags) best.set(tag, Math.max(best.get(tag) ?? 0, m.weight));
  }
  const covered = units.map(() => false);
  for (const m of mentions) for (let k = m.start; k < m.end; k++) covered[k] = true;
  const leftover = units.map((_, i) => i).filter((i) => !covered[i]);
  const fileToken = findFileToken(text);
  const negated = new Set<string>();
  mentions.forEach((m, i) => {
    if (!m.tags.includes('negation')) return;
    let next = mentions[i + 1];
    for (let k = i + 2; next && next.tags.every((t) => t === 'filler') && k <= mentions.length; k++) next = mentions[k];
    // A word nothing recognised comes first ("don't understand"): the negation is not about a command.
    const gap = next ? leftover.some((u) => u >= m.end && u < next!.start) : true;
    if (next && !gap) for (const t of next.tags) negated.add(t);
  });
  return {
    units,
    mentions,
    weight: (tag) => best.get(tag) ?? 0,
    tagged: (prefix) =>
      mentions
        .flatMap((mention) => mention.tags.filter((t) => t.startsWith(prefix)).map((tag) => ({ tag, mention })))
        .sort(
          (a, b) =>
            b.mention.weight - a.mention.weight || b.mention.end - b.mention.start - (a.mention.end - a.mention.start),
        ),
    leftover,
    questionMark: /[?？]/.test(text),
    negated,
    fileToken,
  };
}
