// A test that runs a program as another uid cannot assume that uid can read the
// checkout: a clone under `mktemp -d` sits in a 0700 folder. Stage the bundled
// program and the data it looks up (i18n, help pages, D-Bus XML) in a folder
// every user can read, laid out so its own lookups (findUpward) find them.
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './qt-env.js';

// sql.js's WebAssembly is loaded from node_modules at run time, not bundled.
const DATA = ['i18n', 'docs/help', 'plasma-integration/dbus', 'node_modules/sql.js/dist'];

/** Copies apps/<app>/dist/<bin>.bundle.mjs and its data under `dir`; returns the program's path. */
export function stageBundle(dir: string, app: string, bin: string): string {
  const target = path.join(dir, 'staged');
  fs.mkdirSync(target, { recursive: true });
  // The repository's own layout: the program reads its package.json beside dist/.
  const program = path.join(target, 'apps', app, 'dist', `${bin}.bundle.mjs`);
  fs.mkdirSync(path.dirname(program), { recursive: true });
  fs.copyFileSync(path.join(repoRoot, 'apps', app, 'dist', `${bin}.bundle.mjs`), program);
  fs.copyFileSync(path.join(repoRoot, 'apps', app, 'package.json'), path.join(target, 'apps', app, 'package.json'));
  for (const rel of DATA) fs.cpSync(path.join(repoRoot, rel), path.join(target, rel), { recursive: true });
  fs.copyFileSync(
    path.join(repoRoot, 'node_modules/sql.js/package.json'),
    path.join(target, 'node_modules/sql.js/package.json'),
  );
  for (let d = target; d.startsWith(dir); d = path.dirname(d)) fs.chmodSync(d, 0o755);
  openForAll(target);
  return program;
}

function openForAll(p: string): void {
  const st = fs.statSync(p);
  fs.chmodSync(p, st.isDirectory() ? 0o755 : 0o644);
  if (st.isDirectory()) for (const e of fs.readdirSync(p)) openForAll(path.join(p, e));
}
