import { describe, expect, it } from 'vitest';
import { numberedName, safeFileName } from './file-name.js';

describe('file names from titles', () => {
  it('keeps Khmer, drops separators, control characters and leading dots or dashes', () => {
    expect(safeFileName('របាយការណ៍ប្រចាំខែ', 'pdf')).toBe('របាយការណ៍ប្រចាំខែ.pdf');
    expect(safeFileName('../របាយការណ៍: ខែមករា', 'pdf')).toBe('របាយការណ៍ ខែមករា.pdf');
    expect(safeFileName('-rf *', 'docx')).toBe('rf.docx');
    expect(safeFileName('a\u0000b\nc/d\\e', 'odt')).toBe('a b c d e.odt');
    expect(safeFileName('  ...  ', 'xlsx')).toBe('document.xlsx');
    expect(safeFileName('ក'.repeat(200), 'pdf')).toBe(`${'ក'.repeat(80)}.pdf`);
  });
  it('numbers a taken name before its extension', () => {
    expect(numberedName('ឯកសារ.pdf', 1)).toBe('ឯកសារ.pdf');
    expect(numberedName('ឯកសារ.pdf', 2)).toBe('ឯកសារ (2).pdf');
    expect(numberedName('notes', 3)).toBe('notes (3)');
  });
});
