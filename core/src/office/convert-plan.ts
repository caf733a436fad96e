/**
 * Which conversions `koompi convert` offers, decided from file extensions alone
 * (pure, so the CLI can list them and tests can check them without files).
 */

export type DocumentReader = 'md' | 'docx';
export type SheetReader = 'csv' | 'xlsx';

export type ConversionPlan =
  | { readonly kind: 'document'; readonly from: DocumentReader; readonly to: 'docx' | 'pdf' | 'odt' }
  | { readonly kind: 'slides'; readonly from: DocumentReader; readonly to: 'pptx' | 'pdf' | 'html' }
  | { readonly kind: 'sheet'; readonly from: SheetReader; readonly to: 'xlsx' | 'csv' | 'pdf' };

export type ConvertAs = 'document' | 'slides';

const DOC_IN: Record<string, DocumentReader> = { md: 'md', markdown: 'md', txt: 'md', docx: 'docx' };
const SHEET_IN: Record<string, SheetReader> = { csv: 'csv', xlsx: 'xlsx' };

/** Lower-case extension without the dot; `''` when there is none. */
export function extensionOf(path: string): string {
  const name = path.split(/[\\/]/).pop() ?? '';
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** Every conversion offered, as `in → out` strings (for help and error messages). */
export const SUPPORTED_CONVERSIONS: readonly string[] = [
  '.md/.txt/.docx → .docx .pdf .odt',
  '.md/.txt/.docx --as slides → .pptx .pdf .html',
  '.csv/.xlsx → .xlsx .csv .pdf',
];

export function planConversion(input: string, output: string, as?: ConvertAs): ConversionPlan | undefined {
  const from = extensionOf(input);
  const to = extensionOf(output);
  const doc = DOC_IN[from];
  if (doc) {
    const slides = as === 'slides' || (as === undefined && (to === 'pptx' || to === 'html'));
    if (slides) return to === 'pptx' || to === 'pdf' || to === 'html' ? { kind: 'slides', from: doc, to } : undefined;
    return to === 'docx' || to === 'pdf' || to === 'odt' ? { kind: 'document', from: doc, to } : undefined;
  }
  const sheet = SHEET_IN[from];
  if (sheet && as !== 'slides')
    return to === 'xlsx' || to === 'csv' || to === 'pdf' ? { kind: 'sheet', from: sheet, to } : undefined;
  return undefined;
}
