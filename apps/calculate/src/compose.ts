/**
 * Everything the Calculate window needs except Qt: the formula engine
 * (HyperFormula) with a sample sheet, formulas from plain words (offline; the
 * AI service can replace the assistant), smart fill, charts drawn to SVG files
 * with HarfBuzz-shaped labels, and the exporters saving into the export
 * folder without replacing anything. Used by main.ts and by the test that
 * drives the real window.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  SheetEngine,
  cellName,
  chartFromDescription,
  chartToSvg,
  columnName,
  createOfflineFormulaAssistant,
  describeOfficeError,
  formatValue,
  saveExport,
  sheetSize,
  seriesStart,
  sheetToPdf,
  smartFill,
  systemShaper,
  toCsv,
  workbookToXlsx,
  type FormulaAssistant,
  type Translator,
  type Workbook,
} from '@koompi/core';
import type { SheetPort } from './ui/calculate-window.js';

export interface CalculateDeps {
  readonly t: Translator;
  /** The `office` bundle: export messages and errors. */
  readonly office: Translator;
  /** Where exports are saved. */
  readonly folder: string;
  /** Default: the offline plain-language formulas. */
  readonly assistant?: FormulaAssistant;
  /** Default: a small sample sheet in the person's language. */
  readonly workbook?: Workbook;
}

export interface ComposedCalculate {
  readonly sheet: SheetPort;
  /** Every sheet's inputs: what an autosave and the undo history keep. */
  snapshot(): Workbook;
  /** Puts every sheet's inputs back as in `book` (Undo, Redo): only the cells that differ are set. */
  restore(book: Workbook): void;
  readonly engine: SheetEngine;
  readonly readyMessage: string;
  /** What to put in the chart box at start. */
  readonly sampleChart: string;
  /** Frees the engine and removes the chart files. */
  close(): void;
}

export function sampleWorkbook(t: Translator): Workbook {
  const months = t.locale === 'km' ? ['មករា', 'កុម្ភៈ', 'មីនា'] : ['January', 'February', 'March'];
  return {
    sheets: [
      {
        name: t('sample.score'),
        cells: [
          [t('sample.name'), t('sample.score'), t('sample.month')],
          ['សុខា', '95', months[0]!],
          ['ដារា', '80', months[1]!],
          ['វណ្ណា', '72', months[2]!],
          [t('sample.total'), '=SUM(B2:B4)', ''],
        ],
      },
    ],
  };
}

export async function composeCalculate(deps: CalculateDeps): Promise<ComposedCalculate> {
  const { t, office, folder } = deps;
  const assistant = deps.assistant ?? createOfflineFormulaAssistant();
  const shaper = await systemShaper();
  const engine = await SheetEngine.create(deps.workbook ?? sampleWorkbook(t));
  const chartDir = fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-calculate-'));
  let charts = 0;

  const sheet: SheetPort = {
    rows: 30,
    cols: 10,
    input: (r, c) => engine.input(0, r, c),
    display: (r, c) => formatValue(engine.value(0, r, c)),
    set: (r, c, raw) => engine.set(0, r, c, raw),
    cellName,
    columnName,
    formulaFor: async (sentence) => {
      const r = await assistant.formulaFor(sentence);
      return r.kind === 'formula' ? r.formula : undefined;
    },
    fill: (c, from, to, count) => {
      const run = Array.from({ length: to - from + 1 }, (_, i) => engine.input(0, from + i, c));
      const seed = run.slice(seriesStart(run));
      engine.setMany(
        0,
        smartFill(seed, count).map((raw, i) => ({ row: to + 1 + i, col: c, raw })),
      );
    },
    chart: (description) => {
      if (!shaper.ok) return { message: describeOfficeError(office, shaper.error) };
      const r = chartFromDescription(description, engine.values(0));
      if (r.kind === 'chart') {
        const svgFile = path.join(chartDir, `chart-${++charts}.svg`);
        fs.writeFileSync(svgFile, chartToSvg(r.spec, shaper.value, 480, 320));
        return { svgFile };
      }
      return {
        message: r.kind === 'no-numbers' ? t('chart.noNumbers', { column: r.column }) : t('chart.notUnderstood'),
      };
    },
    export: async (format) => {
      let bytes: Uint8Array;
      if (format === 'xlsx') bytes = await workbookToXlsx(engine);
      else if (format === 'csv') {
        const { rows, cols } = sheetSize(engine.data(0));
        const values = engine.values(0);
        bytes = new TextEncoder().encode(
          toCsv(
            Array.from({ length: rows }, (_, r) =>
              Array.from({ length: cols }, (_, c) => formatValue(values[r]?.[c] ?? null)),
            ),
          ),
        );
      } else {
        if (!shaper.ok) return describeOfficeError(office, shaper.error);
        bytes = await sheetToPdf(engine, shaper.value);
      }
      const saved = saveExport(folder, engine.sheetNames[0] ?? t('window.title'), format, bytes);
      return saved.ok ? office('exported', { path: saved.value }) : describeOfficeError(office, saved.error);
    },
  };
  const snapshot = (): Workbook => ({ sheets: engine.sheetNames.map((_, s) => engine.data(s)) });
  const restore = (book: Workbook): void => {
    book.sheets.forEach((target, s) => {
      if (s >= engine.sheetNames.length) return;
      const now = engine.data(s);
      const rows = Math.max(now.cells.length, target.cells.length);
      const changes: Array<{ row: number; col: number; raw: string }> = [];
      for (let r = 0; r < rows; r++) {
        const a = now.cells[r] ?? [];
        const b = target.cells[r] ?? [];
        for (let c = 0; c < Math.max(a.length, b.length); c++)
          if ((a[c] ?? '') !== (b[c] ?? '')) changes.push({ row: r, col: c, raw: b[c] ?? '' });
      }
      if (changes.length) engine.setMany(s, changes);
    });
  };
  return {
    sheet,
    engine,
    snapshot,
    restore,
    readyMessage: t('status.ready', { folder }),
    sampleChart: t('chart.sample'),
    close: () => {
      engine.destroy();
      fs.rmSync(chartDir, { recursive: true, force: true });
    },
  };
}
