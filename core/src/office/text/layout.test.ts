import { describe, expect, it } from 'vitest';
import { fakeShaper } from '../test/fake-shaper.js';
import { itemize, layoutParagraph } from './layout.js';
import { words } from '../../text/khmer.js';
import { breakOpportunities, withZeroWidthBreaks } from './segment.js';

describe('Khmer segmentation', () => {
  it('finds word boundaries in text without spaces, never inside a cluster', () => {
    const text = 'ខ្ញុំចង់រៀនភាសាខ្មែរ';
    const breaks = breakOpportunities(text);
    expect(breaks.map((b) => text.slice(0, b))).toContain('ខ្ញុំ');
    for (const b of breaks) expect(text[b]).not.toMatch(/[\u17B6-\u17D3]/u); // no line starts with a vowel sign or coeng
  });
  it('does not start a line with ។ or a space', () => {
    const text = 'សួស្តី។ ពិភពលោក';
    for (const b of breakOpportunities(text)) expect(text[b]).not.toMatch(/[។ ]/u);
  });
  it('counts Khmer words and inserts ZWSP only between Khmer words', () => {
    expect(words('ខ្ញុំចង់រៀន Hello')).toEqual(['ខ្ញុំ', 'ចង់', 'រៀន', 'Hello']);
    expect(withZeroWidthBreaks('ខ្ញុំចង់រៀន Hello')).toBe('ខ្ញុំ\u200Bចង់\u200Bរៀន Hello');
  });
});

describe('layout', () => {
  const shaper = fakeShaper();
  it('gives Khmer letters the Khmer face and Latin letters the Latin face; spaces stay with their run', () => {
    const items = itemize([{ text: 'សួស្តី Hello ពិភពលោក', size: 10 }], shaper);
    expect(items.map((i) => i.face)).toEqual(['khmer', 'latin', 'khmer']);
    const bold = itemize(
      [
        { text: 'ក', size: 10, bold: true },
        { text: 'a', size: 10, italic: true },
      ],
      shaper,
    );
    expect(bold.map((i) => i.face)).toEqual(['khmer-bold', 'latin-italic']);
  });
  it('breaks Khmer at word boundaries to fit the width', () => {
    // 10pt, 5pt per UTF-16 unit: 40pt holds 8 units
    const lines = layoutParagraph([{ text: 'ខ្ញុំចង់រៀនភាសាខ្មែរ', size: 10 }], shaper, { width: 40 });
    const texts = lines.map((l) => l.runs.map((r) => r.text).join(''));
    expect(texts.join('')).toBe('ខ្ញុំចង់រៀនភាសាខ្មែរ');
    expect(texts[0]).toBe('ខ្ញុំចង់');
    for (const l of lines) expect(l.width).toBeLessThanOrEqual(40);
  });
  it('cuts a word wider than the line between grapheme clusters', () => {
    const lines = layoutParagraph([{ text: 'abcdefghij', size: 10 }], shaper, { width: 20 });
    expect(lines.map((l) => l.runs[0]?.text)).toEqual(['abcd', 'efgh', 'ij']);
  });
  it('aligns to the right and centre; an empty paragraph still has a line', () => {
    const [right] = layoutParagraph([{ text: 'ab', size: 10 }], shaper, { width: 100, align: 'right' });
    expect(right?.runs[0]?.x).toBe(90);
    const [center] = layoutParagraph([{ text: 'ab', size: 10 }], shaper, { width: 100, align: 'center' });
    expect(center?.runs[0]?.x).toBe(45);
    expect(layoutParagraph([{ text: '', size: 10 }], shaper, { width: 100 })).toHaveLength(1);
  });
});
