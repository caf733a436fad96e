#!/usr/bin/env node
// koompi-chat: written by scripts/launchers.mjs (`npm run setup`, `npm run build`) —
// edit the template there, not this file. Runs the app's one-file bundle
// (dist/koompi-chat.bundle.mjs, a faster start) when it is newer than the last
// TypeScript build of the app and of core; otherwise dist/main.js.
import fs from 'node:fs';

const mtime = (rel) => {
  try {
    return fs.statSync(new URL(rel, import.meta.url)).mtimeMs;
  } catch {
    return undefined;
  }
};
const bundled = mtime('../dist/koompi-chat.bundle.mjs');
const built = Math.max(mtime('../tsconfig.tsbuildinfo') ?? 0, mtime('../../../core/tsconfig.tsbuildinfo') ?? 0);
await import(bundled !== undefined && bundled >= built ? '../dist/koompi-chat.bundle.mjs' : '../dist/main.js');
