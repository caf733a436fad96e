// Word error rate: (substitutions + deletions + insertions) / reference words,
// by Levenshtein distance over words. Used by the command-mode test and bench.

/** Edit distance between two word lists. */
export function wordEdits(reference, hypothesis) {
  const r = reference.split(/\s+/).filter(Boolean);
  const h = hypothesis.split(/\s+/).filter(Boolean);
  let previous = Array.from({ length: h.length + 1 }, (_, j) => j);
  for (let i = 1; i <= r.length; i++) {
    const current = [i];
    for (let j = 1; j <= h.length; j++) {
      const cost = r[i - 1] === h[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
    }
    previous = current;
  }
  return { edits: previous[h.length], words: r.length };
}

/** WER over pairs of [reference, hypothesis]: total edits over total reference words. */
export function wordErrorRate(pairs) {
  let edits = 0;
  let words = 0;
  for (const [reference, hypothesis] of pairs) {
    const e = wordEdits(reference, hypothesis);
    edits += e.edits;
    words += e.words;
  }
  return words === 0 ? 0 : edits / words;
}
