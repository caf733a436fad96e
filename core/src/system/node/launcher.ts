/**
 * Starts desktop apps as detached processes from an argument array (no shell,
 * so nothing a person typed is ever interpreted). Waits a moment so an app that
 * dies at once (no display, missing library) is reported rather than lost.
 */
import { spawn } from 'node:child_process';
import type { AppLauncher, LaunchResult } from '../launcher.js';

export interface ProcessLauncherOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** How long an app must stay up to count as started. */
  readonly settleMs?: number;
}

export function createProcessLauncher(options: ProcessLauncherOptions = {}): AppLauncher {
  const settleMs = options.settleMs ?? 400;
  return {
    launch(argv) {
      const [command, ...args] = argv;
      if (command === undefined) return Promise.resolve({ kind: 'not-found', command: '' });
      return new Promise<LaunchResult>((resolve) => {
        const child = spawn(command, args, { env: options.env ?? process.env, detached: true, stdio: 'ignore' });
        let settled = false;
        const finish = (result: LaunchResult): void => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve(result);
        };
        const timer = setTimeout(() => {
          child.unref();
          finish({ kind: 'started', pid: child.pid ?? 0 });
        }, settleMs);
        child.once('error', (error: NodeJS.ErrnoException) => {
          finish(
            error.code === 'ENOENT' ? { kind: 'not-found', command } : { kind: 'exited', code: null, signal: null },
          );
        });
        child.once('exit', (code, signal) => finish({ kind: 'exited', code, signal }));
      });
    },
  };
}
