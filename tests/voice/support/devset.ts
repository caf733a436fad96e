// The command-mode dev set: spoken commands made with espeak-ng (make-dev-set.mjs).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const devDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dev');

export interface DevUtterance {
  readonly id: string;
  readonly text: string;
  readonly intent: string;
  readonly voice: string;
  readonly wav: string;
}

export function devSet(): DevUtterance[] {
  return fs
    .readFileSync(path.join(devDir, 'commands.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const u = JSON.parse(line) as Omit<DevUtterance, 'wav'>;
      return { ...u, wav: path.join(devDir, `${u.id}.wav`) };
    });
}
