import { execFile } from 'node:child_process';

/** Thrown when a helper program fails: keeps its exit status and what it printed. */
export class CommandError extends Error {
  constructor(
    readonly command: string,
    readonly args: readonly string[],
    readonly exitCode: number | null,
    readonly stderr: string,
    options?: { cause?: unknown },
  ) {
    super(`${command} ${args.join(' ')} failed (${exitCode ?? 'signal'}): ${stderr.trim().slice(0, 500)}`, options);
    this.name = 'CommandError';
  }
}

export interface RunOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

/**
 * Runs a program with an argument array and no shell: nothing a caller sends
 * is ever parsed by a shell. Resolves with stdout; rejects with CommandError.
 */
export function run(command: string, args: readonly string[], options: RunOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      [...args],
      {
        env: options.env ?? process.env,
        timeout: options.timeoutMs ?? 120_000,
        maxBuffer: 16 * 1024 * 1024,
        encoding: 'utf8',
        shell: false,
        ...(options.signal ? { signal: options.signal } : {}),
      },
      (error, stdout, stderr) => {
        if (error) {
          const code = typeof error.code === 'number' ? error.code : null;
          reject(new CommandError(command, args, code, String(stderr || error.message), { cause: error }));
        } else {
          resolve(String(stdout));
        }
      },
    );
  });
}
