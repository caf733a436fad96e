import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { heading, list, paragraph, table, type OfficeDocument } from '../document/model.js';
import { documentToOdt } from '../document/odt.js';
import { odtToDocument } from '../document/odt-import.js';
import { documentFormatOf, openDocumentFile, saveDocumentFile } from './documents.js';

// a 2×1 PNG
const PNG = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAYAAAD0In+KAAAAEUlEQVR4nGP4z8DwHwyBDABe4Af5QJk8MgAAAABJRU5ErkJggg==',
    'base64',
  ),
);

const DOC: OfficeDocument = {
  title: 'របាយការណ៍ប្រចាំខែ',
  lang: 'km-KH',
  blocks: [
    heading(1, 'របាយការណ៍ប្រចាំខែ'),
    paragraph(
      'សិស្ស ',
      { text: 'ដិត', bold: true },
      ' ',
      { text: 'ទ្រេត', italic: true },
      ' ',
      { text: 'គូស', underline: true },
      '។',
    ),
    { kind: 'paragraph', runs: [{ text: 'កណ្ដាល  ពីរដកឃ្លា\tថេប\nបន្ទាត់ថ្មី' }], align: 'center' },
    heading(2, 'ពិន្ទុ'),
    list(false, ['មួយ', 'ពីរ']),
    list(true, ['ទីមួយ', 'ទីពីរ']),
    table([
      ['ឈ្មោះ', 'ពិន្ទុ'],
      ['សុខា', '៩៥'],
    ]),
    { kind: 'page-break' },
    heading(3, 'រូបភាព'),
    { kind: 'image', mime: 'image/png', data: PNG, width: 2, height: 1, alt: 'រូបភាពតូច' },
  ],
};

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-docs-'));

describe('ODT import', () => {
  it('reads back everything the ODT writer writes, Khmer included', async () => {
    const back = await odtToDocument(await documentToOdt(DOC));
    expect(back.title).toBe(DOC.title);
    expect(back.lang).toBe('km-KH');
    expect(back.blocks).toEqual(DOC.blocks);
  });

  it('throws on bytes that are not an ODT', async () => {
    await expect(odtToDocument(new TextEncoder().encode('not a zip'))).rejects.toThrow();
  });
});

describe('openDocumentFile / saveDocumentFile', () => {
  it('knows the formats by extension', () => {
    expect(['a.ODT', 'b.docx', 'c.md', 'd.markdown', 'e.txt', 'f.pdf'].map(documentFormatOf)).toEqual([
      'odt',
      'docx',
      'md',
      'md',
      'txt',
      undefined,
    ]);
  });

  it('round-trips ODT and DOCX: open → save → open gives the same blocks', async () => {
    const dir = tmp();
    for (const ext of ['odt', 'docx']) {
      const file = path.join(dir, `ឯកសារ.${ext}`);
      const saved = await saveDocumentFile(file, DOC);
      expect(saved.ok).toBe(true);
      const opened = await openDocumentFile(file);
      if (!opened.ok) throw new Error(JSON.stringify(opened.error));
      expect(opened.value.format).toBe(ext);
      const expected =
        ext === 'odt' ? DOC.blocks : DOC.blocks.filter((b) => b.kind !== 'page-break' && b.kind !== 'image');
      const got = ext === 'odt' ? opened.value.doc.blocks : opened.value.doc.blocks.filter((b) => b.kind !== 'image');
      if (ext === 'odt') expect(got).toEqual(expected);
      else {
        // mammoth gives DOCX's headings, runs, lists and tables; alignment and tabs are not part of its HTML
        expect(got.map((b) => b.kind)).toEqual(expected.map((b) => b.kind));
        expect(got[0]).toEqual(DOC.blocks[0]);
        expect(got[1]).toEqual(DOC.blocks[1]);
        expect(got.slice(3)).toEqual(expected.slice(3));
      }
      // saving what was opened replaces the file and reads back the same again
      expect((await saveDocumentFile(file, opened.value.doc)).ok).toBe(true);
      const again = await openDocumentFile(file);
      expect(again.ok && again.value.doc.blocks).toEqual(opened.value.doc.blocks);
    }
    expect(fs.readdirSync(dir).sort()).toEqual(['ឯកសារ.docx', 'ឯកសារ.odt']);
  });

  it('opens Markdown and plain text (Khmer), and saves plain text', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'a.md'), '# ចំណងជើង\n\nអត្ថបទ **ដិត**។\n');
    fs.writeFileSync(path.join(dir, 'b.txt'), '\uFEFFបន្ទាត់មួយ\r\n\r\nបន្ទាត់ពីរ\n');
    const md = await openDocumentFile(path.join(dir, 'a.md'));
    expect(md.ok && md.value.doc.blocks).toEqual([
      heading(1, 'ចំណងជើង'),
      paragraph('អត្ថបទ ', { text: 'ដិត', bold: true }, '។'),
    ]);
    const txt = await openDocumentFile(path.join(dir, 'b.txt'));
    expect(txt.ok && txt.value.doc.blocks).toEqual([paragraph('បន្ទាត់មួយ'), paragraph('បន្ទាត់ពីរ')]);
    expect(txt.ok && txt.value.doc.title).toBe('b');
    if (!txt.ok) return;
    expect((await saveDocumentFile(path.join(dir, 'c.txt'), txt.value.doc)).ok).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'c.txt'), 'utf8')).toBe('បន្ទាត់មួយ\nបន្ទាត់ពីរ\n');
  });

  it('says why a file cannot be opened or saved, and leaves the old file whole', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'broken.odt'), 'PK\u0003\u0004 broken');
    fs.writeFileSync(path.join(dir, 'latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9]));
    const broken = await openDocumentFile(path.join(dir, 'broken.odt'));
    expect(!broken.ok && broken.error.kind).toBe('corrupt');
    const latin1 = await openDocumentFile(path.join(dir, 'latin1.txt'));
    expect(!latin1.ok && latin1.error.kind).toBe('corrupt');
    const missing = await openDocumentFile(path.join(dir, 'none.odt'));
    expect(!missing.ok && missing.error).toMatchObject({ kind: 'unreadable', reason: 'ENOENT' });
    const pdf = await openDocumentFile(path.join(dir, 'a.pdf'));
    expect(!pdf.ok && pdf.error.kind).toBe('unsupported-format');
    const md = await saveDocumentFile(path.join(dir, 'a.md'), DOC);
    expect(!md.ok && md.error.kind).toBe('unsupported-format');
    const noFolder = await saveDocumentFile(path.join(dir, 'missing', 'a.odt'), DOC);
    expect(!noFolder.ok && noFolder.error.kind).toBe('write-failed');
    if (process.getuid?.() !== 0) {
      const ro = path.join(dir, 'ro');
      fs.mkdirSync(ro);
      const file = path.join(ro, 'a.odt');
      expect((await saveDocumentFile(file, DOC)).ok).toBe(true);
      const before = fs.readFileSync(file);
      fs.chmodSync(ro, 0o500);
      const r = await saveDocumentFile(file, { ...DOC, blocks: [paragraph('ថ្មី')] });
      fs.chmodSync(ro, 0o700);
      expect(!r.ok && r.error).toMatchObject({ kind: 'write-failed', reason: 'EACCES' });
      expect(fs.readFileSync(file)).toEqual(before);
      expect(fs.readdirSync(ro)).toEqual(['a.odt']);
    }
  });
});

