/** The terminal, for the real process: standard output, error and input. */
import readline from 'node:readline';
import type { Io } from './context.js';

export function processIo(): Io {
  let reader: readline.Interface | undefined;
  const lineReader = (): readline.Interface => {
    reader ??= readline.createInterface({ input: process.stdin, crlfDelay: Infinity, terminal: false });
    return reader;
  };
  let last = '';
  let drawn = false;
  return {
    progress(line) {
      if (line === last) return;
      last = line;
      if (process.stderr.isTTY) {
        process.stderr.write(`\r\x1b[2K${line}`);
        drawn = true;
      } else {
        process.stderr.write(`${line}\n`);
      }
    },
    endProgress() {
      if (drawn) process.stderr.write('\n');
      drawn = false;
      last = '';
    },
    out: (text) => void process.stdout.write(`${text}\n`),
    err: (text) => void process.stderr.write(`${text}\n`),
    async *lines() {
      for await (const line of lineReader()) yield line.replace(/\r$/, '');
    },
    interactive: process.stdin.isTTY === true,
    ask(question) {
      process.stderr.write(question);
      return new Promise((resolve) => {
        const rl = lineReader();
        const onLine = (line: string): void => {
          rl.off('close', onClose);
          resolve(line);
        };
        const onClose = (): void => {
          rl.off('line', onLine);
          resolve(undefined);
        };
        rl.once('line', onLine);
        rl.once('close', onClose);
      });
    },
  };
}

/** Closes standard input so a pending read does not keep the process alive. */
export function closeInput(): void {
  process.stdin.pause();
  process.stdin.unref?.();
}
