import { describe, expect, it } from 'vitest';
import { extensionOf, planConversion } from './convert-plan.js';

describe('conversion plans', () => {
  it('routes by extension', () => {
    expect(planConversion('a.md', 'b.PDF')).toEqual({ kind: 'document', from: 'md', to: 'pdf' });
    expect(planConversion('a.md', 'b.pdf', 'slides')).toEqual({ kind: 'slides', from: 'md', to: 'pdf' });
    expect(planConversion('a.md', 'b.pptx')).toEqual({ kind: 'slides', from: 'md', to: 'pptx' });
    expect(planConversion('a.docx', 'b.odt')).toEqual({ kind: 'document', from: 'docx', to: 'odt' });
    expect(planConversion('a.csv', 'b.xlsx')).toEqual({ kind: 'sheet', from: 'csv', to: 'xlsx' });
  });
  it('refuses what it cannot do', () => {
    expect(planConversion('a.md', 'b.xlsx')).toBeUndefined();
    expect(planConversion('a.csv', 'b.pptx', 'slides')).toBeUndefined();
    expect(planConversion('a.exe', 'b.pdf')).toBeUndefined();
    expect(planConversion('.md', 'b.pdf')).toBeUndefined();
    expect(extensionOf('dir.v2/file')).toBe('');
  });
});
