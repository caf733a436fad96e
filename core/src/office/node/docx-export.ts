/**
 * A Write document as DOCX (the `docx` library). Khmer is a complex script in
 * WordprocessingML: its runs take the `w:cs` font, `w:szCs` size and `w:bCs`
 * bold, so every run carries both sets, with Noto Sans Khmer as the complex
 * script font and km-KH as the bidi/complex language.
 */
import type * as Docx from 'docx';
import type { Block, OfficeDocument, TextRun } from '../document/model.js';
import { lazyImport } from '../lazy.js';

const FONT = { ascii: 'Noto Sans', hAnsi: 'Noto Sans', cs: 'Noto Sans Khmer', eastAsia: 'Noto Sans Khmer' };
const BODY_HALF_POINTS = 24;

export async function documentToDocx(doc: OfficeDocument): Promise<Uint8Array> {
  const d = await lazyImport<typeof Docx>('docx');
  const run = (r: TextRun, extra: Partial<Docx.IRunOptions> = {}) =>
    new d.TextRun({
      text: r.text,
      bold: Boolean(r.bold),
      boldComplexScript: Boolean(r.bold),
      italics: Boolean(r.italic),
      italicsComplexScript: Boolean(r.italic),
      ...(r.underline ? { underline: { type: d.UnderlineType.SINGLE } } : {}),
      font: FONT,
      language: { value: doc.lang === 'en-US' ? 'en-US' : 'km-KH', bidirectional: 'km-KH' },
      ...extra,
    });
  const alignment = {
    left: d.AlignmentType.LEFT,
    center: d.AlignmentType.CENTER,
    right: d.AlignmentType.RIGHT,
    justify: d.AlignmentType.JUSTIFIED,
  } as const;
  const headingLevel = {
    1: d.HeadingLevel.HEADING_1,
    2: d.HeadingLevel.HEADING_2,
    3: d.HeadingLevel.HEADING_3,
  } as const;
  let lists = 0;

  const children: Array<Docx.Paragraph | Docx.Table> = [];
  const blockToDocx = (block: Block) => {
    switch (block.kind) {
      case 'heading':
        children.push(new d.Paragraph({ heading: headingLevel[block.level], children: block.runs.map((r) => run(r)) }));
        break;
      case 'paragraph':
        children.push(
          new d.Paragraph({
            children: block.runs.map((r) => run(r)),
            ...(block.align ? { alignment: alignment[block.align] } : {}),
          }),
        );
        break;
      case 'list': {
        const instance = lists++;
        for (const item of block.items) {
          children.push(
            new d.Paragraph({
              children: item.map((r) => run(r)),
              ...(block.ordered
                ? { numbering: { reference: 'koompi-numbered', level: 0, instance } }
                : { bullet: { level: 0 } }),
            }),
          );
        }
        break;
      }
      case 'table': {
        const columns = Math.max(1, ...block.rows.map((r) => r.length));
        children.push(
          new d.Table({
            width: { size: 100, type: d.WidthType.PERCENTAGE },
            rows: block.rows.map(
              (row, r) =>
                new d.TableRow({
                  tableHeader: Boolean(block.header) && r === 0,
                  children: Array.from(
                    { length: columns },
                    (_, c) =>
                      new d.TableCell({
                        width: { size: Math.floor(100 / columns), type: d.WidthType.PERCENTAGE },
                        ...(block.header && r === 0
                          ? { shading: { fill: 'E8EEF7', type: d.ShadingType.CLEAR, color: 'auto' } }
                          : {}),
                        children: [
                          new d.Paragraph({
                            children: (row[c] ?? []).map((cell) =>
                              run(block.header && r === 0 ? { ...cell, bold: true } : cell),
                            ),
                          }),
                        ],
                      }),
                  ),
                }),
            ),
          }),
        );
        break;
      }
      case 'image': {
        const maxWidth = 600; // pixels at 96 dpi: the A4 text width
        const scale = Math.min(1, maxWidth / block.width);
        children.push(
          new d.Paragraph({
            alignment: d.AlignmentType.CENTER,
            children: [
              new d.ImageRun({
                type: block.mime === 'image/png' ? 'png' : 'jpg',
                data: block.data,
                transformation: { width: Math.round(block.width * scale), height: Math.round(block.height * scale) },
                altText: { name: block.alt, description: block.alt, title: block.alt },
              }),
            ],
          }),
        );
        break;
      }
      case 'page-break':
        children.push(new d.Paragraph({ children: [new d.PageBreak()] }));
        break;
    }
  };
  for (const block of doc.blocks) blockToDocx(block);

  const document = new d.Document({
    title: doc.title,
    creator: 'KOOMPI Write',
    styles: {
      default: {
        document: {
          run: { font: FONT, size: BODY_HALF_POINTS, sizeComplexScript: BODY_HALF_POINTS },
          paragraph: { spacing: { line: 300, after: 120 } },
        },
      },
    },
    numbering: {
      config: [
        {
          reference: 'koompi-numbered',
          levels: [{ level: 0, format: d.LevelFormat.DECIMAL, text: '%1.', alignment: d.AlignmentType.START }],
        },
      ],
    },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 } } },
        children,
      },
    ],
  });
  const buffer = await d.Packer.toBuffer(document);
  return new Uint8Array(buffer);
}
