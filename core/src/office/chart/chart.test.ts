import { describe, expect, it } from 'vitest';
import { fakeShaper } from '../test/fake-shaper.js';
import { chartFromDescription, chartToSvg } from './chart.js';

const sheet = [
  ['ឈ្មោះ', 'ពិន្ទុ', 'អាយុ'],
  ['សុខា', 95, 12],
  ['ដារា', 80, 13],
];

describe('charts from a description', () => {
  it('reads type and columns by letter or by header, in English and Khmer', () => {
    const bar = chartFromDescription('bar chart of column B by column A', sheet);
    expect(bar).toEqual({
      kind: 'chart',
      spec: { type: 'bar', title: 'ពិន្ទុ', labels: ['សុខា', 'ដារា'], values: [95, 80] },
    });
    const pie = chartFromDescription('គំនូសតាងចំណិតនៃ អាយុ', sheet);
    expect(pie).toMatchObject({ kind: 'chart', spec: { type: 'pie', title: 'អាយុ', values: [12, 13] } });
    expect(chartFromDescription('line chart', sheet)).toMatchObject({ spec: { type: 'line', values: [95, 80] } });
  });
  it('says when a column has no numbers', () => {
    expect(chartFromDescription('bar chart of column A', sheet)).toEqual({ kind: 'no-numbers', column: 'A' });
  });
  it('draws SVG with text as glyph paths and an accessible label', () => {
    const r = chartFromDescription('pie chart of B', sheet);
    if (r.kind !== 'chart') throw new Error(r.kind);
    for (const type of ['bar', 'line', 'pie'] as const) {
      const svg = chartToSvg({ ...r.spec, type }, fakeShaper());
      expect(svg).toMatch(/^<\?xml/);
      expect(svg).toContain('aria-label="ពិន្ទុ"');
      expect(svg).toContain('<path transform=');
      // Qt's SVG renderer reads a percentage width as user units: the background must be sized in them
      expect(svg).toMatch(/<rect width="\d+" height="\d+" fill="#ffffff"\/>/);
    }
  });
});
