/**
 * What the three office apps share at start-up: arguments, the display check,
 * the export folder, and writing an export without losing anything.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeFileAtomic, type OfficeError, type Translator } from '@koompi/core';
import { parseArgs, type AppArgs } from './args.js';

export function hasDisplay(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env['DISPLAY'] || env['WAYLAND_DISPLAY'] || env['QT_QPA_PLATFORM']);
}

/** Handles --help/--version/errors/no display; returns an exit code, or the args to run with. */
export function startup(bin: string, appName: string, version: string, office: Translator): AppArgs | number {
  const args = parseArgs(process.argv.slice(2));
  switch (args.kind) {
    case 'help':
      process.stdout.write(`${office('common.usage', { bin })}\n`);
      return 0;
    case 'version':
      process.stdout.write(`${bin} ${version}\n`);
      return 0;
    case 'error':
      process.stderr.write(`${office(args.key, { arg: args.arg })}\n${office('common.usage', { bin })}\n`);
      return 2;
    case 'screenshot':
      process.env['QT_QPA_PLATFORM'] = 'offscreen';
      return args;
    case 'run':
      if (!hasDisplay(process.env)) {
        process.stderr.write(`${office('common.displayMissing', { app: appName, bin })}\n`);
        return 3;
      }
      return args;
  }
}

/** ~/Documents when it exists, else home: where exports go. */
export function exportFolder(env: NodeJS.ProcessEnv = process.env): string {
  const home = env['HOME'] || os.homedir();
  const docs = path.join(home, 'Documents');
  return fs.existsSync(docs) ? docs : home;
}

/** A file name from a title: no slashes, no leading dots, Khmer kept. */
export function safeFileName(title: string, ext: string): string {
  const base =
    title
      .replace(/[\\/:*?"<>|\u0000-\u001f]+/gu, ' ')
      .replace(/^[.\s-]+/, '')
      .trim()
      .slice(0, 80) || 'document';
  return `${base}.${ext}`;
}

/** Writes an export next to others without replacing any: "name.pdf", "name (2).pdf", … */
export function saveExport(
  folder: string,
  title: string,
  ext: string,
  data: Uint8Array,
): { ok: true; path: string } | { ok: false; error: OfficeError } {
  const name = safeFileName(title, ext);
  for (let n = 1; n < 1000; n++) {
    const file = path.join(folder, n === 1 ? name : name.replace(/(\.[^.]+)$/, ` (${n})$1`));
    const r = writeFileAtomic(file, data, false);
    if (r.ok) return { ok: true, path: file };
    if (r.error.kind !== 'exists') return { ok: false, error: r.error };
  }
  return { ok: false, error: { kind: 'exists', path: path.join(folder, name) } };
}

/** An office error in the person's language. */
export function describeOfficeError(office: Translator, error: OfficeError): string {
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(error))
    if (k !== 'kind') params[k] = Array.isArray(v) ? v.join('; ') : (v as string | number);
  return office(`error.${error.kind}`, params);
}

export function appVersion(appRoot: string): string {
  return (JSON.parse(fs.readFileSync(path.join(appRoot, 'package.json'), 'utf8')) as { version: string }).version;
}
