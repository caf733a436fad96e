#!/usr/bin/env node
// Office benchmark: a 50-page Khmer/English document exported as DOCX and PDF
// (PDF shaped by HarfBuzz), and recalculation after one edit in a 10,000-row
// sheet (IF + VLOOKUP). Targets: < 1 s per export, < 100 ms per recalculation.
// Prints figures; asserts nothing. Needs `npx tsc -b` first.
import { performance } from 'node:perf_hooks';
import {
  SheetEngine,
  documentToDocx,
  documentToPdf,
  heading,
  paragraph,
  list,
  systemShaper,
} from '../../core/dist/index.js';

const km = 'សិស្សានុសិស្សទាំងអស់ត្រូវការសៀវភៅថ្មី ហើយគ្រូបង្រៀនត្រូវរៀបចំមេរៀនឱ្យបានល្អ។ ';
const blocks = [];
for (let page = 1; page <= 50; page++) {
  blocks.push(heading(2, `ជំពូកទី ${page}`));
  for (let p = 0; p < 6; p++) blocks.push(paragraph(km.repeat(4), 'Mixed English text. ', { text: 'ដិត', bold: true }));
  blocks.push(list(false, ['ត្រូវ', 'គ្រូបង្រៀន', 'ស្ត្រី']));
}
const doc = { title: 'Benchmark', lang: 'km-KH', blocks };
const shaper = await systemShaper();
if (!shaper.ok) throw new Error(JSON.stringify(shaper.error));
const time = async (fn, runs = 3) => {
  await fn();
  const t = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await fn();
    t.push(performance.now() - s);
  }
  return Math.min(...t);
};
let pages = 0;
const pdfMs = await time(async () => {
  const pdf = await documentToPdf(doc, shaper.value);
  pages = (
    Buffer.from(pdf)
      .toString('latin1')
      .match(/\/Type \/Page\b/g) ?? []
  ).length;
});
const docxMs = await time(() => documentToDocx(doc));
const rows = 10_000;
const cells = [];
for (let r = 1; r <= rows; r++)
  cells.push([
    String(r),
    String((r * 37) % 101),
    `=IF(B${r}>50,B${r}*2,B${r})`,
    `=VLOOKUP(${(r % rows) + 1},A$1:B$${rows},2,FALSE())`,
  ]);
cells.push(['', '=SUM(B1:B10000)', '=SUM(C1:C10000)', '']);
const engine = await SheetEngine.create({ sheets: [{ name: 'bench', cells }] });
const recalc = [];
for (let i = 0; i < 5; i++) {
  const s = performance.now();
  engine.set(0, 100 + i, 1, String(60 + i));
  engine.value(0, rows, 2);
  recalc.push(performance.now() - s);
}
console.log(`PDF export, ${pages} pages: ${pdfMs.toFixed(0)} ms (target < 1000)`);
console.log(`DOCX export, same document: ${docxMs.toFixed(0)} ms (target < 1000)`);
console.log(
  `Recalculation after one edit, ${rows} rows (IF + VLOOKUP): median ${recalc.sort((a, b) => a - b)[2].toFixed(1)} ms (target < 100)`,
);
