/**
 * Markdown → document: headings, paragraphs with bold/italic, bullet and
 * numbered lists, tables. Images are kept as their alt text (a Markdown file
 * names image paths relative to itself; reading them is not this parser's job).
 */
import type * as Marked from 'marked';
import { hasKhmer } from '../../text/khmer.js';
import { lazyImport } from '../lazy.js';
import { normalizeRuns, type Block, type OfficeDocument, type TextRun } from './model.js';

type Token = Marked.Token;
interface Style {
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly underline?: boolean;
}

const decode = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

function inline(tokens: readonly Token[] | undefined, style: Style = {}): TextRun[] {
  const out: TextRun[] = [];
  for (const token of tokens ?? []) {
    switch (token.type) {
      case 'strong':
        out.push(...inline(token.tokens, { ...style, bold: true }));
        break;
      case 'em':
        out.push(...inline(token.tokens, { ...style, italic: true }));
        break;
      case 'link':
      case 'del':
        out.push(...inline(token.tokens, style));
        break;
      case 'image':
        out.push({ ...style, text: decode(token.text) });
        break;
      case 'br':
        out.push({ ...style, text: '\n' });
        break;
      case 'codespan':
        out.push({ ...style, text: decode(token.text) });
        break;
      case 'text':
        if ('tokens' in token && token.tokens?.length) out.push(...inline(token.tokens, style));
        else out.push({ ...style, text: decode(token.text) });
        break;
      default:
        if ('text' in token && typeof token.text === 'string') out.push({ ...style, text: decode(token.text) });
    }
  }
  return normalizeRuns(out.map((r) => ({ ...r, text: r.text.replace(/\n(?!$)/g, ' ') })));
}

function blocks(tokens: readonly Token[]): Block[] {
  const out: Block[] = [];
  for (const token of tokens) {
    switch (token.type) {
      case 'heading':
        out.push({
          kind: 'heading',
          level: Math.min(3, Math.max(1, token.depth)) as 1 | 2 | 3,
          runs: inline(token.tokens),
        });
        break;
      case 'paragraph':
        out.push({ kind: 'paragraph', runs: inline(token.tokens) });
        break;
      case 'list':
        out.push({
          kind: 'list',
          ordered: Boolean(token.ordered),
          items: (token.items as Marked.Tokens.ListItem[]).map((item) =>
            inline(
              item.tokens.flatMap((t) =>
                t.type === 'list' ? [] : t.type === 'paragraph' || t.type === 'text' ? (t.tokens ?? [t]) : [t],
              ),
            ),
          ),
        });
        // nested lists become lists of their own after the item list
        for (const item of token.items as Marked.Tokens.ListItem[])
          out.push(...blocks(item.tokens.filter((t) => t.type === 'list')));
        break;
      case 'table': {
        const table = token as Marked.Tokens.Table;
        out.push({
          kind: 'table',
          header: true,
          rows: [
            table.header.map((cell) => inline(cell.tokens)),
            ...table.rows.map((row) => row.map((cell) => inline(cell.tokens))),
          ],
        });
        break;
      }
      case 'blockquote':
        out.push(...blocks(token.tokens ?? []));
        break;
      case 'code':
        out.push({ kind: 'paragraph', runs: [{ text: token.text }] });
        break;
      case 'hr':
        break;
      case 'html':
        if (token.text.trim())
          out.push({ kind: 'paragraph', runs: [{ text: token.text.replace(/<[^>]*>/g, '').trim() }] });
        break;
      default:
        break;
    }
  }
  return out.filter((b) => !(b.kind === 'paragraph' && b.runs.length === 0));
}

/** Parses Markdown into a document; the title is the first heading's text, else `fallbackTitle`. */
export async function markdownToDocument(markdown: string, fallbackTitle = ''): Promise<OfficeDocument> {
  const { lexer } = await lazyImport<typeof Marked>('marked');
  const parsed = blocks(lexer(markdown.replace(/^\uFEFF/, '')));
  const first = parsed.find((b) => b.kind === 'heading');
  const title = first && first.kind === 'heading' ? first.runs.map((r) => r.text).join('') : fallbackTitle;
  return { title, lang: hasKhmer(markdown) ? 'km-KH' : 'en-US', blocks: parsed };
}
