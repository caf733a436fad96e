/**
 * Child processes for the classroom's engines (Syncthing, aria2, uftp): argument
 * arrays only (no shell), their output kept in a bounded tail for error
 * messages, and stopped by PID with SIGTERM then SIGKILL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';

export class EngineError extends Error {
  override readonly name = 'EngineError';
}

export interface RunningProcess {
  readonly pid: number;
  readonly child: ChildProcess;
  /** The last few KB of stdout and stderr. */
  output(): string;
  /** Resolves with the exit code (or signal name) once the process has ended. */
  readonly exited: Promise<number | string>;
  stop(graceMs?: number): Promise<void>;
}

export function startProcess(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  cwd?: string,
): RunningProcess {
  const child = spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let tail = '';
  const keep = (chunk: Buffer): void => {
    tail = (tail + chunk.toString('utf8')).slice(-8192);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let done = false;
  const exited = new Promise<number | string>((resolve) => {
    child.once('error', (error) => {
      done = true;
      tail += `\n${error.message}`;
      resolve('error');
    });
    child.once('exit', (code, signal) => {
      done = true;
      resolve(code ?? signal ?? 'unknown');
    });
  });
  return {
    pid: child.pid ?? 0,
    child,
    output: () => tail,
    exited,
    async stop(graceMs = 3000) {
      if (done) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A TCP port free right now on the given address (the OS picks it). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
