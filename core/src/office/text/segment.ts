/**
 * Where Khmer (and any other) text may be broken into lines. Khmer writes no
 * spaces between words, so line breaks go at the word boundaries of ICU's
 * dictionary segmenter (`Intl.Segmenter('km', {granularity: 'word'})`), never
 * inside a cluster (ត្រូវ must not be split after ្រ).
 */

const wordSegmenter = new Intl.Segmenter('km', { granularity: 'word' });
const graphemeSegmenter = new Intl.Segmenter('km', { granularity: 'grapheme' });

/** Characters a line must not start with: closing punctuation, Khmer full stops, spaces. */
const NO_BREAK_BEFORE = /^[\s\u200B\u17D4\u17D5\u17D6\u17DA,.;:!?)\]}»”’%…។៕៖]/u;
/** Characters a line must not end with: opening brackets and quotes. */
const NO_BREAK_AFTER = /[([{«“‘]$/u;

/**
 * Offsets (UTF-16 indices, ascending, excluding 0 and `text.length`) where a
 * line may start. Whitespace stays at the end of the previous line.
 */
export function breakOpportunities(text: string): number[] {
  const out: number[] = [];
  let previous = '';
  for (const { index, segment } of wordSegmenter.segment(text)) {
    if (index > 0 && !NO_BREAK_BEFORE.test(segment) && !NO_BREAK_AFTER.test(previous)) out.push(index);
    previous = segment;
  }
  return out;
}

/** Offsets of grapheme cluster starts (excluding 0): the fallback when one word is wider than a line. */
export function graphemeBoundaries(text: string): number[] {
  const out: number[] = [];
  for (const { index } of graphemeSegmenter.segment(text)) if (index > 0) out.push(index);
  return out;
}

/** The words of a text (Khmer words found by the dictionary), for counting and search. */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const s of wordSegmenter.segment(text)) if (s.isWordLike) out.push(s.segment);
  return out;
}

/**
 * The text with U+200B ZERO WIDTH SPACE at each Khmer word boundary, for
 * programs that break lines only at spaces or ZWSP (Word and LibreOffice break
 * Khmer at ZWSP). Existing spaces and ZWSP are left as they are.
 */
export function withZeroWidthBreaks(text: string): string {
  let out = '';
  let last = 0;
  for (const at of breakOpportunities(text)) {
    const before = text[at - 1] ?? '';
    const isKhmer = (c: string) => /[\u1780-\u17FF]/u.test(c);
    out += text.slice(last, at);
    if (isKhmer(before) && isKhmer(text[at] ?? '')) out += '\u200B';
    last = at;
  }
  return out + text.slice(last);
}

export function isKhmer(codePoint: number): boolean {
  return (codePoint >= 0x1780 && codePoint <= 0x17ff) || (codePoint >= 0x19e0 && codePoint <= 0x19ff);
}
