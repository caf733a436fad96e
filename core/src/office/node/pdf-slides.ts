/** A deck as PDF: one 16:9 page per slide, drawn with HarfBuzz-shaped text like the document PDF. */
import { bulletSize, THEMES, type Deck } from '../slides/model.js';
import type { StyledSpan } from '../text/layout.js';
import type { HarfBuzzShaper } from './harfbuzz.js';
import { PdfComposer, SLIDE_16_9 } from './pdf-writer.js';

export async function deckToPdf(deck: Deck, shaper: HarfBuzzShaper): Promise<Uint8Array> {
  const pdf = await PdfComposer.create(shaper, { title: deck.title, lang: 'km-KH', page: SLIDE_16_9, margin: 0 });
  const theme = THEMES[deck.theme];
  const { width, height } = SLIDE_16_9;
  const pad = 36;
  deck.slides.forEach((slide, i) => {
    if (i > 0) pdf.newPage();
    const doc = pdf.doc;
    if (slide.layout === 'title' || slide.layout === 'section') {
      doc.rect(0, 0, width, height).fill(theme.titleBackground);
      const title = pdf.layout([{ text: slide.title, size: 32, bold: true, color: theme.titleSlideText }], {
        width: width - 2 * pad,
        align: 'center',
        lineSpacing: 1.1,
      });
      const sub = slide.subtitle
        ? pdf.layout([{ text: slide.subtitle, size: 18, color: theme.accent }], {
            width: width - 2 * pad,
            align: 'center',
          })
        : [];
      const total = [...title, ...sub].reduce((h, l) => h + l.height, 0) + (sub.length ? 12 : 0);
      let y = (height - total) / 2;
      y += pdf.drawLines(title, pad, y) + (sub.length ? 12 : 0);
      pdf.drawLines(sub, pad, y);
      return;
    }
    doc.rect(0, 0, width, height).fill(theme.background);
    const title = pdf.layout([{ text: slide.title, size: 24, bold: true, color: theme.titleColor }], {
      width: width - 2 * pad,
    });
    let y = 22 + pdf.drawLines(title, pad, 22);
    doc.rect(pad, y + 4, width - 2 * pad, 3).fill(theme.accent);
    y += 18;
    const size = Math.round(bulletSize(slide) * 0.75);
    const columns = slide.layout === 'two-column' ? 2 : 1;
    const per = Math.ceil(slide.bullets.length / columns);
    const colWidth = (width - 2 * pad - (columns - 1) * 24) / columns;
    for (let c = 0; c < columns; c++) {
      let cy = y;
      for (const bullet of slide.bullets.slice(c * per, (c + 1) * per)) {
        const spans: StyledSpan[] = bullet.map((r) => ({ ...r, size, color: theme.textColor }));
        const lines = pdf.layout(spans, { width: colWidth - 18, lineSpacing: 1.1 });
        const marker = pdf.layout([{ text: '•', size, color: theme.accent }], { width: 18 });
        if (marker[0] && lines[0])
          pdf.drawLine({ ...marker[0], ascent: lines[0].ascent }, pad + c * (colWidth + 24), cy);
        cy += pdf.drawLines(lines, pad + c * (colWidth + 24) + 18, cy) + size * 0.4;
      }
    }
  });
  return pdf.finish();
}
