/**
 * Smart fill: continue a series from the cells a person selected — numbers
 * (1, 3, 5 → 7), numbered labels ("Week 1" → "Week 2", "សប្តាហ៍ ១" → "សប្តាហ៍ ២"),
 * dates (by days or by months), weekdays and months in English or Khmer.
 * Anything else repeats.
 */
import { latinDigits } from './model.js';

const KHMER_DIGITS = '០១២៣៤៥៦៧៨៩';
const toKhmerDigits = (s: string) => s.replace(/\d/g, (d) => KHMER_DIGITS[Number(d)]!);

/** Lists whose members continue cyclically; each spelling keeps its own list. */
const CYCLES: readonly (readonly string[])[] = [
  ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
  ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
  [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
  ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  ['ថ្ងៃអាទិត្យ', 'ថ្ងៃច័ន្ទ', 'ថ្ងៃអង្គារ', 'ថ្ងៃពុធ', 'ថ្ងៃព្រហស្បតិ៍', 'ថ្ងៃសុក្រ', 'ថ្ងៃសៅរ៍'],
  ['អាទិត្យ', 'ច័ន្ទ', 'អង្គារ', 'ពុធ', 'ព្រហស្បតិ៍', 'សុក្រ', 'សៅរ៍'],
  ['មករា', 'កុម្ភៈ', 'មីនា', 'មេសា', 'ឧសភា', 'មិថុនា', 'កក្កដា', 'សីហា', 'កញ្ញា', 'តុលា', 'វិច្ឆិកា', 'ធ្នូ'],
  ['ខែមករា', 'ខែកុម្ភៈ', 'ខែមីនា', 'ខែមេសា', 'ខែឧសភា', 'ខែមិថុនា', 'ខែកក្កដា', 'ខែសីហា', 'ខែកញ្ញា', 'ខែតុលា', 'ខែវិច្ឆិកា', 'ខែធ្នូ'],
];

function matchCase(sample: string, word: string): string {
  if (sample === sample.toUpperCase() && sample !== sample.toLowerCase()) return word.toUpperCase();
  if (sample === sample.toLowerCase() && sample !== sample.toUpperCase()) return word.toLowerCase();
  return word;
}

function cycleFill(seed: readonly string[], count: number): string[] | undefined {
  for (const list of CYCLES) {
    const idx = seed.map((s) => list.findIndex((w) => w.toLowerCase() === s.trim().toLowerCase()));
    if (idx.some((i) => i < 0)) continue;
    const n = list.length;
    const step = idx.length > 1 ? (((idx[idx.length - 1]! - idx[idx.length - 2]!) % n) + n) % n || n : 1;
    const last = idx[idx.length - 1]!;
    const sample = seed[seed.length - 1]!;
    return Array.from({ length: count }, (_, k) => matchCase(sample, list[(last + step * (k + 1)) % n]!));
  }
  return undefined;
}

function parseDate(s: string): { date: Date; format: 'iso' | 'dmy' } | undefined {
  const t = latinDigits(s.trim());
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (m) return { date: new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!)), format: 'iso' };
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (m) return { date: new Date(Date.UTC(+m[3]!, +m[2]! - 1, +m[1]!)), format: 'dmy' };
  return undefined;
}

function formatDate(date: Date, format: 'iso' | 'dmy', khmer: boolean): string {
  const y = date.getUTCFullYear();
  const mo = String(date.getUTCMonth() + 1).padStart(2, '0');
  const d = String(date.getUTCDate()).padStart(2, '0');
  const out = format === 'iso' ? `${y}-${mo}-${d}` : `${d}/${mo}/${y}`;
  return khmer ? toKhmerDigits(out) : out;
}

function dateFill(seed: readonly string[], count: number): string[] | undefined {
  const dates = seed.map(parseDate);
  if (dates.some((d) => !d)) return undefined;
  const parsed = dates as Array<{ date: Date; format: 'iso' | 'dmy' }>;
  const last = parsed[parsed.length - 1]!;
  const khmer = /[០-៩]/u.test(seed[seed.length - 1]!);
  const prev = parsed[parsed.length - 2];
  const sameDay = prev && prev.date.getUTCDate() === last.date.getUTCDate();
  const months = prev
    ? (last.date.getUTCFullYear() - prev.date.getUTCFullYear()) * 12 + last.date.getUTCMonth() - prev.date.getUTCMonth()
    : 0;
  return Array.from({ length: count }, (_, k) => {
    const next = new Date(last.date);
    if (prev && sameDay && months !== 0) next.setUTCMonth(next.getUTCMonth() + months * (k + 1));
    else {
      const days = prev ? Math.round((last.date.getTime() - prev.date.getTime()) / 86_400_000) : 1;
      next.setUTCDate(next.getUTCDate() + days * (k + 1));
    }
    return formatDate(next, last.format, khmer);
  });
}

function numberFill(seed: readonly string[], count: number): string[] | undefined {
  // a number, or a label ending in a number: "12", "Week 3", "សិស្ស ៤"
  const parts = seed.map((s) => /^(.*?)([-+]?[\d០-៩]+(?:\.[\d០-៩]+)?)(\D*)$/u.exec(s.trim()));
  if (parts.some((p) => !p)) return undefined;
  const ps = parts as RegExpExecArray[];
  const prefix = ps[ps.length - 1]![1]!;
  const suffix = ps[ps.length - 1]![3]!;
  if (ps.some((p) => p[1] !== prefix || p[3] !== suffix)) return undefined;
  const values = ps.map((p) => Number(latinDigits(p[2]!)));
  const khmer = /[០-៩]/u.test(ps[ps.length - 1]![2]!);
  const decimals = Math.max(...ps.map((p) => (p[2]!.split('.')[1] ?? '').length));
  const last = values[values.length - 1]!;
  const step = values.length > 1 ? last - values[values.length - 2]! : 1;
  return Array.from({ length: count }, (_, k) => {
    const n = (last + step * (k + 1)).toFixed(decimals);
    return `${prefix}${khmer ? toKhmerDigits(n) : n}${suffix}`;
  });
}

function seriesFill(cells: readonly string[], count: number): string[] | undefined {
  return cycleFill(cells, count) ?? dateFill(cells, count) ?? numberFill(cells, count);
}

/** The next `count` values after `seed` (the selected cells, in order). */
export function smartFill(seed: readonly string[], count: number): string[] {
  const cells = seed.filter((s) => s.trim() !== '');
  if (cells.length === 0 || count <= 0) return [];
  return seriesFill(cells, count) ?? Array.from({ length: count }, (_, k) => cells[k % cells.length]!);
}

/**
 * Where the series starts in a column's run of filled cells: after the
 * heading ("ខែ", "Score") that no series explains. The whole run when
 * nothing in it is a series (it is then repeated).
 *
 * @example
 * seriesStart(['ខែ', 'មករា', 'កុម្ភៈ']); // 1
 */
export function seriesStart(run: readonly string[]): number {
  for (let i = 0; i < run.length; i++) if (run[i]!.trim() !== '' && seriesFill(run.slice(i), 1)) return i;
  return 0;
}
