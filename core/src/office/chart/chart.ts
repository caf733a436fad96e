/**
 * Charts from a description ("bar chart of column B by column A",
 * "គំនូសតាងចំណិតនៃ ពិន្ទុ"), read against the sheet's values, and drawn as SVG.
 * Text in the SVG is drawn as glyph outlines shaped by HarfBuzz, so a chart
 * shows Khmer correctly in any viewer, with or without Khmer fonts.
 */
import { layoutParagraph } from '../text/layout.js';
import type { Shaper } from '../text/shaping.js';
import { escapeXml } from '../xml.js';
import { columnIndex, columnName } from '../sheet/address.js';
import { formatValue, latinDigits, type CellValue } from '../sheet/model.js';

export type ChartType = 'bar' | 'line' | 'pie';

export interface ChartSpec {
  readonly type: ChartType;
  readonly title: string;
  readonly labels: readonly string[];
  readonly values: readonly number[];
}

export type ChartResult =
  | { readonly kind: 'chart'; readonly spec: ChartSpec }
  | { readonly kind: 'not-understood' }
  | { readonly kind: 'no-numbers'; readonly column: string };

const TYPES: ReadonlyArray<[ChartType, RegExp]> = [
  ['pie', /\bpie\b|\bdonut\b|ចំណិត|នំ/iu],
  ['line', /\bline\b|\btrend\b|ខ្សែ|បន្ទាត់/iu],
  ['bar', /\bbar\b|\bcolumn chart\b|\bhistogram\b|របារ|សសរ/iu],
];

function findColumn(description: string, headers: readonly string[], after: RegExp): number | undefined {
  const m = after.exec(description);
  if (!m) return undefined;
  const rest = latinDigits(description.slice(m.index + m[0].length)).trim();
  const letter = /^(?:column|col|ជួរឈរ)?\s*([A-Za-z]{1,2})(?![A-Za-z])/u.exec(rest);
  if (letter && /^(?:column|col|ជួរឈរ)|^[A-Z]{1,2}\b/u.test(rest)) return columnIndex(letter[1]!);
  const lower = rest.toLowerCase();
  const byName = headers.findIndex((h) => h && lower.startsWith(h.toLowerCase()));
  if (byName >= 0) return byName;
  const anywhere = headers.findIndex((h) => h && lower.includes(h.toLowerCase()));
  return anywhere >= 0 ? anywhere : undefined;
}

const isNumber = (v: CellValue | undefined): v is number => typeof v === 'number';

/** Reads a description against a sheet's computed values (the first row may hold headers). */
export function chartFromDescription(description: string, values: ReadonlyArray<readonly CellValue[]>): ChartResult {
  const type = TYPES.find(([, re]) => re.test(description))?.[0] ?? 'bar';
  const first = values[0] ?? [];
  const hasHeader = first.some((v) => typeof v === 'string') && values.slice(1).some((row) => row.some(isNumber));
  const headers = hasHeader ? first.map((v) => (typeof v === 'string' ? v : '')) : [];
  const body = hasHeader ? values.slice(1) : values;
  const cols = Math.max(0, ...values.map((r) => r.length));
  let valueCol = findColumn(description, headers, /\b(?:of|for|showing)\b|នៃ|សម្រាប់|បង្ហាញ/iu);
  let labelCol = findColumn(description, headers, /\b(?:by|per|across|against)\b|តាម|ក្នុងមួយ/iu);
  if (valueCol === undefined) {
    for (let c = 0; c < cols; c++) if (c !== labelCol && body.some((r) => isNumber(r[c]))) valueCol ??= c;
  }
  if (valueCol === undefined) return { kind: 'not-understood' };
  if (labelCol === undefined) {
    for (let c = 0; c < cols; c++) if (c !== valueCol && body.some((r) => typeof r[c] === 'string')) labelCol ??= c;
  }
  const rows = body.filter((r) => isNumber(r[valueCol!]));
  if (rows.length === 0) return { kind: 'no-numbers', column: columnName(valueCol) };
  const labels = rows.map((r, i) => (labelCol === undefined ? String(i + 1) : formatValue(r[labelCol] ?? null)));
  const title = headers[valueCol] || columnName(valueCol);
  return { kind: 'chart', spec: { type, title, labels, values: rows.map((r) => r[valueCol!] as number) } };
}

const PALETTE = ['#c8962e', '#0b4f6c', '#2f6b1f', '#7a2e12', '#5b2a6e', '#20a4c3', '#d4b83c', '#8a96a3'];

