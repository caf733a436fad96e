/**
 * PPTX → deck: what KOOMPI Present opens and saves (PPTX is its own format;
 * `pptx.ts` writes it). For each slide in the presentation's order: the title
 * (the title placeholder, else the first text box), the subtitle (the
 * subtitle placeholder, or the second box of a title slide), one bullet per
 * paragraph of the other boxes (bold, italic, underline kept), and the
 * speaker notes. A title slide is one with a centred-title or subtitle
 * placeholder, or one drawn on a theme's title background; the theme is the
 * KOOMPI theme whose colours the slides use (Angkor otherwise). Pictures,
 * charts and animations are not read.
 */
import path from 'node:path';
import type JSZipType from 'jszip';
import type { TextRun } from '../document/model.js';
import { normalizeRuns } from '../document/model.js';
import { defaultOf, lazyImport } from '../lazy.js';
import { THEMES, type Deck, type Slide, type ThemeId } from '../slides/model.js';
import { elements, find, findAll, parseXml, textOf, type XmlElement } from '../xml-read.js';

type Zip = InstanceType<typeof JSZipType>;

async function xmlOf(zip: Zip, name: string): Promise<XmlElement | undefined> {
  const f = zip.file(name);
  return f ? parseXml(await f.async('string')) : undefined;
}

/** Relationship id → target path (resolved against the part's folder). */
async function rels(zip: Zip, part: string): Promise<Map<string, { target: string; type: string }>> {
  const dir = path.posix.dirname(part);
  const relsXml = await xmlOf(zip, path.posix.join(dir, '_rels', `${path.posix.basename(part)}.rels`));
  const out = new Map<string, { target: string; type: string }>();
  for (const r of relsXml ? findAll(relsXml, 'Relationship') : []) {
    const target = r.attrs['Target'] ?? '';
    out.set(r.attrs['Id'] ?? '', {
      target: target.startsWith('/') ? target.slice(1) : path.posix.normalize(path.posix.join(dir, target)),
      type: r.attrs['Type'] ?? '',
    });
  }
  return out;
}

function paragraphRuns(p: XmlElement): TextRun[] {
  const runs: TextRun[] = [];
  for (const c of elements(p)) {
    if (c.name === 'a:r' || c.name === 'a:fld') {
      const pr = elements(c, 'a:rPr')[0]?.attrs ?? {};
      const text = elements(c, 'a:t').map(textOf).join('');
      runs.push({
        text,
        ...(pr['b'] === '1' || pr['b'] === 'true' ? { bold: true } : {}),
        ...(pr['i'] === '1' || pr['i'] === 'true' ? { italic: true } : {}),
        ...(pr['u'] && pr['u'] !== 'none' ? { underline: true } : {}),
      });
    } else if (c.name === 'a:br') runs.push({ text: '\n' });
  }
  return normalizeRuns(runs);
}

interface Box {
  readonly placeholder: string | undefined;
  readonly paragraphs: TextRun[][];
}

function boxes(slide: XmlElement): Box[] {
  return findAll(slide, 'p:sp').flatMap((sp) => {
    const body = find(sp, 'p:txBody');
    if (!body) return [];
    const ph = find(sp, 'p:ph');
    const paragraphs = elements(body, 'a:p')
      .map(paragraphRuns)
      .filter((runs) => runs.some((r) => r.text.trim()));
    return [{ placeholder: ph ? (ph.attrs['type'] ?? 'body') : undefined, paragraphs }];
  });
}

const plain = (runs: readonly TextRun[]) => runs.map((r) => r.text).join('');

function background(slide: XmlElement): string | undefined {
  const bg = find(slide, 'p:bg');
  const color = bg ? find(bg, 'a:srgbClr') : undefined;
  return color?.attrs['val'] ? `#${color.attrs['val'].toLowerCase()}` : undefined;
}

/** Throws when the bytes are not a PPTX (not a ZIP, no presentation part, broken XML). */
export async function pptxToDeck(data: Uint8Array, fallbackTitle = ''): Promise<Deck> {
  const JSZip = defaultOf<typeof JSZipType>(await lazyImport('jszip'));
  const zip = await JSZip.loadAsync(data);
  const presentation = await xmlOf(zip, 'ppt/presentation.xml');
  if (!presentation) throw new Error('no ppt/presentation.xml: not a PowerPoint file');
  const presRels = await rels(zip, 'ppt/presentation.xml');
  const ids = findAll(presentation, 'p:sldId').map((s) => s.attrs['r:id'] ?? '');
  const themeIds = Object.keys(THEMES) as ThemeId[];
  let theme: ThemeId | undefined;
  const slides: Slide[] = [];
  for (const id of ids) {
    const part = presRels.get(id)?.target;
    const xml = part ? await xmlOf(zip, part) : undefined;
    if (!xml || !part) continue;
    const found = boxes(xml);
    const bg = background(xml);
    const byBg = themeIds.find((t) => THEMES[t].background === bg || THEMES[t].titleBackground === bg);
    theme ??= byBg;
    const isTitle =
      found.some((b) => b.placeholder === 'ctrTitle' || b.placeholder === 'subTitle') ||
      (bg !== undefined && themeIds.some((t) => THEMES[t].titleBackground === bg));
    const titleBox =
      found.find((b) => b.placeholder === 'title' || b.placeholder === 'ctrTitle') ??
      found.find((b) => b.placeholder === undefined && b.paragraphs.length);
    const rest = found.filter(
      (b) => b !== titleBox && b.placeholder !== 'sldNum' && b.placeholder !== 'dt' && b.placeholder !== 'ftr',
    );
    const title = titleBox ? titleBox.paragraphs.map(plain).join(' ') : '';
    // speaker notes
    let notes: string | undefined;
    for (const rel of (await rels(zip, part)).values()) {
      if (!rel.type.endsWith('/notesSlide')) continue;
      const n = await xmlOf(zip, rel.target);
      const body = n ? boxes(n).find((b) => b.placeholder === 'body') : undefined;
      const text = body?.paragraphs.map(plain).join('\n').trim();
      if (text) notes = text;
    }
    if (isTitle) {
      const sub = rest.find((b) => b.placeholder === 'subTitle') ?? rest[0];
      const subtitle = sub?.paragraphs.map(plain).join(' ');
      slides.push({
        layout: 'title',
        title,
        ...(subtitle ? { subtitle } : {}),
        bullets: [],
        ...(notes ? { notes } : {}),
      });
    } else {
      const bullets = rest.flatMap((b) => b.paragraphs);
      slides.push({
        layout: bullets.length > 6 ? 'two-column' : 'bullets',
        title,
        bullets,
        ...(notes ? { notes } : {}),
      });
    }
  }
  if (!slides.length) throw new Error('no slide in the file');
  const core = await zip.file('docProps/core.xml')?.async('string');
  const docTitle = core ? find(parseXml(core), 'dc:title') : undefined;
  return {
    title: (docTitle && textOf(docTitle).trim()) || slides[0]?.title || fallbackTitle,
    theme: theme ?? 'angkor',
    slides,
  };
}
