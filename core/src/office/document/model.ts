/**
 * The document model of KOOMPI Write: what every document exporter reads and
 * every importer produces. Pure data (JSON-serialisable), no behaviour.
 *
 * @example
 * const doc: OfficeDocument = {
 *   title: 'របាយការណ៍',
 *   blocks: [heading(1, 'របាយការណ៍ប្រចាំខែ'), paragraph('សួស្តី ', { text: 'ពិភពលោក', bold: true })],
 * };
 */

/** A stretch of text with one formatting. */
export interface TextRun {
  readonly text: string;
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly underline?: boolean;
}

export type Alignment = 'left' | 'center' | 'right' | 'justify';

export interface HeadingBlock {
  readonly kind: 'heading';
  /** 1 is the largest. */
  readonly level: 1 | 2 | 3;
  readonly runs: readonly TextRun[];
}

export interface ParagraphBlock {
  readonly kind: 'paragraph';
  readonly runs: readonly TextRun[];
  readonly align?: Alignment;
}

export interface ListBlock {
  readonly kind: 'list';
  readonly ordered: boolean;
  /** Each item is one line of runs. */
  readonly items: ReadonlyArray<readonly TextRun[]>;
}

export interface TableBlock {
  readonly kind: 'table';
  /** Rows of cells; the first row is the header when `header` is true. */
  readonly rows: ReadonlyArray<ReadonlyArray<readonly TextRun[]>>;
  readonly header?: boolean;
}

export interface ImageBlock {
  readonly kind: 'image';
  readonly mime: 'image/png' | 'image/jpeg';
  readonly data: Uint8Array;
  /** Natural size in pixels; exporters scale to the page width when needed. */
  readonly width: number;
  readonly height: number;
  readonly alt: string;
}

export interface PageBreakBlock {
  readonly kind: 'page-break';
}

export type Block = HeadingBlock | ParagraphBlock | ListBlock | TableBlock | ImageBlock | PageBreakBlock;

export interface OfficeDocument {
  readonly title: string;
  /** BCP 47 language of most of the text; Khmer by default. */
  readonly lang?: 'km-KH' | 'en-US';
  readonly blocks: readonly Block[];
}

type RunInput = string | TextRun;

function runs(parts: readonly RunInput[]): TextRun[] {
  return parts.map((p) => (typeof p === 'string' ? { text: p } : p));
}

export function heading(level: 1 | 2 | 3, ...parts: RunInput[]): HeadingBlock {
  return { kind: 'heading', level, runs: runs(parts) };
}

export function paragraph(...parts: RunInput[]): ParagraphBlock {
  return { kind: 'paragraph', runs: runs(parts) };
}

export function list(ordered: boolean, items: readonly RunInput[]): ListBlock {
  return { kind: 'list', ordered, items: items.map((i) => runs([i])) };
}

export function table(rows: ReadonlyArray<readonly string[]>, header = true): TableBlock {
  return { kind: 'table', header, rows: rows.map((r) => r.map((c) => [{ text: c }])) };
}

/** The text of some runs, without formatting. */
export function runsText(parts: readonly TextRun[]): string {
  return parts.map((r) => r.text).join('');
}

/** The document as plain text, one block per line (tables tab-separated): what search and tests compare. */
export function documentText(doc: OfficeDocument): string {
  const lines: string[] = [];
  for (const block of doc.blocks) {
    switch (block.kind) {
      case 'heading':
      case 'paragraph':
        lines.push(runsText(block.runs));
        break;
      case 'list':
        for (const item of block.items) lines.push(runsText(item));
        break;
      case 'table':
        for (const row of block.rows) lines.push(row.map(runsText).join('\t'));
        break;
      case 'image':
        lines.push(block.alt);
        break;
      case 'page-break':
        break;
    }
  }
  return lines.join('\n');
}

/** Merges neighbouring runs with the same formatting and drops empty ones. */
export function normalizeRuns(parts: readonly TextRun[]): TextRun[] {
  const out: TextRun[] = [];
  for (const run of parts) {
    if (!run.text) continue;
    const last = out[out.length - 1];
    if (
      last &&
      Boolean(last.bold) === Boolean(run.bold) &&
      Boolean(last.italic) === Boolean(run.italic) &&
      Boolean(last.underline) === Boolean(run.underline)
    ) {
      out[out.length - 1] = { ...last, text: last.text + run.text };
    } else {
      out.push(run);
    }
  }
  return out;
}
