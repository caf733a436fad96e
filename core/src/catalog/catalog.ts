/**
 * Look-ups over the catalog data: an app by id or name, a kind of app, and an
 * offline search that answers `koompi package search` in either language.
 *
 * @example
 * const catalog = createCatalog();
 * catalog.search('កម្មវិធីគូររូប')[0]?.app.id; // "krita"
 */
import { editDistance, typoBudget } from '../text/fuzzy.js';
import { hasKhmer } from '../text/khmer.js';
import { normalizeText } from '../text/normalize.js';
import { APPS } from './apps.js';
import { CATEGORIES } from './categories.js';
import type { CatalogApp, CatalogCategory, CatalogHit } from './types.js';

/** Words that say "an app" and nothing about which one. */
const APP_WORDS = new Set([
  'app',
  'apps',
  'application',
  'applications',
  'program',
  'programs',
  'software',
  'tool',
  'tools',
  'a',
  'an',
  'the',
  'for',
  'to',
  'កម្មវិធី',
  'សម្រាប់',
]);

export interface Catalog {
  readonly apps: readonly CatalogApp[];
  readonly categories: readonly CatalogCategory[];
  get(id: string): CatalogApp | undefined;
  category(id: string): CatalogCategory | undefined;
  /** The app a name or alias stands for, exactly (after normalisation), or undefined. */
  findByName(name: string): CatalogApp | undefined;
  /** Apps that fit a free-text query, best first; empty when nothing fits. */
  search(query: string, limit?: number): CatalogHit[];
}

export function createCatalog(
  apps: readonly CatalogApp[] = APPS,
  categories: readonly CatalogCategory[] = CATEGORIES,
): Catalog {
  const byId = new Map(apps.map((a) => [a.id, a]));
  const categoryById = new Map(categories.map((c) => [c.id, c]));
  const byName = new Map<string, CatalogApp>();
  for (const app of apps) {
    for (const name of [app.id, app.name.en, app.name.km, ...app.aliases]) {
      const key = normalizeText(name).replace(/\s+/g, ' ');
      if (!byName.has(key)) byName.set(key, app);
    }
  }

  const names = (app: CatalogApp): string[] =>
    [app.id, app.name.en, app.name.km, ...app.aliases].map((n) => normalizeText(n));
  const categoryTerms = (app: CatalogApp): string[] =>
    app.categories.flatMap((id) => {
      const c = categoryById.get(id);
      return c
        ? [c.id, normalizeText(c.name.en), normalizeText(c.name.km), ...c.terms.map((t) => normalizeText(t))]
        : [];
    });

  function score(app: CatalogApp, query: string, words: readonly string[]): number {
    let best = 0;
    for (const name of names(app)) {
      if (name === query) best = Math.max(best, 10);
      else if (query.length >= 3 && (name.includes(query) || query.includes(name))) best = Math.max(best, 6);
      else {
        const budget = typoBudget([...query].length);
        if (budget > 0 && editDistance(name, query, budget) <= budget) best = Math.max(best, 5);
      }
    }
    for (const term of categoryTerms(app)) {
      if (term === query)
        best = Math.max(best, 4 + (categoryById.get(app.categories[0] ?? '')?.preferred === app.id ? 0.5 : 0));
      else if (query.length >= 3 && (term.includes(query) || query.includes(term))) best = Math.max(best, 3);
    }
    const text = `${normalizeText(app.summary.en)} ${normalizeText(app.summary.km)}`;
    const overlap = words.filter((w) => w.length >= 3 && text.includes(w)).length;
    return best + overlap * 0.5;
  }

  return {
    apps,
    categories,
    get: (id) => byId.get(id),
    category: (id) => categoryById.get(id),
    findByName: (name) => byName.get(normalizeText(name).replace(/\s+/g, ' ')),
    search(query, limit = 10) {
      const words = normalizeText(query)
        .split(' ')
        .filter((w) => w !== '' && !APP_WORDS.has(w));
      let q = words.join(' ');
      for (const w of APP_WORDS) if (hasKhmer(w)) q = q.replaceAll(w, '');
      q = q.trim();
      if (q === '') return [];
      return apps
        .map((app) => ({ app, score: score(app, q, words) }))
        .filter((hit) => hit.score >= 1)
        .sort((a, b) => b.score - a.score || a.app.id.localeCompare(b.app.id))
        .slice(0, limit);
    },
  };
}
