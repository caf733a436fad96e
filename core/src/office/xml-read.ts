/**
 * A small XML reader for the files inside ODF and OOXML packages (content.xml,
 * styles.xml, slide XML): elements with their attributes and children, text
 * with entities decoded. Namespaces are kept as written (`text:p`, `a:t`).
 * Not a validating parser: a document that is not well formed throws.
 */
import { decodeEntities } from './document/html.js';

export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: ReadonlyArray<XmlElement | string>;
}

const TOKEN =
  /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<!DOCTYPE[^>]*>|<(\/?)([^\s/>]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;
const ATTR = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** Parses XML text into its root element; throws when the tags do not nest. */
export function parseXml(xml: string): XmlElement {
  const root: { name: string; attrs: Record<string, string>; children: Array<XmlElement | string> } = {
    name: '#document',
    attrs: {},
    children: [],
  };
  const stack: Array<typeof root> = [root];
  let last = 0;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(xml); m; m = TOKEN.exec(xml)) {
    const top = stack[stack.length - 1]!;
    if (m.index > last) top.children.push(decodeEntities(xml.slice(last, m.index)));
    last = TOKEN.lastIndex;
    if (m[1] !== undefined) {
      top.children.push(m[1]);
      continue;
    }
    const name = m[3];
    if (!name) continue;
    if (m[2] === '/') {
      if (top.name !== name) throw new Error(`XML: </${name}> closes <${top.name}>`);
      stack.pop();
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of (m[4] ?? '').matchAll(ATTR)) attrs[a[1] ?? ''] = decodeEntities(a[2] ?? a[3] ?? '');
    const node = { name, attrs, children: [] as Array<XmlElement | string> };
    top.children.push(node);
    if (m[5] !== '/') stack.push(node);
  }
  if (stack.length !== 1) throw new Error(`XML: <${stack[stack.length - 1]!.name}> is never closed`);
  const element = root.children.find((c): c is XmlElement => typeof c !== 'string');
  if (!element) throw new Error('XML: no root element');
  return element;
}

/** The child elements of `node`, optionally only those named `name`. */
export function elements(node: XmlElement, name?: string): XmlElement[] {
  return node.children.filter((c): c is XmlElement => typeof c !== 'string' && (!name || c.name === name));
}

/** The first descendant named `name` (depth first), or undefined. */
export function find(node: XmlElement, name: string): XmlElement | undefined {
  for (const c of elements(node)) {
    if (c.name === name) return c;
    const deeper = find(c, name);
    if (deeper) return deeper;
  }
  return undefined;
}

/** Every descendant named `name`, in document order. */
export function findAll(node: XmlElement, name: string, out: XmlElement[] = []): XmlElement[] {
  for (const c of elements(node)) {
    if (c.name === name) out.push(c);
    findAll(c, name, out);
  }
  return out;
}

/** All the text inside a node. */
export function textOf(node: XmlElement): string {
  return node.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
}
