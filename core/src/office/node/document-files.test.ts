import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTranslator } from '../../i18n/i18n.js';
import { err, ok } from '../../base/result.js';
import { createDocumentFiles, type DocumentFilesSpec } from './document-files.js';

type Fmt = 'note' | 'plain';

const office = createTranslator({
  locale: 'en',
  messages: {
    exported: 'Saved {path}',
    'error.unreadable': 'Cannot read {path}',
  },
});

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'docfiles-'));
  dirs.push(d);
  return d;
};

/** A tiny app: `.note` keeps everything, `.plain` only opens and saves on purpose. */
const spec: DocumentFilesSpec<Fmt, { readonly text: string }, [text: string]> = {
  app: 'notes',
  own: 'note',
  untitled: 'note',
  full: ['note'],
  formatOf: (file) => (file.endsWith('.note') ? 'note' : file.endsWith('.plain') ? 'plain' : undefined),
  async read(file) {
    const abs = path.resolve(file);
    if (!fs.existsSync(abs)) return err({ kind: 'unreadable', path: abs, reason: 'missing' });
    return ok({ text: fs.readFileSync(abs, 'utf8'), path: abs, format: abs.endsWith('.note') ? 'note' : 'plain' });
  },
  async write(file, text) {
    fs.writeFileSync(file, text);
    return ok({ path: path.resolve(file), format: file.endsWith('.plain') ? 'plain' : 'note' });
  },
};

describe('createDocumentFiles', () => {
  it("saves a name without a known extension in the app's own format, and both open and save make it the first recent file", async () => {
    const state = tmp();
    const folder = tmp();
    const files = createDocumentFiles<{ text: string }, Fmt, { readonly text: string }, [text: string]>(spec, {
      office,
      folder,
      stateDir: state,
    });
    const saved = await files.save(path.join(folder, 'plan'), 'ជំរាបសួរ');
    expect(saved).toEqual({
      ok: true,
      path: path.join(folder, 'plan.note'),
      format: 'note',
      message: `Saved ${path.join(folder, 'plan.note')}`,
    });
    fs.writeFileSync(path.join(folder, 'old.plain'), 'words');
    const opened = await files.open(path.join(folder, 'old.plain'));
    expect(opened).toEqual({ ok: true, text: 'words', path: path.join(folder, 'old.plain'), format: 'plain' });
    expect(files.recent.list()).toEqual([path.join(folder, 'old.plain'), path.join(folder, 'plan.note')]);
    expect(files.keepsEverything('note')).toBe(true);
    expect(files.keepsEverything('plain')).toBe(false);
    expect(files.keepsEverything(undefined)).toBe(false);
    expect(files.stamp(path.join(folder, 'plan.note'))).toBeTypeOf('string');
  });

  it('says why a file cannot be opened, and it does not become a recent file', async () => {
    const files = createDocumentFiles(spec, { office, folder: tmp(), stateDir: tmp() });
    const r = await files.open('/nonexistent/x.note');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain('/nonexistent/x.note');
    expect(files.recent.list()).toEqual([]);
  });

  it("proposes the file's own name with the app's extension, or a safe title in the folder", () => {
    const folder = tmp();
    const files = createDocumentFiles(spec, { office, folder, stateDir: tmp() });
    expect(files.saveAsName('/home/s/old.plain', 'x')).toBe('/home/s/old.note');
    expect(files.saveAsName(undefined, 'a/b')).toBe(path.join(folder, 'a b.note'));
    expect(files.saveAsName(undefined, '  ')).toBe(path.join(folder, 'note.note'));
  });
});
