/**
 * ODT → document: what KOOMPI Write opens and saves (see `odt.ts` for the
 * writer). Reads content.xml (and styles.xml for named styles): headings
 * (`text:h` and its outline level), paragraphs with their alignment, bold,
 * italic and underline from span and paragraph styles, bulleted and numbered
 * lists, tables (header rows), embedded PNG/JPEG images, page breaks, and
 * spaces, tabs and line breaks as `text:s`, `text:tab`, `text:line-break`.
 * Frames other than images, notes, tracked changes and fields are left out.
 */
import type JSZipType from 'jszip';
import { hasKhmer } from '../../text/khmer.js';
import { defaultOf, lazyImport } from '../lazy.js';
import { elements, find, parseXml, textOf, type XmlElement } from '../xml-read.js';
import { imageSize } from './html.js';
import { normalizeRuns, type Alignment, type Block, type OfficeDocument, type TextRun } from './model.js';

interface StyleInfo {
  readonly parent?: string;
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly underline?: boolean;
  readonly align?: Alignment;
  readonly breakBefore?: boolean;
  readonly outline?: number;
}

type Format = Pick<TextRun, 'bold' | 'italic' | 'underline'>;

function readStyles(root: XmlElement | undefined, into: Map<string, StyleInfo>, lists: Map<string, boolean>): void {
  if (!root) return;
  for (const group of elements(root)) {
    if (group.name !== 'office:styles' && group.name !== 'office:automatic-styles') continue;
    for (const s of elements(group)) {
      const name = s.attrs['style:name'];
      if (!name) continue;
      if (s.name === 'text:list-style') {
        const first = elements(s)[0];
        lists.set(name, first?.name === 'text:list-level-style-number');
        continue;
      }
      if (s.name !== 'style:style') continue;
      const text = find(s, 'style:text-properties')?.attrs ?? {};
      const para = find(s, 'style:paragraph-properties')?.attrs ?? {};
      const weight = text['fo:font-weight'] ?? text['style:font-weight-complex'];
      const style = text['fo:font-style'] ?? text['style:font-style-complex'];
      const underline = text['style:text-underline-style'];
      const align = para['fo:text-align'];
      // LibreOffice's HTML import leaves the outline level out of "Heading 1": the name says it
      const outline = s.attrs['style:default-outline-level'] ?? /^Heading_20_([1-6])$/.exec(name)?.[1] ?? undefined;
      into.set(name, {
        ...(s.attrs['style:parent-style-name'] ? { parent: s.attrs['style:parent-style-name'] } : {}),
        ...(weight ? { bold: weight === 'bold' || Number(weight) >= 600 } : {}),
        ...(style ? { italic: style === 'italic' || style === 'oblique' } : {}),
        ...(underline ? { underline: underline !== 'none' } : {}),
        ...(align
          ? {
              align:
                align === 'center'
                  ? 'center'
                  : align === 'justify'
                    ? 'justify'
                    : align === 'end' || align === 'right'
                      ? 'right'
                      : 'left',
            }
          : {}),
        ...(para['fo:break-before'] === 'page' ? { breakBefore: true } : {}),
        ...(outline ? { outline: Number(outline) } : {}),
      });
    }
  }
}

export class OdtReader {
  private readonly styles = new Map<string, StyleInfo>();
  private readonly lists = new Map<string, boolean>();
  private readonly pictures: ReadonlyMap<string, Uint8Array>;

  constructor(content: XmlElement, styles: XmlElement | undefined, pictures: ReadonlyMap<string, Uint8Array>) {
    readStyles(styles, this.styles, this.lists);
    readStyles(content, this.styles, this.lists);
    this.pictures = pictures;
  }

  /** A style's property, looked up through its parents. */
  private prop<K extends keyof StyleInfo>(name: string | undefined, key: K): StyleInfo[K] | undefined {
    for (let n = name, depth = 0; n && depth < 20; depth++) {
      const s = this.styles.get(n);
      if (!s) return undefined;
      if (s[key] !== undefined) return s[key];
      n = s.parent;
    }
    return undefined;
  }

  private format(name: string | undefined, inherited: Format): Format {
    const out: { bold?: boolean; italic?: boolean; underline?: boolean } = { ...inherited };
    for (const key of ['bold', 'italic', 'underline'] as const) {
      const v = this.prop(name, key);
      if (v !== undefined) out[key] = v;
    }
    return out;
  }

