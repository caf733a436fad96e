// The real Write window, offscreen: Khmer typed in the Heading 1 style and in
// a paragraph with a bold word, exported as DOCX and PDF with the buttons, and
// read back by mammoth and pdftotext; the heading found in the screenshot.
import fs from 'node:fs';
import path from 'node:path';
import mammoth from 'mammoth';
import { beforeAll, describe, expect, it } from 'vitest';
import { bestMatch, readInk } from '../../../tests/support/image-match.js';
import { lastJson, offscreenEnv, repoRoot, runNode } from '../../../tests/support/qt-env.js';
import { pdfText, squash } from '../../../tests/office/tools.js';

const artifacts = path.join(repoRoot, 'artifacts', 'write');
const bin = path.join(repoRoot, 'apps/write/bin/koompi-write.js');
const HEADING = 'របាយការណ៍ប្រចាំខែមករា';
const BODY = 'សិស្សានុសិស្សទាំងអស់ត្រូវការសៀវភៅថ្មី';
const BOLD = 'គ្រូបង្រៀន';
const NOT_TYPED = 'ពិធីបុណ្យចូលឆ្នាំថ្មី';

interface Driven {
  saved: boolean;
  templateText: string;
  typed: string;
  docxStatus: string;
  pdfStatus: string;
  againStatus: string;
  exports: string[];
  accessibleNames: string[];
  styles: string[];
}

describe('KOOMPI Write window (offscreen, Khmer)', () => {
  let driven: Driven;
  const exported = (name: string) => path.join(artifacts, 'exports', name);

  beforeAll(() => {
    fs.rmSync(artifacts, { recursive: true, force: true });
    fs.mkdirSync(artifacts, { recursive: true });
    const r = runNode(
      [path.join(repoRoot, 'apps/write/test/drive-write.mjs'), artifacts, HEADING, BODY, BOLD, NOT_TYPED],
      offscreenEnv({ LANG: 'km_KH.UTF-8', LC_ALL: '', LANGUAGE: '' }),
      60_000,
    );
    expect(r.status, r.stderr).toBe(0);
    driven = lastJson<Driven>(r.stdout);
  }, 90_000);

  it('opens on a Khmer template and takes typed Khmer as typed', () => {
    expect(driven.templateText.split('\n')[0]).toBe('របាយការណ៍');
    expect(driven.typed).toBe(`${HEADING}\n${BODY} ${BOLD}។`);
    expect(driven.styles).toEqual(['កថាខណ្ឌ', 'ចំណងជើង ១', 'ចំណងជើង ២', 'ចំណងជើង ៣']);
  });

  it('exports DOCX with the heading style and the bold word, named after the heading, never replacing a file', async () => {
    expect(driven.exports).toEqual([`${HEADING} (2).docx`, `${HEADING}.docx`, `${HEADING}.pdf`]);
    expect(driven.docxStatus).toBe(`បានរក្សាទុក ${exported(`${HEADING}.docx`)}`);
    expect(driven.againStatus).toBe(`បានរក្សាទុក ${exported(`${HEADING} (2).docx`)}`);
    const html = (await mammoth.convertToHtml({ path: exported(`${HEADING}.docx`) })).value;
    expect(html).toBe(`<h1>${HEADING}</h1><p>${BODY} <strong>${BOLD}</strong>។</p>`);
  });

  it('exports a PDF whose text reads back in logical order', () => {
    expect(driven.pdfStatus).toBe(`បានរក្សាទុក ${exported(`${HEADING}.pdf`)}`);
    const text = squash(pdfText(exported(`${HEADING}.pdf`)));
    expect(text).toBe(squash(`${HEADING}\n${BODY} ${BOLD}។`));
  });

  it('shows the typed heading in the screenshot, and not text that was never typed', () => {
    expect(driven.saved).toBe(true);
    const typed = readInk(path.join(artifacts, 'write-typed.png'));
    const template = readInk(path.join(artifacts, 'write-template.png'));
    const heading = readInk(path.join(artifacts, 'reference-heading.png'));
    const other = readInk(path.join(artifacts, 'reference-not-typed.png'));
    expect(bestMatch(typed, heading).score).toBeGreaterThan(0.5);
    expect(bestMatch(template, heading).score).toBeLessThan(0.2);
    expect(bestMatch(typed, other).score).toBeLessThan(0.2);
  });

  it('names every control in Khmer', () => {
    expect(driven.accessibleNames).toHaveLength(10);
    for (const name of driven.accessibleNames) expect(name).toMatch(/[\u1780-\u17FF]/);
  });
});

describe('koompi-write on the command line', () => {
  it('--screenshot writes a PNG of the main window and exits 0, with no display', () => {
    const out = path.join(artifacts, 'screenshot-cli.png');
    const r = runNode([bin, '--screenshot', out], offscreenEnv({ LANG: 'km_KH.UTF-8' }));
    expect(r.status, r.stderr).toBe(0);
    expect(fs.readFileSync(out).subarray(1, 4).toString()).toBe('PNG');
    expect(readInk(out).width).toBeGreaterThanOrEqual(800);
  });

  it('explains in Khmer that a desktop is needed when there is none (exit 3), and refuses unknown options (exit 2)', () => {
    const env = offscreenEnv({ LANG: 'km_KH.UTF-8' });
    delete env['QT_QPA_PLATFORM'];
    const none = runNode([bin], env);
    expect(none.status).toBe(3);
    expect(none.stderr).toContain('ត្រូវការផ្ទៃតុ');
    const bad = runNode([bin, '--bogus'], offscreenEnv({ LANG: 'C' }));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('Unknown option: --bogus');
  });
});
