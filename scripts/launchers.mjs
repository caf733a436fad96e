#!/usr/bin/env node
// Writes the bin/ launcher of every bundled app (package.json
// `"koompi": { "bundle": true }`; its first `bin`) from one template, so the
// launchers cannot drift apart. Run by `npm run setup` and `npm run build`
// (through scripts/bundle.mjs); `--check` only reports launchers that differ
// (tests/launchers.test.ts). The launchers are committed: `npx koompi-chat`
// and the PKGBUILD's /usr/bin wrappers run them.
//
//   node scripts/launchers.mjs [--check] [--root DIR]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Every app bundled by scripts/bundle.mjs: its folder under apps/ and its command. */
export function bundledApps(root = repoRoot) {
  return fs
    .readdirSync(path.join(root, 'apps'))
    .sort()
    .map((app) => ({ app, pkgFile: path.join(root, 'apps', app, 'package.json') }))
    .filter(({ pkgFile }) => fs.existsSync(pkgFile))
    .map(({ app, pkgFile }) => ({ app, pkg: JSON.parse(fs.readFileSync(pkgFile, 'utf8')) }))
    .filter(({ pkg }) => pkg.koompi?.bundle === true && pkg.bin)
    .map(({ app, pkg }) => {
      const [bin, file] = Object.entries(pkg.bin)[0];
      return { app, bin, file: path.join('apps', app, file) };
    });
}

/** The one launcher, for the command `bin`. */
export function launcherText(bin) {
  return `#!/usr/bin/env node
// ${bin}: written by scripts/launchers.mjs (\`npm run setup\`, \`npm run build\`) —
// edit the template there, not this file. Runs the app's one-file bundle
// (dist/${bin}.bundle.mjs, a faster start) when it is newer than the last
// TypeScript build of the app and of core; otherwise dist/main.js.
import fs from 'node:fs';

const mtime = (rel) => {
  try {
    return fs.statSync(new URL(rel, import.meta.url)).mtimeMs;
  } catch {
    return undefined;
  }
};
const bundled = mtime('../dist/${bin}.bundle.mjs');
const built = Math.max(mtime('../tsconfig.tsbuildinfo') ?? 0, mtime('../../../core/tsconfig.tsbuildinfo') ?? 0);
await import(bundled !== undefined && bundled >= built ? '../dist/${bin}.bundle.mjs' : '../dist/main.js');
`;
}

/** The launchers (repository-relative path → text) that differ from the template. */
export function driftedLaunchers(root = repoRoot) {
  return bundledApps(root)
    .filter(({ bin, file }) => {
      const full = path.join(root, file);
      return !fs.existsSync(full) || fs.readFileSync(full, 'utf8') !== launcherText(bin);
    })
    .map(({ file }) => file);
}

/** Writes the launchers that differ; returns their paths. */
export function writeLaunchers(root = repoRoot) {
  const byFile = new Map(bundledApps(root).map(({ bin, file }) => [file, bin]));
  const drifted = driftedLaunchers(root);
  for (const file of drifted) {
    const full = path.join(root, file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, launcherText(byFile.get(file)), { mode: 0o755 });
    fs.chmodSync(full, 0o755);
  }
  return drifted;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--root');
  const root = at >= 0 ? path.resolve(args[at + 1] ?? '.') : repoRoot;
  if (args.includes('--check')) {
    const drifted = driftedLaunchers(root);
    for (const file of drifted) process.stderr.write(`${file} is not the launcher scripts/launchers.mjs writes\n`);
    process.exit(drifted.length === 0 ? 0 : 1);
  }
  for (const file of writeLaunchers(root)) process.stdout.write(`[launchers] wrote ${file}\n`);
}