  private runs(node: XmlElement, format: Format, out: TextRun[] = []): TextRun[] {
    const clean = (f: Format): Format => ({
      ...(f.bold ? { bold: true } : {}),
      ...(f.italic ? { italic: true } : {}),
      ...(f.underline ? { underline: true } : {}),
    });
    for (const c of node.children) {
      if (typeof c === 'string') {
        const text = c.replace(/[\r\n\t ]+/g, ' ');
        if (text) out.push({ text, ...clean(format) });
        continue;
      }
      switch (c.name) {
        case 'text:s':
          out.push({ text: ' '.repeat(Math.max(1, Number(c.attrs['text:c'] ?? 1) || 1)), ...clean(format) });
          break;
        case 'text:tab':
          out.push({ text: '\t', ...clean(format) });
          break;
        case 'text:line-break':
          out.push({ text: '\n', ...clean(format) });
          break;
        case 'text:span':
          this.runs(c, this.format(c.attrs['text:style-name'], format), out);
          break;
        case 'text:a':
        case 'text:meta':
        case 'text:ruby-base':
          this.runs(c, format, out);
          break;
        case 'text:note':
        case 'draw:frame':
        case 'office:annotation':
        case 'text:tracked-changes':
        case 'text:bookmark':
        case 'text:bookmark-start':
        case 'text:bookmark-end':
        case 'text:soft-page-break':
          break;
        default:
          // fields (page numbers, dates, …): their current text
          if (c.name.startsWith('text:')) out.push({ text: textOf(c), ...clean(format) });
      }
    }
    return out;
  }

  private paragraphRuns(node: XmlElement): TextRun[] {
    const runs = normalizeRuns(this.runs(node, this.format(node.attrs['text:style-name'], {})));
    // ODF keeps leading/trailing spaces only as text:s; plain whitespace around is layout
    return runs;
  }

  private images(node: XmlElement, out: Block[]): void {
    for (const frame of elements(node, 'draw:frame')) {
      const image = elements(frame, 'draw:image')[0];
      const href = image?.attrs['xlink:href'];
      const data = href ? this.pictures.get(href) : undefined;
      if (!data) continue;
      const size = imageSize(data);
      if (!size) continue;
      const desc = elements(frame, 'svg:desc')[0];
      const title = elements(frame, 'svg:title')[0];
      const mime = data[0] === 0x89 ? 'image/png' : 'image/jpeg';
      out.push({ kind: 'image', mime, data, ...size, alt: desc ? textOf(desc) : title ? textOf(title) : '' });
    }
    for (const a of elements(node, 'text:a')) this.images(a, out);
    for (const s of elements(node, 'text:span')) this.images(s, out);
  }

  private isOrdered(list: XmlElement, inherited: boolean | undefined): boolean {
    const style = list.attrs['text:style-name'];
    const known = style ? this.lists.get(style) : undefined;
    if (known !== undefined) return known;
    if (inherited !== undefined) return inherited;
    // a paragraph style's list (LibreOffice's "Numbering 123" style)
    return false;
  }

  private list(node: XmlElement, out: Block[], inherited?: boolean): void {
    const ordered = this.isOrdered(node, inherited);
    const items: TextRun[][] = [];
    const nested: XmlElement[] = [];
    for (const item of elements(node)) {
      if (item.name !== 'text:list-item' && item.name !== 'text:list-header') continue;
      for (const c of elements(item)) {
        if (c.name === 'text:p' || c.name === 'text:h') items.push(this.paragraphRuns(c));
        else if (c.name === 'text:list') nested.push(c);
      }
    }
    out.push({ kind: 'list', ordered, items });
    for (const n of nested) this.list(n, out, ordered);
  }

  private table(node: XmlElement, out: Block[]): void {
    const rows: TextRun[][][] = [];
    let headerRows = 0;
    const collect = (n: XmlElement, header: boolean) => {
      for (const c of elements(n)) {
        if (c.name === 'table:table-header-rows') collect(c, true);
        else if (c.name === 'table:table-rows' || c.name === 'table:table-row-group') collect(c, header);
        else if (c.name === 'table:table-row') {
          const cells: TextRun[][] = [];
          for (const cell of elements(c)) {
            if (cell.name === 'table:covered-table-cell') continue;
            if (cell.name !== 'table:table-cell') continue;
            const repeat = Math.min(64, Number(cell.attrs['table:number-columns-repeated'] ?? 1) || 1);
            const runs: TextRun[] = [];
            elements(cell).forEach((p, i) => {
              if (p.name !== 'text:p' && p.name !== 'text:h') return;
              if (i > 0 && runs.length) runs.push({ text: '\n' });
              runs.push(...this.paragraphRuns(p));
            });
            const normal = normalizeRuns(runs);
            for (let k = 0; k < repeat; k++) cells.push(header ? unbold(normal) : normal);
          }
          if (header) headerRows++;
          rows.push(cells);
        }
      }
    };
    collect(node, false);
    // trailing empty cells that LibreOffice repeats to the table's width
    out.push({ kind: 'table', header: headerRows > 0, rows });
  }

