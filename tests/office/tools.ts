// Real tools the office tests check exports with: LibreOffice (headless, in a
// private profile that always recalculates formulas on load), pdftotext and
// hb-shape. Each test file skips nothing: a missing tool fails loudly.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function run(cmd: string, args: string[], timeoutMs = 180_000): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw new Error(`${cmd}: ${r.error.message} (setup installs it)`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status ?? r.signal}): ${r.stderr}`);
  return r.stdout;
}

const RECALC_ALWAYS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** A LibreOffice user profile of our own: no lock shared with anyone else's LibreOffice, formulas recomputed on load. */
export function libreOfficeProfile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-lo-'));
  fs.mkdirSync(path.join(dir, 'user'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'user', 'registrymodifications.xcu'), RECALC_ALWAYS);
  return dir;
}

/** Converts many files in one LibreOffice start (starting it is what is slow). */
export function libreOfficeConvert(profile: string, to: string, files: string[], outDir: string): void {
  fs.mkdirSync(outDir, { recursive: true });
  run('libreoffice', [
    `-env:UserInstallation=file://${profile}`,
    '--headless',
    '--norestore',
    '--convert-to',
    to,
    '--outdir',
    outDir,
    ...files,
  ]);
}

export function pdfText(file: string): string {
  return run('pdftotext', ['-enc', 'UTF-8', file, '-']);
}

/** Collapses whitespace (layouts wrap lines differently) for comparing extracted text. */
export function squash(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/[\s\u200B]+/gu, ' ')
    .trim();
}
