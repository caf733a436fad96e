// `koompi convert` in process: the command's own arguments, real conversions
// in a private folder, office errors in the person's language with the exit
// codes of docs/cli.md, and JSON for scripts. (convert.e2e.test.ts spawns the bin.)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadTranslator, type ConvertOptions, type Locale } from '@koompi/core';
import { convertCommand, parseConvertArgs, type Converter } from '../src/commands/convert.js';
import type { Context } from '../src/context.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-convert-cli-'));
const at = (name: string) => path.join(dir, name);
fs.writeFileSync(at('notes.md'), '# កំណត់ត្រា\n\nសិស្សទាំងអស់។\n\n## ស្លាយទីពីរ\n\n- មួយ\n- ពីរ\n');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** What convert uses of the context: the translator, the terminal, --json and the environment. */
function run(
  args: string[],
  { locale = 'en', json = false }: { locale?: Locale; json?: boolean } = {},
  convert?: Converter,
) {
  const out: string[] = [];
  const err: string[] = [];
  const env = { HOME: dir, XDG_CONFIG_HOME: path.join(dir, '.config') };
  const ctx = {
    t: loadTranslator('cli', { env, locale }),
    io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) },
    options: { json, yes: false, help: false },
    env,
  } as unknown as Context;
  return convertCommand(ctx, args, convert).then((code) => ({ code, out, err }));
}

describe('koompi convert arguments', () => {
  it('reads IN OUT, --as slides or --as=slides, and --overwrite anywhere', () => {
    expect(parseConvertArgs(['a.md', 'b.pdf'])).toEqual({
      kind: 'ok',
      input: 'a.md',
      output: 'b.pdf',
      overwrite: false,
    });
    expect(parseConvertArgs(['--as', 'slides', 'a.md', '--overwrite', 'b.pdf'])).toEqual({
      kind: 'ok',
      input: 'a.md',
      output: 'b.pdf',
      as: 'slides',
      overwrite: true,
    });
    expect(parseConvertArgs(['a.md', 'b.pdf', '--as=document'])).toMatchObject({ as: 'document' });
    expect(parseConvertArgs(['-notes.md', 'b.pdf'])).toMatchObject({ input: '-notes.md' });
    expect(parseConvertArgs(['a.md'])).toMatchObject({ kind: 'usage', key: 'convert.missingFiles' });
    expect(parseConvertArgs(['a.md', 'b.pdf', '--as'])).toMatchObject({ kind: 'usage', key: 'convert.missingAs' });
    expect(parseConvertArgs(['a.md', 'b.pdf', '--as', 'movie'])).toMatchObject({ key: 'convert.badAs' });
    expect(parseConvertArgs(['a.md', 'b.pdf', 'c.pdf'])).toMatchObject({ key: 'error.tooMany' });
  });

  it('passes them to convertFile as options', async () => {
    const calls: Array<[string, string, ConvertOptions]> = [];
    const fake: Converter = async (input, output, options) => {
      calls.push([input, output, options]);
      return { ok: false, error: { kind: 'exists', path: output } };
    };
    await run(['a.md', 'b.pptx', '--as', 'slides', '--overwrite'], {}, fake);
    await run(['a.md', 'b.pdf'], {}, fake);
    expect(calls).toEqual([
      ['a.md', 'b.pptx', { overwrite: true, as: 'slides' }],
      ['a.md', 'b.pdf', { overwrite: false }],
    ]);
  });
});

describe('koompi convert, in process', () => {
  it('converts and says so, in Khmer; with --json, one object with absolute paths', async () => {
    const km = await run([at('notes.md'), at('notes.docx')], { locale: 'km' });
    expect(km.code).toBe(0);
    expect(km.out).toHaveLength(1);
    expect(km.out[0]).toMatch(new RegExp(`^បានបម្លែង ${at('notes.md')} ទៅជា ${at('notes.docx')} \\([\\d,]+ បៃ\\)។$`));
    const json = await run([at('notes.md'), at('deck.html'), '--as', 'slides'], { json: true });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out[0]!)).toEqual({
      input: at('notes.md'),
      output: at('deck.html'),
      kind: 'slides',
      from: 'md',
      to: 'html',
      bytes: fs.statSync(at('deck.html')).size,
    });
  });

  it('refuses to replace a file (exit 1), says why in Khmer from the office bundle and how to allow it', async () => {
    fs.writeFileSync(at('keep.docx'), 'keep');
    const r = await run([at('notes.md'), at('keep.docx')], { locale: 'km' });
    expect(r.code).toBe(1);
    expect(r.err).toEqual([
      `${at('keep.docx')} មានរួចហើយ។ សូមជ្រើសឈ្មោះផ្សេង ឬអនុញ្ញាតឲ្យជំនួសវា។`,
      'បន្ថែម --overwrite ដើម្បីជំនួសវា។',
    ]);
    expect(fs.readFileSync(at('keep.docx'), 'utf8')).toBe('keep');
  });

  it('maps office errors to exit codes: a bad pair or path is usage (2), a bad file is failure (1)', async () => {
    const pair = await run([at('notes.md'), at('notes.xlsx')], { json: true });
    expect(pair.code).toBe(2);
    expect(JSON.parse(pair.out[0]!).error).toMatchObject({ code: 'unsupported-format', path: expect.any(String) });
    fs.writeFileSync(at('marks.csv'), 'a,1\n');
    const same = await run([at('marks.csv'), at('marks.csv')], { json: true });
    expect(same.code).toBe(2);
    expect(JSON.parse(same.out[0]!).error).toMatchObject({ code: 'invalid-path', reason: 'same-as-input' });
    const missing = await run([at('missing.md'), at('missing.pdf')], { json: true });
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.out[0]!)).toEqual({
      error: {
        code: 'unreadable',
        message: `Cannot read ${at('missing.md')} (there is no such file).`,
        path: at('missing.md'),
        reason: 'ENOENT',
      },
    });
    fs.writeFileSync(at('broken.docx'), 'not a zip');
    const corrupt = await run([at('broken.docx'), at('broken.pdf')], { locale: 'km' });
    expect(corrupt.code).toBe(1);
    expect(corrupt.err[0]).toContain('មិនមែនជាឯកសារ docx ត្រឹមត្រូវទេ');
  });

  it('usage errors exit 2 with a hint, or one JSON error object', async () => {
    const r = await run(['only-one.md'], { locale: 'km' });
    expect(r.code).toBe(2);
    expect(r.err[0]).toContain('koompi convert notes.md notes.pdf');
    expect(r.err[1]).toContain('koompi convert --help');
    const j = await run(['a.md', 'b.pdf', '--as', 'movie'], { json: true });
    expect(j.code).toBe(2);
    expect(j.out).toHaveLength(1);
    expect(JSON.parse(j.out[0]!)).toEqual({
      error: { code: 'usage', message: '"movie" is not something --as takes. Use slides or document.' },
    });
  });
});
