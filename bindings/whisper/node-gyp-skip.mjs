#!/usr/bin/env node
// Stands in for node-gyp while `npm ci` runs install scripts (set
// npm_config_node_gyp to this file). smart-whisper's install script is
// `node-gyp rebuild`, which downloads Node's headers (impossible offline) and
// builds without the CPU's SIMD flags (~10× slower). For smart-whisper it does
// nothing: bindings/whisper/build.mjs builds and caches the addon. Any other
// package gets npm's real node-gyp, unchanged.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

if (process.env.npm_package_name === 'smart-whisper') {
  console.log('[bindings/whisper] smart-whisper: install build skipped; bindings/whisper/build.mjs builds it');
} else {
  const candidates = [];
  if (process.env.npm_execpath) {
    candidates.push(
      path.resolve(path.dirname(process.env.npm_execpath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    );
  }
  try {
    candidates.push(createRequire(import.meta.url).resolve('node-gyp/bin/node-gyp.js'));
  } catch {
    // not installed locally
  }
  const real = candidates.find((p) => fs.existsSync(p));
  if (!real) {
    console.error('[bindings/whisper] npm’s node-gyp not found (looked next to npm_execpath)');
    process.exitCode = 1;
  } else {
    await import(pathToFileURL(real).href);
  }
}
