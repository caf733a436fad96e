import { describe, expect, it } from 'vitest';
import { heading, list, paragraph } from '../document/model.js';
import { createTemplateOutlineGenerator, outlineToDeck, templateDocument, templateFor } from '../document/templates.js';
import { deckText, deckToHtml } from './html.js';
import { autoLayout, bulletSize, documentToDeck } from './model.js';

describe('slides', () => {
  it('makes a slide per heading with a title slide', () => {
    const deck = documentToDeck({
      title: 't',
      blocks: [heading(1, 'មេរៀនទី១'), paragraph('សេចក្តីផ្តើម'), heading(2, 'ចំណុច'), list(false, ['ក', 'ខ'])],
    });
    expect(deck.slides.map((s) => [s.layout, s.title])).toEqual([
      ['title', 'មេរៀនទី១'],
      ['bullets', 'ចំណុច'],
    ]);
    expect(deck.slides[0]?.subtitle).toBe('សេចក្តីផ្តើម');
  });
  it('auto-layout: two columns past six bullets, continued past twelve, smaller text for more', () => {
    const bullets = Array.from({ length: 15 }, (_, i) => [{ text: `${i}` }]);
    const deck = autoLayout({ title: 't', theme: 'mekong', slides: [{ layout: 'bullets', title: 'x', bullets }] });
    expect(deck.slides.map((s) => [s.layout, s.bullets.length])).toEqual([
      ['two-column', 12],
      ['bullets', 3],
    ]);
    expect(bulletSize(deck.slides[1]!)).toBeGreaterThan(bulletSize(deck.slides[0]!));
  });
  it('writes self-contained HTML with the font embedded and the text escaped', () => {
    const deck = documentToDeck({ title: 'a<b', blocks: [heading(1, 'a<b'), heading(2, 'ស្លាយ'), paragraph('x & y')] });
    const html = deckToHtml(deck, [{ family: 'Noto Sans Khmer', weight: 400, data: new Uint8Array([1, 2, 3]) }]);
    expect(html).toContain('src:url(data:font/ttf;base64,AQID)');
    expect(html).toContain('<h1>a&lt;b</h1>');
    expect(html).toContain('x &amp; y');
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
    expect(deckText(deck)).toContain('ស្លាយ\nx & y');
  });
});

describe('templates and outlines', () => {
  it('has every template in both languages', () => {
    for (const t of ['report', 'letter', 'essay', 'lesson-plan'] as const) {
      const km = templateDocument(t, 'km');
      expect(km.blocks.length).toBeGreaterThan(3);
      expect(JSON.stringify(km)).toMatch(/[\u1780-\u17FF]/u);
      expect(templateDocument(t, 'en').lang).toBe('en-US');
    }
  });
  it('guesses the template from a description and makes slides from the outline offline', async () => {
    expect(templateFor('សរសេរលិខិតទៅនាយកសាលា')).toBe('letter');
    expect(templateFor('lesson on fractions')).toBe('lesson-plan');
    const outline = await createTemplateOutlineGenerator().outline({ description: 'Rice farming', lang: 'en' });
    expect(outline.title).toBe('Rice farming');
    const deck = outlineToDeck(outline);
    expect(deck.slides[0]).toMatchObject({ layout: 'title', title: 'Rice farming' });
    expect(deck.slides).toHaveLength(outline.sections.length + 1);
  });
});
