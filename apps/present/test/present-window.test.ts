// The real Present window, offscreen: slides made from the outline of a Khmer
// description, a point added to a slide, the Mekong theme, PPTX and HTML
// exported with the buttons and read back; the added point found in the
// screenshot of the preview.
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { bestMatch, readInk } from '../../../tests/support/image-match.js';
import { lastJson, offscreenEnv, repoRoot, runNode } from '../../../tests/support/qt-env.js';

const artifacts = path.join(repoRoot, 'artifacts', 'present');
const bin = path.join(repoRoot, 'apps/present/bin/koompi-present.js');
const DESCRIPTION = 'មេរៀនអំពីទឹកស្អាត';
const NEW_POINT = 'លាងដៃមុនពេលញ៉ាំបាយ';
const NOT_ADDED = 'ដាំដើមឈើនៅសាលា';
// the offline outline of a lesson ("មេរៀន"): the lesson-plan template's sections
const SECTIONS = [
  'វត្ថុបំណង',
  'សម្ភារៈឧបទេស',
  'សកម្មភាពរំលឹក (៥ នាទី)',
  'ការបង្រៀន (២០ នាទី)',
  'ការអនុវត្ត (១៥ នាទី)',
  'ការវាយតម្លៃ (៥ នាទី)',
  'កិច្ចការផ្ទះ',
];

interface Driven {
  saved: boolean;
  sampleTitles: string[];
  titles: string[];
  pointsBefore: string;
  deck: { title: string; theme: string; slides: Array<{ title: string; bullets: Array<Array<{ text: string }>> }> };
  theme: string;
  pptxStatus: string;
  htmlStatus: string;
  exports: string[];
  accessibleNames: string[];
}

describe('KOOMPI Present window (offscreen, Khmer)', () => {
  let driven: Driven;
  const exported = (ext: string) => path.join(artifacts, 'exports', `${DESCRIPTION}.${ext}`);

  beforeAll(() => {
    fs.rmSync(artifacts, { recursive: true, force: true });
    fs.mkdirSync(artifacts, { recursive: true });
    const r = runNode(
      [path.join(repoRoot, 'apps/present/test/drive-present.mjs'), artifacts, DESCRIPTION, NEW_POINT, NOT_ADDED],
      offscreenEnv({ LANG: 'km_KH.UTF-8', LC_ALL: '', LANGUAGE: '' }),
      60_000,
    );
    expect(r.status, r.stderr).toBe(0);
    driven = lastJson<Driven>(r.stdout);
  }, 90_000);

  it('makes a title slide and a slide per section of the outline; edits reach the deck', () => {
    expect(driven.sampleTitles).toEqual(['1. បុណ្យចូលឆ្នាំខ្មែរ', '2. អ្វីដែលយើងធ្វើ']);
    expect(driven.titles).toEqual([DESCRIPTION, ...SECTIONS].map((title, i) => `${i + 1}. ${title}`));
    expect(driven.deck.title).toBe(DESCRIPTION);
    expect(driven.deck.theme).toBe('mekong');
    expect(driven.theme).toBe('មេគង្គ');
    expect(driven.deck.slides[1]?.bullets.map((b) => b.map((r) => r.text).join(''))).toEqual([
      driven.pointsBefore,
      NEW_POINT,
    ]);
  });

  it('exports PPTX: one slide each, Khmer text marked km-KH, the added point on slide 2', async () => {
    expect(driven.exports).toEqual([`${DESCRIPTION}.html`, `${DESCRIPTION}.pptx`]);
    expect(driven.pptxStatus).toBe(`បានរក្សាទុក ${exported('pptx')}`);
    const zip = await JSZip.loadAsync(fs.readFileSync(exported('pptx')));
    const slides = Object.keys(zip.files).filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f));
    expect(slides).toHaveLength(1 + SECTIONS.length);
    const text = async (n: number) => (await zip.file(`ppt/slides/slide${n}.xml`)?.async('string')) ?? '';
    expect(await text(1)).toContain(`<a:t>${DESCRIPTION}</a:t>`);
    const second = await text(2);
    expect(second).toContain(`<a:t>${SECTIONS[0]}</a:t>`);
    expect(second).toContain(`<a:t>${NEW_POINT}</a:t>`);
    expect(second).toContain('lang="km-KH"');
    expect(second).toContain('typeface="Noto Sans Khmer"');
  });

  it('exports a self-contained HTML file with every slide and the Khmer font embedded', () => {
    expect(driven.htmlStatus).toBe(`បានរក្សាទុក ${exported('html')}`);
    const html = fs.readFileSync(exported('html'), 'utf8');
    expect(html).toContain('<html lang="km">');
    expect(html.match(/<section class="slide/g)).toHaveLength(1 + SECTIONS.length);
    expect(html).toContain(`<h1>${DESCRIPTION}</h1>`);
    expect(html).toContain(`<li>${NEW_POINT}</li>`);
    expect(html).toMatch(/@font-face\{font-family:'Noto Sans Khmer';font-weight:400;src:url\(data:font\/ttf;base64,/);
    expect(html).not.toMatch(/<(img|link|script)[^>]+(src|href)="https?:/);
  });

  it('shows the added point in the preview, and not a point never added', () => {
    expect(driven.saved).toBe(true);
    const edited = readInk(path.join(artifacts, 'present-edited.png'));
    const sample = readInk(path.join(artifacts, 'present-sample.png'));
    const point = readInk(path.join(artifacts, 'reference-point.png'));
    const other = readInk(path.join(artifacts, 'reference-not-added.png'));
    expect(bestMatch(edited, point).score).toBeGreaterThan(0.5);
    expect(bestMatch(sample, point).score).toBeLessThan(0.2);
    expect(bestMatch(edited, other).score).toBeLessThan(0.2);
  });

  it('names every control in Khmer', () => {
    expect(driven.accessibleNames).toHaveLength(12);
    for (const name of driven.accessibleNames) expect(name).toMatch(/[\u1780-\u17FF]/);
  });
});

describe('koompi-present on the command line', () => {
  it('--screenshot writes a PNG of the main window and exits 0, with no display', () => {
    const out = path.join(artifacts, 'screenshot-cli.png');
    const r = runNode([bin, '--screenshot', out], offscreenEnv({ LANG: 'km_KH.UTF-8' }));
    expect(r.status, r.stderr).toBe(0);
    expect(fs.readFileSync(out).subarray(1, 4).toString()).toBe('PNG');
    expect(readInk(out).width).toBeGreaterThanOrEqual(900);
  });

  it('prints usage for --help (exit 0) and refuses a --screenshot without a file (exit 2)', () => {
    const help = runNode([bin, '--help'], offscreenEnv({ LANG: 'km_KH.UTF-8' }));
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('របៀបប្រើ៖ koompi-present');
    const bad = runNode([bin, '--screenshot'], offscreenEnv({ LANG: 'C' }));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--screenshot needs a file name');
  });
});
