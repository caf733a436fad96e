import { describe, expect, it } from 'vitest';
import { htmlToDocument, imageSize } from './html.js';
import { markdownToDocument } from './markdown.js';
import { documentText } from './model.js';

describe('Markdown import', () => {
  it('reads headings, formatted runs, lists and tables', async () => {
    const doc = await markdownToDocument(
      '# ចំណងជើង\n\nអត្ថបទ **ដិត** និង *ទ្រេត*។\n\n1. មួយ\n2. ពីរ\n\n- a\n- b\n\n| ក | ខ |\n|---|---|\n| 1 | 2 |\n',
    );
    expect(doc.title).toBe('ចំណងជើង');
    expect(doc.lang).toBe('km-KH');
    expect(doc.blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'list', 'list', 'table']);
    const p = doc.blocks[1];
    expect(p?.kind === 'paragraph' && p.runs).toEqual([
      { text: 'អត្ថបទ ' },
      { text: 'ដិត', bold: true },
      { text: ' និង ' },
      { text: 'ទ្រេត', italic: true },
      { text: '។' },
    ]);
    expect(documentText(doc)).toContain('ក\tខ\n1\t2');
  });
  it('limits heading levels to three and keeps image alt text', async () => {
    const doc = await markdownToDocument('#### deep\n\n![រូបភាព](x.png)');
    expect(doc.blocks[0]).toMatchObject({ kind: 'heading', level: 3 });
    expect(documentText(doc)).toContain('រូបភាព');
  });
});

describe('HTML import (mammoth and Qt)', () => {
  it('reads tags and Qt inline styles', () => {
    const doc = htmlToDocument(
      '<html><head><style>p{}</style></head><body><h1>T</h1><p>a <span style=" font-weight:700;">b</span> <strong>c</strong> <em>d</em> <u>e</u> &amp; &#x1780;</p><ul><li>x</li><li>y</li></ul><table><tr><th>h</th></tr><tr><td>v</td></tr></table></body></html>',
    );
    expect(doc.blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'list', 'table']);
    const p = doc.blocks[1];
    expect(p?.kind === 'paragraph' && p.runs).toEqual([
      { text: 'a ' },
      { text: 'b', bold: true },
      { text: ' ' },
      { text: 'c', bold: true },
      { text: ' ' },
      { text: 'd', italic: true },
      { text: ' ' },
      { text: 'e', underline: true },
      { text: ' & ក' },
    ]);
    expect(doc.blocks[3]).toMatchObject({ kind: 'table', header: true });
  });
  it('reads PNG sizes and ignores broken images', () => {
    const png = Uint8Array.from([
      0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 7, 0, 0, 0, 5, 8,
    ]);
    expect(imageSize(png)).toEqual({ width: 7, height: 5 });
    expect(htmlToDocument('<p><img src="data:image/png;base64,AAAA"></p>').blocks).toEqual([]);
  });
  it('turns paragraphs typed wholly in a heading size into headings when asked', () => {
    const qt =
      '<body style=" font-size:12pt;"><p><span style=" font-size:22pt; font-weight:700;">ចំណងជើង</span></p>' +
      '<p><span style=" font-size:17pt; font-weight:700;">ផ្នែក </span><span style=" font-size:17pt; font-weight:700; font-style:italic;">ទី១</span></p>' +
      '<p>អត្ថបទ <span style=" font-size:22pt;">ធំ</span></p><p>ធម្មតា <span style=" font-weight:700;">ដិត</span></p></body>';
    const sizes = { 22: 1, 17: 2, 14: 3 } as const;
    expect(htmlToDocument(qt, '', { headingSizes: sizes }).blocks).toEqual([
      { kind: 'heading', level: 1, runs: [{ text: 'ចំណងជើង' }] },
      { kind: 'heading', level: 2, runs: [{ text: 'ផ្នែក ' }, { text: 'ទី១', italic: true }] },
      { kind: 'paragraph', runs: [{ text: 'អត្ថបទ ធំ' }] },
      { kind: 'paragraph', runs: [{ text: 'ធម្មតា ' }, { text: 'ដិត', bold: true }] },
    ]);
    expect(htmlToDocument(qt).blocks.map((b) => b.kind)).toEqual(['paragraph', 'paragraph', 'paragraph', 'paragraph']);
  });
});
