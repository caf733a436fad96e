/**
 * Plain-language formulas, offline, in English and Khmer: "sum column A" →
 * `=SUM(A:A)`, "មធ្យមភាគ ជួរឈរ B" → `=AVERAGE(B:B)`, "if A2 > 50 then Pass
 * else Fail" → `=IF(A2>50,"Pass","Fail")`. What this does not understand is
 * left to a `FormulaAssistant` (Gemini, in core/src/ai), never guessed.
 */
import { latinDigits } from './model.js';

export type PlainFormulaResult =
  | { readonly kind: 'formula'; readonly formula: string; readonly operation: Operation }
  | { readonly kind: 'not-understood' };

export type Operation = 'sum' | 'average' | 'count' | 'max' | 'min' | 'percentage' | 'if';

/** Turns a sentence into a formula; implemented offline here and by the AI service elsewhere. */
export interface FormulaAssistant {
  formulaFor(sentence: string): Promise<PlainFormulaResult>;
}

const FUNCTIONS: ReadonlyArray<{ op: Exclude<Operation, 'percentage' | 'if'>; fn: string; words: RegExp }> = [
  { op: 'average', fn: 'AVERAGE', words: /\b(average|mean|avg)\b|មធ្យមភាគ|មធ្យម/iu },
  { op: 'count', fn: 'COUNT', words: /\b(count|how many|number of)\b|រាប់|ចំនួន/iu },
  { op: 'max', fn: 'MAX', words: /\b(max|maximum|largest|highest|biggest|greatest)\b|អតិបរមា|ធំបំផុត|ខ្ពស់បំផុត/iu },
  { op: 'min', fn: 'MIN', words: /\b(min|minimum|smallest|lowest|least)\b|អប្បបរមា|តូចបំផុត|ទាបបំផុត/iu },
  { op: 'sum', fn: 'SUM', words: /\b(sum|total|add up|add)\b|បូក|សរុប/iu },
];

const CELL = String.raw`\$?[A-Z]{1,3}\$?\d{1,7}`;

/** The range a sentence names: "column A", "A1 to A10", "A1:B5", "row 3", Khmer "ជួរឈរ A", "ពី A1 ដល់ A10". */
export function findRange(sentence: string): string | undefined {
  const s = latinDigits(sentence);
  const explicit = new RegExp(String.raw`(${CELL})\s*(?::|\.\.|-|–|\bto\b|\bthrough\b|ដល់|ទៅ)\s*(${CELL})`, 'iu').exec(
    s,
  );
  if (explicit) return `${explicit[1]!.toUpperCase()}:${explicit[2]!.toUpperCase()}`;
  const columns = new RegExp(
    String.raw`(?:\bcolumns?\b|\bcol\b|ជួរឈរ|ជួរបញ្ឈរ|ឈរ)\s*([A-Z]{1,3})(?:\s*(?:to|and|-|–|ដល់|និង)\s*([A-Z]{1,3}))?(?![A-Za-z\d])`,
    'iu',
  ).exec(s);
  if (columns) {
    const a = columns[1]!.toUpperCase();
    const b = (columns[2] ?? columns[1]!).toUpperCase();
    return `${a}:${b}`;
  }
  const rows = /(?:\brows?\b|ជួរដេក|ជួរ)\s*(\d{1,7})(?:\s*(?:to|-|–|ដល់)\s*(\d{1,7}))?/iu.exec(s);
  if (rows) return `${rows[1]}:${rows[2] ?? rows[1]}`;
  const bare = new RegExp(String.raw`(?:^|\s)([A-Z]{1,3})(?:\s*$|\s*[?.!។])`, 'u').exec(s.trim());
  if (bare) return `${bare[1]}:${bare[1]}`;
  return undefined;
}

