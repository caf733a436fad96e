/**
 * Edit distances for typo tolerance. Both work on code points, so a Khmer
 * subscript or vowel typed wrong costs one edit, like a Latin letter.
 */

/**
 * Optimal string alignment distance (Levenshtein plus swapping two neighbours,
 * "teh" → "the"), or `max + 1` as soon as the distance is known to exceed `max`.
 */
export function editDistance(a: readonly string[] | string, b: readonly string[] | string, max = Infinity): number {
  const s = typeof a === 'string' ? [...a] : a;
  const t = typeof b === 'string' ? [...b] : b;
  if (Math.abs(s.length - t.length) > max) return max + 1;
  if (s.length === 0) return t.length;
  if (t.length === 0) return s.length;
  let prev2: number[] = [];
  let prev: number[] = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const row: number[] = [i];
    let best = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      row.push(v);
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  const d = prev[t.length]!;
  return d > max ? max + 1 : d;
}

/** How many typos a word of this many letters may carry and still be recognised. */
export function typoBudget(length: number): number {
  if (length >= 9) return 2;
  if (length >= 4) return 1;
  return 0;
}

/**
 * The best approximate occurrence of `pattern` in `text` that starts at one of
 * `starts` and ends at one of `ends` (offsets in code points), with at most
 * `max` edits: `{ start, end, distance }`, or undefined.
 */
export function findApproximate(
  text: readonly string[],
  pattern: readonly string[],
  starts: readonly number[],
  ends: ReadonlySet<number>,
  max: number,
): { start: number; end: number; distance: number } | undefined {
  let found: { start: number; end: number; distance: number } | undefined;
  const m = pattern.length;
  for (const start of starts) {
    const limit = Math.min(text.length, start + m + max);
    // prev[j]: distance between pattern[0..j) and text[start..i)
    let prev2: number[] = [];
    let prev: number[] = Array.from({ length: m + 1 }, (_, j) => j);
    for (let i = start + 1; i <= limit; i++) {
      const row: number[] = [i - start];
      for (let j = 1; j <= m; j++) {
        const cost = text[i - 1] === pattern[j - 1] ? 0 : 1;
        let v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
        if (i - start > 1 && j > 1 && text[i - 1] === pattern[j - 2] && text[i - 2] === pattern[j - 1]) {
          v = Math.min(v, prev2[j - 2]! + 1);
        }
        row.push(v);
      }
      if (Math.min(...row) > max) break; // every alignment from this start is already too far off
      const d = row[m]!;
      if (
        d <= max &&
        ends.has(i) &&
        (!found || d < found.distance || (d === found.distance && i - start > found.end - found.start))
      ) {
        found = { start, end: i, distance: d };
      }
      prev2 = prev;
      prev = row;
    }
  }
  return found;
}