describe('DOCX complex-script formatting', () => {
  it('reads Khmer bold and italic marked only as w:bCs / w:iCs (as LibreOffice and Word write them)', async () => {
    const { complexScriptFormatting } = await import('./docx-import.js');
    expect(complexScriptFormatting('<w:r><w:rPr><w:bCs/></w:rPr><w:t>ដិត</w:t></w:r>')).toBe(
      '<w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t>ដិត</w:t></w:r>',
    );
    expect(complexScriptFormatting('<w:rPr><w:iCs w:val="0"/></w:rPr>')).toBe(
      '<w:rPr><w:i w:val="0"/><w:iCs w:val="0"/></w:rPr>',
    );
    expect(complexScriptFormatting('<w:rPr><w:b/><w:bCs/></w:rPr>')).toBe('<w:rPr><w:b/><w:bCs/></w:rPr>');
  });
});

describe('a full disk', () => {
  // a real full file system: a 64 KiB tmpfs (mounting needs root, which the CI machine is)
  it.skipIf(process.getuid?.() !== 0)(
    'refuses the save with ENOSPC and leaves the old file whole, no temporary file',
    async () => {
      const { spawnSync } = await import('node:child_process');
      const dir = tmp();
      const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir]);
      expect(mounted.status, mounted.stderr?.toString()).toBe(0);
      try {
        const file = path.join(dir, 'កិច្ចការ.odt');
        expect((await saveDocumentFile(file, DOC)).ok).toBe(true);
        const before = fs.readFileSync(file);
        // random bytes do not compress: far more than the 64 KiB the disk has
        const noise = Uint8Array.from({ length: 200_000 }, () => Math.floor(Math.random() * 256));
        const big = {
          ...DOC,
          blocks: [
            ...DOC.blocks,
            {
              kind: 'image' as const,
              mime: 'image/png' as const,
              data: Uint8Array.from([...PNG, ...noise]),
              width: 2,
              height: 1,
              alt: '',
            },
          ],
        };
        const r = await saveDocumentFile(file, big);
        expect(!r.ok && r.error).toMatchObject({ kind: 'write-failed', reason: 'ENOSPC' });
        expect(fs.readFileSync(file)).toEqual(before);
        expect(fs.readdirSync(dir)).toEqual(['កិច្ចការ.odt']);
      } finally {
        spawnSync('umount', [dir]);
      }
    },
  );
});
