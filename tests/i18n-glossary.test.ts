// One Khmer word for one thing: every Khmer string in the bundles, the help
// pages and the desktop, metainfo and polkit files uses the glossary's word
// (i18n/glossary.json), never a forbidden variant, and one side of each
// spelling convention (្ដ not ្ត in the listed words, ឲ្យ not ឱ្យ).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { flattenMessages } from '@koompi/core';
import { repoRoot } from './support/qt-env.js';

interface Term {
  readonly en: string;
  readonly km: string;
  /** A variant in double quotes forbids only a whole string equal to it. */
  readonly forbidden: readonly string[];
  /** `file:key` (bundles) or `file` (others) where the variant is a different thing. */
  readonly except?: readonly string[];
}
interface Convention {
  readonly name: string;
  readonly use: readonly string[];
  readonly not: readonly string[];
}
interface Glossary {
  readonly terms: readonly Term[];
  readonly conventions: readonly Convention[];
  readonly latinOnly: { readonly keys: readonly string[] };
}
interface KhmerString {
  /** `file:key` for a bundle, `file:line` elsewhere. */
  readonly where: string;
  readonly text: string;
}

const glossary = JSON.parse(fs.readFileSync(path.join(repoRoot, 'i18n/glossary.json'), 'utf8')) as Glossary;
const KHMER = /[\u1780-\u17FF]/;

/** Every problem in `strings`, as "where: what". */
export function glossaryProblems(strings: readonly KhmerString[], g: Glossary): string[] {
  const problems: string[] = [];
  for (const { where, text } of strings) {
    for (const term of g.terms) {
      if (term.except?.some((e) => where === e || where.startsWith(`${e}:`))) continue;
      for (const variant of term.forbidden) {
        const whole = variant.length > 2 && variant.startsWith('"') && variant.endsWith('"');
        const hit = whole ? text.trim() === variant.slice(1, -1) : text.includes(variant);
        if (hit) problems.push(`${where}: "${variant}" for ${term.en}; use ${term.km}`);
      }
    }
    for (const convention of g.conventions) {
      convention.not.forEach((wrong, i) => {
        if (text.includes(wrong))
          problems.push(`${where}: ${wrong}; write ${convention.use[i] ?? convention.use[0]} (${convention.name})`);
      });
    }
  }
  return problems;
}

function bundleStrings(): KhmerString[] {
  const dir = path.join(repoRoot, 'i18n/km');
  return fs.readdirSync(dir).flatMap((file) =>
    Object.entries(flattenMessages(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')))).map(([key, text]) => ({
      where: `${file}:${key}`,
      text,
    })),
  );
}

function lineStrings(files: readonly string[], keep: (line: string) => boolean): KhmerString[] {
  return files.flatMap((file) =>
    fs
      .readFileSync(path.join(repoRoot, file), 'utf8')
      .split('\n')
      .map((text, i) => ({ where: `${path.basename(file)}:${i + 1}`, text }))
      .filter(({ text }) => KHMER.test(text) && keep(text)),
  );
}

const list = (dir: string, ext: string): string[] =>
  fs
    .readdirSync(path.join(repoRoot, dir))
    .filter((f) => f.endsWith(ext))
    .map((f) => path.join(dir, f));

function allKhmerStrings(): KhmerString[] {
  const kmLine = (line: string) => /\[km\]=|xml:lang="km"/.test(line);
  return [
    ...bundleStrings(),
    ...lineStrings(list('docs/help/km', '.md'), () => true),
    ...lineStrings(
      [
        ...list('plasma-integration/applications', '.desktop'),
        ...list('plasma-integration/krunner', '.desktop'),
        ...list('plasma-integration/metainfo', '.xml'),
        ...list('plasma-integration/polkit', '.policy'),
      ],
      kmLine,
    ),
  ];
}

describe('Khmer glossary', () => {
  it('is used by every Khmer string in the bundles, help pages, desktop, metainfo and polkit files', () => {
    const strings = allKhmerStrings();
    expect(strings.length).toBeGreaterThan(400);
    expect(glossaryProblems(strings, glossary)).toEqual([]);
  });

  it('catches a forbidden word, a whole-string variant and a mixed convention', () => {
    const fixture: KhmerString[] = [
      { where: 'chat.json:action.noSnapshots', text: 'មិនទាន់មានរូបថតប្រព័ន្ធនៅឡើយទេ។' },
      { where: 'chat.json:action.undoButton', text: 'ត្រឡប់វិញ' },
      { where: 'classroom.json:class.start', text: 'ចាប់ផ្តើមថ្នាក់' },
      { where: 'classroom.json:roster.empty', text: 'ដើម្បីឱ្យពួកគេចូលរួម។' },
      { where: 'ok.json:fine', text: 'មិនទាន់មានចំណុចស្ដារនៅឡើយទេ។ ចាប់ផ្ដើមថ្នាក់ ដើម្បីឲ្យពួកគេចូលរួម។' },
    ];
    const problems = glossaryProblems(fixture, glossary);
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/noSnapshots: "រូបថតប្រព័ន្ធ" for snapshot/);
    expect(problems.join('\n')).toMatch(/undoButton: "\\"ត្រឡប់វិញ\\"" for undo|undoButton: ""ត្រឡប់វិញ"" for undo/);
    expect(problems.join('\n')).toMatch(/class\.start: ផ្តើម; write ផ្ដើម/);
    expect(problems.join('\n')).toMatch(/roster\.empty: ឱ្យ; write ឲ្យ/);
  });

  it('leaves the boot-menu title in Latin script, which systemd-boot can draw', () => {
    const byWhere = new Map(bundleStrings().map((s) => [s.where, s.text]));
    for (const key of glossary.latinOnly.keys) {
      expect(byWhere.get(key), key).toMatch(/^[\x20-\x7E]+$/);
    }
  });
});
