/**
 * `convertFile`: what `koompi convert IN OUT` calls. Reads a document, a
 * Markdown outline or a sheet, and writes it in the format the output's
 * extension names. Bad input is an error value, never an exception; the output
 * is written to a temporary file beside it and renamed, so a failed conversion
 * leaves nothing behind and never damages an existing file.
 *
 * @example
 * const r = await convertFile('notes.md', 'notes.pdf');
 * if (!r.ok) console.error(r.error.kind);
 */
import fs from 'node:fs';
import path from 'node:path';
import { writeAtomicSync } from '../../fs/node/atomic.js';
import { planConversion, SUPPORTED_CONVERSIONS, type ConversionPlan, type ConvertAs } from '../convert-plan.js';
import { markdownToDocument } from '../document/markdown.js';
import type { OfficeDocument } from '../document/model.js';
import { documentToOdt } from '../document/odt.js';
import { err, ok } from '../../base/result.js';
import { describeError, type OfficeResult } from '../result.js';
import { parseCsv, toCsv } from '../sheet/csv.js';
import { SheetEngine } from '../sheet/engine.js';
import { formatValue, sheetSize, type Workbook } from '../sheet/model.js';
import { deckToHtml } from '../slides/html.js';
import { documentToDeck, type ThemeId } from '../slides/model.js';
import { documentToDocx } from './docx-export.js';
import { docxToDocument } from './docx-import.js';
import { documentToPdf } from './pdf-document.js';
import { sheetToPdf } from './pdf-sheet.js';
import { deckToPdf } from './pdf-slides.js';
import { deckToPptx } from './pptx.js';
import { systemShaper } from './shaper.js';
import { workbookToXlsx, xlsxToWorkbook } from './xlsx.js';

export interface ConvertOptions {
  /** `'slides'` turns a document into a deck (a slide per heading). Default: by output extension. */
  readonly as?: ConvertAs;
  /** Replace an existing output file. Default false: an existing output is an `exists` error. */
  readonly overwrite?: boolean;
  /** Largest input accepted, in bytes. Default 64 MiB. */
  readonly maxBytes?: number;
  /** Relative paths are resolved against this. Default: `process.cwd()`. */
  readonly cwd?: string;
  /** When set, both files must lie inside this folder (after resolving `..` and symlinks). */
  readonly root?: string;
  readonly theme?: ThemeId;
}

export interface ConvertSummary {
  /** Absolute paths. */
  readonly input: string;
  readonly output: string;
  readonly plan: ConversionPlan;
  /** Size of what was written. */
  readonly bytes: number;
}

const DEFAULT_MAX = 64 * 1024 * 1024;

function inside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function checkPaths(
  input: string,
  output: string,
  options: ConvertOptions,
): OfficeResult<{ input: string; output: string }> {
  for (const p of [input, output]) {
    if (typeof p !== 'string' || p.trim() === '')
      return err({ kind: 'invalid-path', path: String(p), reason: 'empty' });
    if (p.includes('\0')) return err({ kind: 'invalid-path', path: p.replace(/\0/g, '\\0'), reason: 'nul-byte' });
  }
  const cwd = options.cwd ?? process.cwd();
  const inAbs = path.resolve(cwd, input);
  const outAbs = path.resolve(cwd, output);
  let inReal: string;
  try {
    inReal = fs.realpathSync(inAbs);
  } catch (error) {
    return err({
      kind: 'unreadable',
      path: inAbs,
      reason: (error as NodeJS.ErrnoException).code ?? describeError(error),
    });
  }
  let outDirReal: string;
  try {
    outDirReal = fs.realpathSync(path.dirname(outAbs));
  } catch {
    return err({ kind: 'invalid-path', path: outAbs, reason: 'folder-missing' });
  }
  const outReal = path.join(outDirReal, path.basename(outAbs));
  if (options.root !== undefined) {
    let root: string;
    try {
      root = fs.realpathSync(path.resolve(cwd, options.root));
    } catch {
      return err({ kind: 'invalid-path', path: options.root, reason: 'root-missing' });
    }
    if (!inside(root, inReal)) return err({ kind: 'invalid-path', path: input, reason: 'outside-root' });
    if (!inside(root, outReal)) return err({ kind: 'invalid-path', path: output, reason: 'outside-root' });
  }
  let sameFile = inReal === outReal;
  try {
    const a = fs.statSync(inReal);
    const b = fs.statSync(outReal);
    sameFile ||= a.ino === b.ino && a.dev === b.dev;
  } catch {
    // the output does not exist yet
  }
  if (sameFile) return err({ kind: 'invalid-path', path: output, reason: 'same-as-input' });
  return ok({ input: inReal, output: outReal });
}

/** Reads a whole input file, refusing folders and files over `maxBytes`. */
export function readInput(file: string, maxBytes: number): OfficeResult<Uint8Array> {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) return err({ kind: 'unreadable', path: file, reason: 'not-a-file' });
    if (stat.size > maxBytes) return err({ kind: 'too-large', path: file, bytes: stat.size, limit: maxBytes });
    return ok(new Uint8Array(fs.readFileSync(file)));
  } catch (error) {
    return err({
      kind: 'unreadable',
      path: file,
      reason: (error as NodeJS.ErrnoException).code ?? describeError(error),
    });
  }
}