  blocks(node: XmlElement, out: Block[] = []): Block[] {
    for (const c of elements(node)) {
      switch (c.name) {
        case 'text:h': {
          if (this.prop(c.attrs['text:style-name'], 'breakBefore')) out.push({ kind: 'page-break' });
          const level = Number(c.attrs['text:outline-level'] ?? this.prop(c.attrs['text:style-name'], 'outline') ?? 1);
          const runs = this.paragraphRuns(c);
          // the heading style's own bold is the style, not emphasis
          out.push({ kind: 'heading', level: Math.min(3, Math.max(1, level || 1)) as 1 | 2 | 3, runs: unbold(runs) });
          break;
        }
        case 'text:p': {
          const style = c.attrs['text:style-name'];
          if (this.prop(style, 'breakBefore')) out.push({ kind: 'page-break' });
          const runs = this.paragraphRuns(c);
          const text = runs.map((r) => r.text).join('');
          // a paragraph in a heading style (LibreOffice writes HTML's <h1> so): a heading
          const outline = this.prop(style, 'outline');
          if (outline && text.trim()) {
            const level = Math.min(3, Math.max(1, outline)) as 1 | 2 | 3;
            out.push({ kind: 'heading', level, runs: unbold(runs) });
            break;
          }
          if (text.trim() || (runs.length && !elements(c, 'draw:frame').length)) {
            const align = this.prop(style, 'align');
            out.push({ kind: 'paragraph', runs, ...(align && align !== 'left' ? { align } : {}) });
          }
          this.images(c, out);
          break;
        }
        case 'text:list':
          this.list(c, out);
          break;
        case 'table:table':
          this.table(c, out);
          break;
        case 'text:section':
        case 'text:index-body':
          this.blocks(c, out);
          break;
        default:
          break;
      }
    }
    return out;
  }
}

function unbold(runs: readonly TextRun[]): TextRun[] {
  if (!runs.length || !runs.every((r) => r.bold)) return [...runs];
  return normalizeRuns(runs.map(({ bold: _bold, ...r }) => r));
}

/** Throws when the bytes are not an ODT (not a ZIP, no content.xml, broken XML). */
export async function odtToDocument(data: Uint8Array, fallbackTitle = ''): Promise<OfficeDocument> {
  const JSZip = defaultOf<typeof JSZipType>(await lazyImport('jszip'));
  const zip = await JSZip.loadAsync(data);
  const contentFile = zip.file('content.xml');
  if (!contentFile) throw new Error('no content.xml: not an OpenDocument file');
  const mimetype = await zip.file('mimetype')?.async('string');
  if (mimetype && !mimetype.startsWith('application/vnd.oasis.opendocument.text'))
    throw new Error(`not a text document (${mimetype})`);
  const content = parseXml(await contentFile.async('string'));
  const stylesText = await zip.file('styles.xml')?.async('string');
  const styles = stylesText ? parseXml(stylesText) : undefined;
  const pictures = new Map<string, Uint8Array>();
  for (const name of Object.keys(zip.files)) {
    if (/^Pictures\/[^/]+\.(png|jpe?g)$/i.test(name)) pictures.set(name, await zip.file(name)!.async('uint8array'));
  }
  const body = find(content, 'office:text');
  if (!body) throw new Error('no office:text: not a text document');
  const blocks = new OdtReader(content, styles, pictures).blocks(body);
  const metaText = await zip.file('meta.xml')?.async('string');
  const metaTitle = metaText ? find(parseXml(metaText), 'dc:title') : undefined;
  const first = blocks.find((b) => b.kind === 'heading');
  const title =
    (metaTitle && textOf(metaTitle).trim()) ||
    (first && first.kind === 'heading' ? first.runs.map((r) => r.text).join('') : '') ||
    fallbackTitle;
  const text = blocks.map((b) => ('runs' in b ? b.runs.map((r) => r.text).join('') : '')).join('');
  return { title, lang: hasKhmer(text) ? 'km-KH' : 'en-US', blocks };
}