/** Text as SVG paths: HarfBuzz glyphs, outlines in font units flipped to SVG's y-down. */
function textPaths(
  shaper: Shaper,
  text: string,
  x: number,
  y: number,
  size: number,
  anchor: 'start' | 'middle' | 'end',
  color: string,
  bold = false,
): string {
  const [line] = layoutParagraph([{ text, size, bold }], shaper, { width: 1e6 });
  if (!line) return '';
  const left = anchor === 'middle' ? x - line.width / 2 : anchor === 'end' ? x - line.width : x;
  const parts: string[] = [];
  for (const run of line.runs) {
    const upem = shaper.metrics(run.face).unitsPerEm;
    const scale = run.size / upem;
    let pen = left + run.x;
    for (const g of run.glyphs) {
      const d = shaper.glyphPath(run.face, g.id);
      if (d) {
        const gx = pen + g.xOffset * scale;
        const gy = y - g.yOffset * scale;
        parts.push(
          `<path transform="translate(${gx.toFixed(2)} ${gy.toFixed(2)}) scale(${scale.toFixed(5)} ${(-scale).toFixed(5)})" d="${d}"/>`,
        );
      }
      pen += g.xAdvance * scale;
    }
  }
  return `<g fill="${color}" role="img" aria-label="${escapeXml(text)}"><title>${escapeXml(text)}</title>${parts.join('')}</g>`;
}

function niceMax(max: number): number {
  if (max <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  const n = max / p;
  return (n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10) * p;
}

/** Draws a chart as a standalone SVG document. */
export function chartToSvg(spec: ChartSpec, shaper: Shaper, width = 640, height = 400): string {
  const out: string[] = [];
  out.push(textPaths(shaper, spec.title, width / 2, 30, 16, 'middle', '#222222', true));
  const fmt = (n: number) => formatValue(n);
  if (spec.type === 'pie') {
    const total = spec.values.reduce((a, b) => a + Math.max(0, b), 0) || 1;
    const cx = width * 0.35;
    const cy = height / 2 + 15;
    const r = Math.min(width * 0.3, height / 2 - 40);
    let angle = -Math.PI / 2;
    spec.values.forEach((v, i) => {
      const a = (Math.max(0, v) / total) * Math.PI * 2;
      const x1 = cx + r * Math.cos(angle);
      const y1 = cy + r * Math.sin(angle);
      const x2 = cx + r * Math.cos(angle + a);
      const y2 = cy + r * Math.sin(angle + a);
      const color = PALETTE[i % PALETTE.length]!;
      out.push(
        a >= Math.PI * 2 - 1e-9
          ? `<circle cx="${cx}" cy="${cy}" r="${r}" fill="${color}"/>`
          : `<path d="M${cx},${cy} L${x1.toFixed(2)},${y1.toFixed(2)} A${r},${r} 0 ${a > Math.PI ? 1 : 0} 1 ${x2.toFixed(2)},${y2.toFixed(2)} Z" fill="${color}" stroke="#ffffff"/>`,
      );
      angle += a;
      const ly = 70 + i * 26;
      out.push(`<rect x="${width * 0.7}" y="${ly - 12}" width="14" height="14" fill="${color}"/>`);
      out.push(
        textPaths(
          shaper,
          `${spec.labels[i] ?? ''} (${Math.round((Math.max(0, v) / total) * 100)}%)`,
          width * 0.7 + 20,
          ly,
          12,
          'start',
          '#222222',
        ),
      );
    });
  } else {
    const left = 60;
    const right = width - 20;
    const top = 55;
    const bottom = height - 50;
    const min = Math.min(0, ...spec.values);
    const max = niceMax(Math.max(...spec.values, 0));
    const y = (v: number) => bottom - ((v - min) / (max - min || 1)) * (bottom - top);
    for (let k = 0; k <= 4; k++) {
      const v = min + ((max - min) * k) / 4;
      out.push(`<line x1="${left}" x2="${right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#dde3ea"/>`);
      out.push(textPaths(shaper, fmt(v), left - 6, y(v) + 4, 11, 'end', '#555555'));
    }
    const n = spec.values.length;
    const step = (right - left) / Math.max(1, n);
    if (spec.type === 'bar') {
      spec.values.forEach((v, i) => {
        const x = left + i * step + step * 0.15;
        out.push(
          `<rect x="${x.toFixed(1)}" y="${Math.min(y(v), y(0)).toFixed(1)}" width="${(step * 0.7).toFixed(1)}" height="${Math.abs(y(0) - y(v)).toFixed(1)}" fill="${PALETTE[0]}"/>`,
        );
      });
    } else {
      const points = spec.values.map((v, i) => `${(left + i * step + step / 2).toFixed(1)},${y(v).toFixed(1)}`);
      out.push(`<polyline points="${points.join(' ')}" fill="none" stroke="${PALETTE[1]}" stroke-width="3"/>`);
      for (const p of points)
        out.push(`<circle cx="${p.split(',')[0]}" cy="${p.split(',')[1]}" r="4" fill="${PALETTE[1]}"/>`);
    }
    out.push(`<line x1="${left}" x2="${right}" y1="${y(0)}" y2="${y(0)}" stroke="#555555"/>`);
    spec.labels.forEach((label, i) =>
      out.push(textPaths(shaper, label, left + i * step + step / 2, bottom + 22, 11, 'middle', '#333333')),
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(spec.title)}">
<rect width="${width}" height="${height}" fill="#ffffff"/>
${out.join('\n')}
</svg>
`;
}
