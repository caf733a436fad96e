import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Deck } from '../slides/model.js';
import { deckToOutline, openDeckFile, saveDeckFile } from './decks.js';

const DECK: Deck = {
  title: 'ការដាំស្រូវ',
  theme: 'rice-field',
  slides: [
    { layout: 'title', title: 'ការដាំស្រូវ', subtitle: 'មេរៀនទី៣', bullets: [] },
    {
      layout: 'bullets',
      title: 'ដំណាក់កាល',
      bullets: [
        [{ text: 'ភ្ជួររាស់ ' }, { text: 'ដី', bold: true }],
        [{ text: 'សាបព្រួស', italic: true }],
        [{ text: 'ច្រូតកាត់' }],
      ],
      notes: 'សួរសិស្សអំពីខែដែលត្រូវដាំ',
    },
    {
      layout: 'two-column',
      title: 'ពាក្យ',
      bullets: Array.from({ length: 8 }, (_, i) => [{ text: `ពាក្យទី${i + 1}` }]),
    },
  ],
};

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-decks-'));

describe('decks: PPTX (Present’s own format) and the outline', () => {
  it('round-trips a Khmer deck through PPTX: titles, subtitle, points and formatting, notes, theme', async () => {
    const file = path.join(tmp(), 'ស្រូវ.pptx');
    expect((await saveDeckFile(file, DECK)).ok).toBe(true);
    const back = await openDeckFile(file);
    if (!back.ok) throw new Error(JSON.stringify(back.error));
    expect(back.value.format).toBe('pptx');
    expect(back.value.deck).toEqual(DECK);
    // again: open → save → open gives the same
    expect((await saveDeckFile(file, back.value.deck)).ok).toBe(true);
    const again = await openDeckFile(file);
    expect(again.ok && again.value.deck).toEqual(DECK);
  });

  it('writes and reads the outline format', async () => {
    const file = path.join(tmp(), 'ស្រូវ.md');
    expect((await saveDeckFile(file, DECK)).ok).toBe(true);
    expect(fs.readFileSync(file, 'utf8')).toBe(deckToOutline(DECK));
    expect(deckToOutline(DECK).split('\n').slice(0, 7)).toEqual([
      '# ការដាំស្រូវ',
      '',
      'មេរៀនទី៣',
      '',
      '# ដំណាក់កាល',
      '',
      '- ភ្ជួររាស់ **ដី**',
    ]);
    const back = await openDeckFile(file);
    if (!back.ok) throw new Error('open');
    expect(back.value.deck.slides.map((s) => [s.layout, s.title])).toEqual([
      ['title', 'ការដាំស្រូវ'],
      ['bullets', 'ដំណាក់កាល'],
      ['two-column', 'ពាក្យ'],
    ]);
    expect(back.value.deck.slides[0]?.subtitle).toBe('មេរៀនទី៣');
    expect(back.value.deck.slides[1]?.bullets).toEqual(DECK.slides[1]?.bullets);
  });

  it('says why a file cannot be opened', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'bad.pptx'), 'nope');
    const bad = await openDeckFile(path.join(dir, 'bad.pptx'));
    expect(!bad.ok && bad.error.kind).toBe('corrupt');
    const odp = await openDeckFile(path.join(dir, 'a.odp'));
    expect(!odp.ok && odp.error.kind).toBe('unsupported-format');
  });
});
