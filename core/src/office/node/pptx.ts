/**
 * A deck as PPTX through pptxgenjs: every text box in km-KH with line spacing
 * 1.3 (stacked Khmer vowels and subscripts need room), Noto Sans Khmer.
 */
import type PptxGenJSModule from 'pptxgenjs';

type Pptx = InstanceType<typeof PptxGenJSModule.default>;
type TextProps = Parameters<ReturnType<Pptx['addSlide']>['addText']>[0];
import { defaultOf, lazyImport } from '../lazy.js';
import { bulletSize, THEMES, type Deck } from '../slides/model.js';

const FONT = 'Noto Sans Khmer';
const LINE = 1.3;
const hex = (c: string) => c.replace('#', '').toUpperCase();

export async function deckToPptx(deck: Deck): Promise<Uint8Array> {
  const PptxGenJS = defaultOf<new () => Pptx>(await lazyImport('pptxgenjs'));
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_16x9';
  pptx.title = deck.title;
  pptx.author = 'KOOMPI Present';
  const theme = THEMES[deck.theme];
  const common = { fontFace: FONT, lang: 'km-KH', lineSpacingMultiple: LINE } as const;
  for (const slide of deck.slides) {
    const s = pptx.addSlide();
    if (slide.layout === 'title' || slide.layout === 'section') {
      s.background = { color: hex(theme.titleBackground) };
      s.addText(slide.title, {
        ...common,
        x: 0.5,
        y: 1.4,
        w: 9,
        h: 1.6,
        fontSize: 40,
        bold: true,
        color: hex(theme.titleSlideText),
        align: 'center',
        valign: 'middle',
      });
      if (slide.subtitle)
        s.addText(slide.subtitle, {
          ...common,
          x: 0.5,
          y: 3.1,
          w: 9,
          h: 1,
          fontSize: 22,
          color: hex(theme.accent),
          align: 'center',
        });
    } else {
      s.background = { color: hex(theme.background) };
      s.addText(slide.title, {
        ...common,
        x: 0.5,
        y: 0.25,
        w: 9,
        h: 0.9,
        fontSize: 30,
        bold: true,
        color: hex(theme.titleColor),
        valign: 'middle',
      });
      s.addShape(pptx.ShapeType.rect, {
        x: 0.5,
        y: 1.15,
        w: 9,
        h: 0.06,
        fill: { color: hex(theme.accent) },
        line: { color: hex(theme.accent) },
      });
      const size = bulletSize(slide);
      const columns = slide.layout === 'two-column' ? 2 : 1;
      const per = Math.ceil(slide.bullets.length / columns);
      for (let c = 0; c < columns; c++) {
        const items = slide.bullets.slice(c * per, (c + 1) * per);
        if (items.length === 0) continue;
        const paragraphs: Extract<TextProps, unknown[]> = [];
        items.forEach((runs, i) => {
          runs.forEach((run, r) => {
            paragraphs.push({
              text: run.text,
              options: {
                ...common,
                bold: Boolean(run.bold),
                italic: Boolean(run.italic),
                ...(run.underline ? { underline: { style: 'sng' } } : {}),
                ...(r === 0 ? { bullet: { code: '2022' }, paraSpaceAfter: 6 } : {}),
                ...(r === runs.length - 1 && i < items.length - 1 ? { breakLine: true } : {}),
              },
            });
          });
        });
        s.addText(paragraphs, {
          ...common,
          x: 0.5 + c * 4.6,
          y: 1.35,
          w: columns === 2 ? 4.4 : 9,
          h: 3.9,
          fontSize: size,
          color: hex(theme.textColor),
          valign: 'top',
        });
      }
      if (slide.notes) s.addNotes(slide.notes);
    }
  }
  const out = (await pptx.write({ outputType: 'uint8array' })) as Uint8Array;
  return out;
}
