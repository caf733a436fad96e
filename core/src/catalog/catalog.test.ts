import { describe, expect, it } from 'vitest';
import { APPS } from './apps.js';
import { createCatalog } from './catalog.js';
import { CATEGORIES } from './categories.js';

describe('catalog data', () => {
  it('has unique app ids and names in both languages', () => {
    const ids = APPS.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const app of APPS) {
      expect(app.name.en && app.name.km && app.summary.en && app.summary.km, app.id).toBeTruthy();
      expect(app.aliases.length, app.id).toBeGreaterThan(0);
    }
  });

  it('names no category that does not exist, and every category proposes a known app', () => {
    const categories = new Set(CATEGORIES.map((c) => c.id));
    for (const app of APPS) for (const c of app.categories) expect(categories.has(c), `${app.id}: ${c}`).toBe(true);
    for (const c of CATEGORIES)
      expect(
        APPS.some((a) => a.id === c.preferred),
        c.id,
      ).toBe(true);
  });

  it('starts every app with an argument array', () => {
    for (const app of APPS) if (app.exec) expect(app.exec.length, app.id).toBeGreaterThan(0);
  });

  it("has KOOMPI's own apps", () => {
    for (const id of ['chat', 'write', 'present', 'calculate', 'classroom']) {
      expect(APPS.find((a) => a.id === id)?.source).toBe('koompi');
    }
  });
});

describe('catalog look-ups', () => {
  const catalog = createCatalog();

  it('finds apps by id, alias and Khmer transliteration', () => {
    expect(catalog.findByName('Firefox')?.id).toBe('firefox');
    expect(catalog.findByName('ហ្វាយហ្វក')?.id).toBe('firefox');
    expect(catalog.findByName('ម៉ាស៊ីនគិតលេខ')?.id).toBe('calculate');
    expect(catalog.findByName('no such app')).toBeUndefined();
  });

  it('searches by kind of app in both languages', () => {
    expect(catalog.search('drawing app')[0]?.app.id).toBe('krita');
    expect(catalog.search('កម្មវិធីគូររូប')[0]?.app.id).toBe('krita');
    expect(catalog.search('browser').map((h) => h.app.id)).toEqual(expect.arrayContaining(['firefox', 'chromium']));
  });

  it('tolerates a typo and finds nothing for nonsense', () => {
    expect(catalog.search('telegarm')[0]?.app.id).toBe('telegram');
    expect(catalog.search('qqqqzzzz')).toEqual([]);
    expect(catalog.search('   ')).toEqual([]);
  });
});