/** UTF-8 text, or `corrupt` for binary data or bytes that are not UTF-8. */
export function decodeText(file: string, data: Uint8Array, format: string): OfficeResult<string> {
  if (data.includes(0)) return err({ kind: 'corrupt', path: file, format, detail: 'binary data in a text file' });
  try {
    return ok(new TextDecoder('utf-8', { fatal: true }).decode(data));
  } catch {
    return err({ kind: 'corrupt', path: file, format, detail: 'not UTF-8 text' });
  }
}

async function readDocument(
  file: string,
  data: Uint8Array,
  from: 'md' | 'docx',
): Promise<OfficeResult<OfficeDocument>> {
  const title = path.basename(file).replace(/\.[^.]+$/, '');
  if (from === 'md') {
    const text = decodeText(file, data, 'markdown');
    if (!text.ok) return text;
    return ok(await markdownToDocument(text.value, title));
  }
  try {
    return ok(await docxToDocument(data));
  } catch (error) {
    return err({ kind: 'corrupt', path: file, format: 'docx', detail: describeError(error) });
  }
}

async function readWorkbook(file: string, data: Uint8Array, from: 'csv' | 'xlsx'): Promise<OfficeResult<Workbook>> {
  if (from === 'csv') {
    const text = decodeText(file, data, 'csv');
    if (!text.ok) return text;
    return ok({
      sheets: [
        {
          name:
            path
              .basename(file)
              .replace(/\.[^.]+$/, '')
              .slice(0, 31) || 'Sheet1',
          cells: parseCsv(text.value),
        },
      ],
    });
  }
  try {
    return ok(await xlsxToWorkbook(data));
  } catch (error) {
    return err({ kind: 'corrupt', path: file, format: 'xlsx', detail: describeError(error) });
  }
}

async function render(
  plan: ConversionPlan,
  file: string,
  data: Uint8Array,
  options: ConvertOptions,
): Promise<OfficeResult<Uint8Array>> {
  if (plan.kind === 'sheet') {
    const workbook = await readWorkbook(file, data, plan.from);
    if (!workbook.ok) return workbook;
    const engine = await SheetEngine.create(workbook.value);
    try {
      if (plan.to === 'xlsx') return ok(await workbookToXlsx(engine));
      if (plan.to === 'csv') {
        const { rows, cols } = sheetSize(engine.data(0));
        const values = engine.values(0);
        const grid = Array.from({ length: rows }, (_, r) =>
          Array.from({ length: cols }, (_, c) => formatValue(values[r]?.[c] ?? null)),
        );
        return ok(new TextEncoder().encode(toCsv(grid)));
      }
      const shaper = await systemShaper();
      if (!shaper.ok) return shaper;
      return ok(await sheetToPdf(engine, shaper.value));
    } finally {
      engine.destroy();
    }
  }
  const doc = await readDocument(file, data, plan.from);
  if (!doc.ok) return doc;
  if (plan.kind === 'document') {
    if (plan.to === 'docx') return ok(await documentToDocx(doc.value));
    if (plan.to === 'odt') return ok(await documentToOdt(doc.value));
    const shaper = await systemShaper();
    if (!shaper.ok) return shaper;
    return ok(await documentToPdf(doc.value, shaper.value));
  }
  const deck = documentToDeck(doc.value, options.theme);
  if (plan.to === 'pptx') return ok(await deckToPptx(deck));
  const shaper = await systemShaper();
  if (!shaper.ok) return shaper;
  if (plan.to === 'pdf') return ok(await deckToPdf(deck, shaper.value));
  const fonts = [
    { family: 'Noto Sans Khmer', weight: 400 as const, data: shaper.value.fontData('khmer') },
    { family: 'Noto Sans Khmer', weight: 700 as const, data: shaper.value.fontData('khmer-bold') },
  ];
  return ok(new TextEncoder().encode(deckToHtml(deck, fonts, doc.value.lang === 'en-US' ? 'en' : 'km')));
}

/**
 * Writes bytes to `file` with the one atomic write (core/src/fs/node/atomic.ts),
 * as an `OfficeResult`. Without `overwrite` an existing name is never
 * replaced, even one taken while the bytes were being written: `exists`.
 */
export function writeFileAtomic(file: string, data: Uint8Array, overwrite: boolean): OfficeResult<number> {
  if (!overwrite && fs.existsSync(file)) return err({ kind: 'exists', path: file });
  try {
    writeAtomicSync(file, data, { mode: 0o644, overwrite });
    return ok(data.length);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return err({ kind: 'exists', path: file });
    return err({ kind: 'write-failed', path: file, reason: code ?? describeError(error) });
  }
}

export async function convertFile(
  input: string,
  output: string,
  options: ConvertOptions = {},
): Promise<OfficeResult<ConvertSummary>> {
  const plan = planConversion(input, output, options.as);
  if (!plan) return err({ kind: 'unsupported-format', path: `${input} → ${output}`, supported: SUPPORTED_CONVERSIONS });
  const paths = checkPaths(input, output, options);
  if (!paths.ok) return paths;
  if (!options.overwrite && fs.existsSync(paths.value.output)) return err({ kind: 'exists', path: paths.value.output });
  const data = readInput(paths.value.input, options.maxBytes ?? DEFAULT_MAX);
  if (!data.ok) return data;
  const bytes = await render(plan, paths.value.input, data.value, options);
  if (!bytes.ok) return bytes;
  const written = writeFileAtomic(paths.value.output, bytes.value, Boolean(options.overwrite));
  if (!written.ok) return written;
  return ok({ input: paths.value.input, output: paths.value.output, plan, bytes: written.value });
}
