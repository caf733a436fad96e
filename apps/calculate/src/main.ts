/**
 * koompi-calculate: the composition root. Builds the formula engine
 * (HyperFormula), a sample sheet, the offline formula assistant (the AI
 * service can replace it), charts and the exporters, then the window.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  SheetEngine,
  cellName,
  chartFromDescription,
  chartToSvg,
  columnName,
  createOfflineFormulaAssistant,
  formatValue,
  loadTranslator,
  sheetSize,
  sheetToPdf,
  smartFill,
  systemShaper,
  toCsv,
  workbookToXlsx,
  type FormulaAssistant,
} from '@koompi/core';
import { appVersion, describeOfficeError, exportFolder, saveExport, startup } from './app-shell.js';
import type { SheetPort } from './ui/calculate-window.js';

const appRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<number> {
  const t = loadTranslator('calculate');
  const office = loadTranslator('office');
  const args = startup('koompi-calculate', t('window.title'), appVersion(appRoot), office);
  if (typeof args === 'number') return args;
  const folder = exportFolder();
  const assistant: FormulaAssistant = createOfflineFormulaAssistant();
  const shaper = await systemShaper();
  const months = t.locale === 'km' ? ['មករា', 'កុម្ភៈ', 'មីនា'] : ['January', 'February', 'March'];
  const engine = await SheetEngine.create({
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
  });

  const chartDir = fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-calculate-'));
  process.on('exit', () => fs.rmSync(chartDir, { recursive: true, force: true }));
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
      const seed = Array.from({ length: to - from + 1 }, (_, i) => engine.input(0, from + i, c));
      smartFill(seed, count).forEach((v, i) => engine.set(0, to + 1 + i, c, v));
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
      return saved.ok ? office('exported', { path: saved.path }) : describeOfficeError(office, saved.error);
    },
  };

  const { CalculateWindow } = await import('./ui/calculate-window.js');
  const win = new CalculateWindow({ t, sheet, readyMessage: t('status.ready', { folder }) });
  win.show();
  win.chartEdit.setText(t.locale === 'km' ? 'គំនូសតាងរបារនៃជួរឈរ B តាមជួរឈរ A' : 'bar chart of column B by column A');
  win.drawChart();
  if (args.kind === 'screenshot') {
    const { saveScreenshot } = await import('./ui/screenshot.js');
    const file = path.resolve(args.file);
    if (!saveScreenshot(win.window, file)) {
      process.stderr.write(`${office('common.screenshotFailed', { path: file })}\n`);
      return 1;
    }
    return 0;
  }
  return -1;
}

main().then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
