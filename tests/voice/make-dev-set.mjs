#!/usr/bin/env node
// Regenerates the command-mode dev set: each line of dev/commands.jsonl spoken
// by espeak-ng (voice and speed as listed) into dev/<id>.wav, 16 kHz mono
// 16-bit (sox). The WAVs are committed so the figures stay comparable when
// espeak-ng changes; run this only to add lines.
//
//   node tests/voice/make-dev-set.mjs
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'dev');
const lines = fs
  .readFileSync(path.join(dir, 'commands.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-devset-'));
for (const { id, text, voice, speed } of lines) {
  const raw = path.join(tmp, `${id}.wav`);
  execFileSync('espeak-ng', ['-v', voice, '-s', String(speed), '-w', raw, text]);
  execFileSync('sox', [raw, '-r', '16000', '-c', '1', '-b', '16', path.join(dir, `${id}.wav`)]);
}
fs.rmSync(tmp, { recursive: true, force: true });
console.log(`${lines.length} utterances written to ${path.relative(process.cwd(), dir)}`);
