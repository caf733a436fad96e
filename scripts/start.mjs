#!/usr/bin/env node
// `npm start` (after setup): runs the KOOMPI suite on its offline default — no
// API key, no internet. Today the suite's window is KOOMPI Chat; more apps join
// as they are built. Without a display, the app explains what to do, and a
// screenshot of its window is saved so that the result can still be seen.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const chat = path.join(root, 'apps', 'chat', 'bin', 'koompi-chat.js');
const env = { ...process.env };
delete env.KOOMPI_GEMINI_API_KEY; // the offline default

const run = spawnSync(process.execPath, [chat, ...process.argv.slice(2)], { stdio: 'inherit', env });
if (run.status === 3) {
  // No display: koompi-chat has said what to do; show what it would draw.
  const out = path.join(root, 'artifacts', 'koompi-chat.png');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const shot = spawnSync(process.execPath, [chat, '--screenshot', out], { stdio: 'inherit', env });
  if (shot.status === 0) console.log(`\n${out}`);
  process.exit(shot.status ?? 1);
}
process.exit(run.status ?? 1);
