/**
 * A small reader of the HTML that mammoth (DOCX import) and Qt's rich-text
 * editor (`QTextEdit.toHtml()`) produce: headings, paragraphs, bold/italic/
 * underline (as tags or as Qt's inline `font-weight`/`font-style` styles),
 * lists, tables and data-URI images. It is not a general HTML parser.
 *
 * Qt's editor in NodeGui cannot mark a block as a heading, so KOOMPI Write
 * types a heading style as a point size; `headingSizes` turns a paragraph whose
 * text is all in one of those sizes back into that heading.
 */
import { hasKhmer } from '../../text/khmer.js';
import { normalizeRuns, type Alignment, type Block, type OfficeDocument, type TextRun } from './model.js';

interface Node {
  readonly tag: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: Array<Node | string>;
}

const VOID = new Set(['br', 'img', 'meta', 'hr', 'link', 'input', 'col']);
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(cp) && cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

function parse(html: string): Node {
  const root: Node = { tag: 'root', attrs: {}, children: [] };
  const stack: Node[] = [root];
  const re =
    /<!--[\s\S]*?-->|<!DOCTYPE[^>]*>|<\/?([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>/g;
  let last = 0;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    const top = stack[stack.length - 1]!;
    if (m.index > last) top.children.push(decodeEntities(html.slice(last, m.index)));
    last = re.lastIndex;
    const tag = m[1]?.toLowerCase();
    if (!tag) continue;
    if (m[0].startsWith('</')) {
      const at = stack.map((n) => n.tag).lastIndexOf(tag);
      if (at > 0) stack.length = at;
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of (m[2] ?? '').matchAll(/([^\s=>/]+)(?:\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
      attrs[(a[1] ?? '').toLowerCase()] = decodeEntities(a[3] ?? a[4] ?? a[5] ?? '');
    }
    const node: Node = { tag, attrs, children: [] };
    top.children.push(node);
    if (!VOID.has(tag) && !m[0].endsWith('/>')) stack.push(node);
  }
  if (last < html.length) stack[stack.length - 1]!.children.push(decodeEntities(html.slice(last)));
  return root;
}

interface Style {
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
}

function styleOf(node: Node, inherited: Style): Style {
  const s: Style = { ...inherited };
  if (node.tag === 'b' || node.tag === 'strong' || node.tag === 'th') s.bold = true;
  if (node.tag === 'i' || node.tag === 'em') s.italic = true;
  if (node.tag === 'u') s.underline = true;
  const css = node.attrs['style'] ?? '';
  const weight = /font-weight\s*:\s*(\w+)/i.exec(css)?.[1];
  if (weight) s.bold = weight === 'bold' || Number(weight) >= 600;
  if (/font-style\s*:\s*italic/i.test(css)) s.italic = true;
  if (/text-decoration\s*:[^;]*underline/i.test(css)) s.underline = true;
  return s;
}

function runsOf(node: Node, style: Style = {}): TextRun[] {
  const out: TextRun[] = [];
  for (const child of node.children) {
    if (typeof child === 'string') {
      const text = child.replace(/[ \t\r\n]+/g, ' ');
      if (text) out.push({ text, ...style });
    } else if (child.tag === 'br') out.push({ text: '\n', ...style });
    else if (child.tag === 'img') out.push({ text: child.attrs['alt'] ?? '', ...style });
    else if (!['ul', 'ol', 'table', 'style', 'script', 'head', 'title'].includes(child.tag))
      out.push(...runsOf(child, styleOf(child, style)));
  }
  return out;
}

function trimRuns(runs: TextRun[]): TextRun[] {
  const out = normalizeRuns(runs).map((r) => ({ ...r }));
  if (out[0]) out[0] = { ...out[0], text: out[0].text.replace(/^\s+/, '') };
  const n = out.length - 1;
  if (out[n]) out[n] = { ...out[n]!, text: out[n]!.text.replace(/\s+$/, '') };
  return normalizeRuns(out);
}

function alignOf(node: Node): Alignment | undefined {
  const a = (node.attrs['align'] ?? /text-align\s*:\s*(\w+)/i.exec(node.attrs['style'] ?? '')?.[1] ?? '').toLowerCase();
  return a === 'center' || a === 'right' || a === 'justify' ? a : undefined;
}

function imageBlock(node: Node): Block | undefined {
  const m = /^data:(image\/(?:png|jpeg));base64,(.*)$/s.exec(node.attrs['src'] ?? '');
  if (!m) return undefined;
  const data = Uint8Array.from(atob(m[2] ?? ''), (c) => c.charCodeAt(0));
  const size = imageSize(data);
  if (!size) return undefined;
  return { kind: 'image', mime: m[1] as 'image/png' | 'image/jpeg', data, ...size, alt: node.attrs['alt'] ?? '' };
}

/** The pixel size of a PNG or JPEG, from its header. */
export function imageSize(data: Uint8Array): { width: number; height: number } | undefined {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (data.length > 24 && data[0] === 0x89 && data[1] === 0x50)
    return { width: view.getUint32(16), height: view.getUint32(20) };
  if (data[0] === 0xff && data[1] === 0xd8) {
    let i = 2;
    while (i + 9 < data.length) {
      if (data[i] !== 0xff) return undefined;
      const marker = data[i + 1] ?? 0;
      const length = view.getUint16(i + 2);
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { height: view.getUint16(i + 5), width: view.getUint16(i + 7) };
      }
      i += 2 + length;
    }
  }
  return undefined;
}

export interface HtmlImportOptions {
  /** Point size → heading level: a paragraph whose text is all in that size is that heading. */
  readonly headingSizes?: Readonly<Record<number, 1 | 2 | 3>>;
}

function sizeOf(node: Node, inherited: number | undefined): number | undefined {
  const m = /font-size\s*:\s*([\d.]+)pt/i.exec(node.attrs['style'] ?? '');
  return m ? Number(m[1]) : inherited;
}

/** The one point size all the text of a node is in, or undefined (mixed, or never said). */
function uniformSize(node: Node, inherited: number | undefined): number | undefined | 'mixed' {
  let found: number | undefined | 'mixed';
  let seen = false;
  const visit = (n: Node, size: number | undefined) => {
    for (const child of n.children) {
      if (typeof child === 'string') {
        if (!child.trim()) continue;
        if (seen && found !== size) found = 'mixed';
        else if (!seen) found = size;
        seen = true;
      } else visit(child, sizeOf(child, size));
    }
  };
  visit(node, sizeOf(node, inherited));
  return found;
}

function headingLevelOf(node: Node, options: HtmlImportOptions): 1 | 2 | 3 | undefined {
  if (!options.headingSizes) return undefined;
  const size = uniformSize(node, undefined);
  return typeof size === 'number' ? options.headingSizes[size] : undefined;
}

function walk(node: Node, out: Block[], options: HtmlImportOptions = {}): void {
  for (const child of node.children) {
    if (typeof child === 'string') {
      if (child.trim()) out.push({ kind: 'paragraph', runs: trimRuns([{ text: child }]) });
      continue;
    }
    const heading = /^h([1-6])$/.exec(child.tag);
    if (heading) {
      out.push({
        kind: 'heading',
        level: Math.min(3, Number(heading[1])) as 1 | 2 | 3,
        runs: trimRuns(runsOf(child, styleOf(child, {}))),
      });
      continue;
    }
    switch (child.tag) {
      case 'p': {
        const images = child.children.filter((c): c is Node => typeof c !== 'string' && c.tag === 'img');
        // an image's alt text is the image's, not a paragraph of its own
        const textNode = images.length
          ? { ...child, children: child.children.filter((c) => !images.includes(c as Node)) }
          : child;
        const runs = trimRuns(runsOf(textNode, styleOf(child, {})).filter((r) => images.length === 0 || r.text.trim()));
        const level = images.length === 0 && runs.length ? headingLevelOf(child, options) : undefined;
        if (level) {
          // the heading style is bold already: a bold that covers all of it is the style's, not emphasis
          const plain = runs.every((r) => r.bold) ? normalizeRuns(runs.map(({ bold: _bold, ...r }) => r)) : runs;
          out.push({ kind: 'heading', level, runs: plain });
          break;
        }
        const align = alignOf(child);
        if (runs.length) out.push({ kind: 'paragraph', runs, ...(align ? { align } : {}) });
        for (const img of images) {
          const block = imageBlock(img);
          if (block) out.push(block);
        }
        break;
      }
      case 'img': {
        const block = imageBlock(child);
        if (block) out.push(block);
        break;
      }
      case 'ul':
      case 'ol': {
        const items = child.children.filter((c): c is Node => typeof c !== 'string' && c.tag === 'li');
        out.push({ kind: 'list', ordered: child.tag === 'ol', items: items.map((li) => trimRuns(runsOf(li))) });
        for (const li of items)
          for (const sub of li.children)
            if (typeof sub !== 'string' && (sub.tag === 'ul' || sub.tag === 'ol'))
              walk({ ...li, children: [sub] }, out, options);
        break;
      }
      case 'table': {
        const rows: Node[] = [];
        const collect = (n: Node) => {
          for (const c of n.children) {
            if (typeof c === 'string') continue;
            if (c.tag === 'tr') rows.push(c);
            else collect(c);
          }
        };
        collect(child);
        const cells = rows.map((tr) =>
          tr.children.filter((c): c is Node => typeof c !== 'string' && (c.tag === 'td' || c.tag === 'th')),
        );
        const header =
          (cells[0] ?? []).some((c) => c.tag === 'th') ||
          (rows[0] !== undefined && child.children.some((c) => typeof c !== 'string' && c.tag === 'thead'));
        out.push({
          kind: 'table',
          header,
          // a header cell is bold by its style: bold over all of it is not emphasis (mammoth also puts
          // the rows after a DOCX header row in <thead> as <th>, so th alone does not make text bold)
          rows: cells.map((row, r) =>
            row.map((cell) => {
              const runs = trimRuns(runsOf(cell, styleOf({ ...cell, tag: 'td' }, {})));
              return header && r === 0 && runs.length && runs.every((x) => x.bold)
                ? normalizeRuns(runs.map(({ bold: _bold, ...x }) => x))
                : runs;
            }),
          ),
        });
        break;
      }
      case 'style':
      case 'script':
      case 'head':
      case 'title':
        break;
      default:
        walk(child, out, options);
    }
  }
}

/** Reads simple HTML into a document. */
export function htmlToDocument(html: string, title = '', options: HtmlImportOptions = {}): OfficeDocument {
  const blocks: Block[] = [];
  walk(parse(html), blocks, options);
  const text = blocks.map((b) => ('runs' in b ? b.runs.map((r) => r.text).join('') : '')).join('');
  return { title, lang: hasKhmer(text) ? 'km-KH' : 'en-US', blocks };
}
