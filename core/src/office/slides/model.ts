/**
 * The slide model of KOOMPI Present, its Cambodian themes, and auto-layout:
 * a slide's layout and text size are chosen from how much it holds.
 */
import type { OfficeDocument, TextRun } from '../document/model.js';
import { runsText } from '../document/model.js';

export type SlideLayout = 'title' | 'bullets' | 'two-column' | 'section';

export interface Slide {
  readonly layout: SlideLayout;
  readonly title: string;
  readonly subtitle?: string;
  /** One entry per bullet point. */
  readonly bullets: ReadonlyArray<readonly TextRun[]>;
  readonly notes?: string;
}

export type ThemeId = 'angkor' | 'mekong' | 'rice-field' | 'silk';

export interface Theme {
  readonly id: ThemeId;
  /** `#rrggbb` */
  readonly background: string;
  readonly titleColor: string;
  readonly textColor: string;
  readonly accent: string;
  /** The title slide's background. */
  readonly titleBackground: string;
  readonly titleSlideText: string;
}

/** Cambodian themes: sandstone and gold of Angkor, the Mekong's blues, rice-field greens, silk purple. */
export const THEMES: Readonly<Record<ThemeId, Theme>> = {
  angkor: {
    id: 'angkor',
    background: '#fbf6ec',
    titleColor: '#7a2e12',
    textColor: '#2b2118',
    accent: '#c8962e',
    titleBackground: '#7a2e12',
    titleSlideText: '#fbf1d8',
  },
  mekong: {
    id: 'mekong',
    background: '#f3f8fb',
    titleColor: '#0b4f6c',
    textColor: '#14212b',
    accent: '#20a4c3',
    titleBackground: '#0b4f6c',
    titleSlideText: '#ffffff',
  },
  'rice-field': {
    id: 'rice-field',
    background: '#f7fbf0',
    titleColor: '#2f6b1f',
    textColor: '#1f2a18',
    accent: '#d4b83c',
    titleBackground: '#2f6b1f',
    titleSlideText: '#fdfbe9',
  },
  silk: {
    id: 'silk',
    background: '#faf6fb',
    titleColor: '#5b2a6e',
    textColor: '#241a29',
    accent: '#c9a227',
    titleBackground: '#5b2a6e',
    titleSlideText: '#fff7e0',
  },
};

export interface Deck {
  readonly title: string;
  readonly theme: ThemeId;
  readonly slides: readonly Slide[];
}

/** Most bullets a one-column slide holds before auto-layout uses two columns. */
const MAX_ONE_COLUMN = 6;
/** Most bullets on one slide; more continue on the next. */
const MAX_PER_SLIDE = 12;

/**
 * Auto-layout: a slide with many bullets gets two columns, and one with more
 * than a slide holds continues on a copy with the same title.
 */
export function autoLayout(deck: Deck): Deck {
  const slides: Slide[] = [];
  for (const slide of deck.slides) {
    if (slide.layout === 'title' || slide.layout === 'section') {
      slides.push(slide);
      continue;
    }
    for (let i = 0; i < Math.max(1, slide.bullets.length); i += MAX_PER_SLIDE) {
      const bullets = slide.bullets.slice(i, i + MAX_PER_SLIDE);
      slides.push({ ...slide, bullets, layout: bullets.length > MAX_ONE_COLUMN ? 'two-column' : 'bullets' });
    }
  }
  return { ...deck, slides };
}

/** Points for bullet text, smaller as a slide holds more text. */
export function bulletSize(slide: Slide): number {
  const chars = slide.bullets.reduce((n, b) => n + runsText(b).length, 0);
  const perColumn = slide.layout === 'two-column' ? Math.ceil(slide.bullets.length / 2) : slide.bullets.length;
  if (perColumn <= 3 && chars < 200) return 24;
  if (perColumn <= 5 && chars < 400) return 20;
  return 16;
}

/**
 * A document as slides: a slide per heading, whose paragraphs and list items
 * become bullets. The first heading (or the document's title) makes the title
 * slide when nothing but a paragraph or two follows it.
 */
export function documentToDeck(doc: OfficeDocument, theme: ThemeId = 'angkor'): Deck {
  const slides: Array<{ layout: SlideLayout; title: string; subtitle?: string; bullets: TextRun[][] }> = [];
  let current: (typeof slides)[number] | undefined;
  for (const block of doc.blocks) {
    switch (block.kind) {
      case 'heading':
        current = { layout: 'bullets', title: runsText(block.runs), bullets: [] };
        slides.push(current);
        break;
      case 'paragraph':
      case 'list': {
        const items = block.kind === 'paragraph' ? [block.runs] : block.items;
        if (!current) {
          current = { layout: 'bullets', title: doc.title, bullets: [] };
          slides.push(current);
        }
        for (const item of items) if (runsText(item).trim()) current.bullets.push([...item]);
        break;
      }
      case 'table':
        if (!current) {
          current = { layout: 'bullets', title: doc.title, bullets: [] };
          slides.push(current);
        }
        for (const row of block.rows) current.bullets.push([{ text: row.map(runsText).join(' — ') }]);
        break;
      default:
        break;
    }
  }
  const first = slides[0];
  if (first && first.bullets.length <= 1 && first.bullets.every((b) => runsText(b).length < 120)) {
    first.layout = 'title';
    const subtitle = first.bullets[0] ? runsText(first.bullets[0]) : undefined;
    first.bullets = [];
    if (subtitle) first.subtitle = subtitle;
  } else slides.unshift({ layout: 'title', title: doc.title, bullets: [] });
  return autoLayout({ title: doc.title || first?.title || '', theme, slides });
}
