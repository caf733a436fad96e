import { expect, it } from 'vitest';
import { heading, htmlToDocument, list, paragraph, templateDocument } from '@koompi/core';
import { documentToHtml } from './document-html.js';

it('round-trips a document through the editor HTML', () => {
  const doc = {
    title: 't',
    blocks: [heading(1, 'ចំណងជើង'), paragraph('a ', { text: 'b<', bold: true }), list(true, ['x'])],
  };
  expect(htmlToDocument(documentToHtml(doc)).blocks).toEqual(doc.blocks);
  expect(documentToHtml(templateDocument('letter', 'km'))).toContain('<h1>លិខិត</h1>');
});
