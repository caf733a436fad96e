#!/usr/bin/env node
// The koompi command. `npm run setup` compiles the app to dist/ and bundles it
// into one file for a faster start. The bundle is used only when it is newer
// than the last TypeScript build of the app and of core; otherwise dist/main.js.
import fs from 'node:fs';

const mtime = (rel) => {
  try {
    return fs.statSync(new URL(rel, import.meta.url)).mtimeMs;
  } catch {
    return undefined;
  }
};
const bundled = mtime('../dist/koompi.bundle.mjs');
const built = Math.max(mtime('../tsconfig.tsbuildinfo') ?? 0, mtime('../../../core/tsconfig.tsbuildinfo') ?? 0);
await import(bundled !== undefined && bundled >= built ? '../dist/koompi.bundle.mjs' : '../dist/main.js');