const COMPARISONS: ReadonlyArray<[RegExp, string]> = [
  [/>=|≥|\bat least\b|\bgreater than or equal to\b|យ៉ាងតិច|ធំជាងឬស្មើ/iu, '>='],
  [/<=|≤|\bat most\b|\bless than or equal to\b|យ៉ាងច្រើន|តូចជាងឬស្មើ/iu, '<='],
  [/<>|!=|≠|\bis not\b|\bnot equal to\b|មិនស្មើ/iu, '<>'],
  [/>|\bgreater than\b|\bmore than\b|\babove\b|\bover\b|ធំជាង|លើសពី|លើស/iu, '>'],
  [/<|\bless than\b|\bbelow\b|\bunder\b|តូចជាង|ក្រោម/iu, '<'],
  [/=|\bequals?\b|\bis\b|ស្មើនឹង|ស្មើ/iu, '='],
];

function literal(value: string): string {
  const v = latinDigits(value.trim().replace(/^["'“”]|["'“”]$/g, ''));
  if (new RegExp(`^${CELL}$`, 'i').test(v)) return v.toUpperCase();
  if (/^-?\d+(\.\d+)?%?$/.test(v)) return v;
  return `"${v.replace(/"/g, '""')}"`;
}

function parseIf(sentence: string): string | undefined {
  const s = sentence.trim().replace(/[.។]$/u, '');
  const m =
    /^(?:if|when|បើ|ប្រសិនបើ)\s+(.+?)\s*(?:,\s*then|then|,|នោះ|ចូរ|គឺ)\s*(.+?)(?:\s*(?:,\s*)?(?:else|otherwise|or else|បើមិនដូច្នោះ|បើមិនដូច្នេះ|ផ្ទុយទៅវិញ|បើមិន)\s*(.+))?$/iu.exec(
      s,
    );
  if (!m) return undefined;
  const condition = latinDigits(m[1] ?? '');
  const cell = new RegExp(`(${CELL})`, 'i').exec(condition);
  if (!cell) return undefined;
  const rest = condition.slice((cell.index ?? 0) + cell[0].length);
  const found = COMPARISONS.find(([re]) => re.test(rest));
  if (!found) return undefined;
  const [re, op] = found;
  const after = rest.slice((re.exec(rest)?.index ?? 0) + (re.exec(rest)?.[0].length ?? 0)).trim();
  if (!after) return undefined;
  const elsePart = m[3] === undefined ? '""' : literal(m[3]);
  return `=IF(${cell[1]!.toUpperCase()}${op}${literal(after)},${literal(m[2] ?? '')},${elsePart})`;
}

function parsePercentage(sentence: string): string | undefined {
  const s = latinDigits(sentence);
  if (!/percent|%|ភាគរយ/iu.test(s)) return undefined;
  // "20% of A1" / "20 percent of A1"
  const of = new RegExp(String.raw`(\d+(?:\.\d+)?)\s*(?:%|percent|ភាគរយ)\s*(?:of|នៃ)\s*(${CELL})`, 'iu').exec(s);
  if (of) return `=${of[2]!.toUpperCase()}*${of[1]}/100`;
  // "A2 as a percentage of A10", "percentage of A2 in A10", "ភាគរយនៃ A2 លើ A10"
  const cells = [...s.matchAll(new RegExp(CELL, 'gi'))].map((x) => x[0].toUpperCase());
  if (cells.length >= 2) return `=${cells[0]}/${cells[1]}*100`;
  return undefined;
}

export function plainToFormula(sentence: string): PlainFormulaResult {
  const text = sentence.normalize('NFC').trim();
  if (!text) return { kind: 'not-understood' };
  if (/^(if|when|បើ|ប្រសិនបើ)\b/iu.test(text) || /^(បើ|ប្រសិនបើ)/u.test(text)) {
    const formula = parseIf(text);
    return formula ? { kind: 'formula', formula, operation: 'if' } : { kind: 'not-understood' };
  }
  const percentage = parsePercentage(text);
  if (percentage) return { kind: 'formula', formula: percentage, operation: 'percentage' };
  const fn = FUNCTIONS.find((f) => f.words.test(text));
  const range = findRange(text);
  if (!fn || !range) return { kind: 'not-understood' };
  return { kind: 'formula', formula: `=${fn.fn}(${range})`, operation: fn.op };
}

/** The offline assistant: the parser above, and nothing else. */
export function createOfflineFormulaAssistant(): FormulaAssistant {
  return { formulaFor: (sentence) => Promise.resolve(plainToFormula(sentence)) };
}
