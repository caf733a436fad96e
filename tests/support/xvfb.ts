import { spawn, spawnSync, type ChildProcess } from 'node:child_process';

export interface VirtualDisplay {
  /** e.g. ":93" */
  readonly display: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/** Starts a private Xvfb (no TCP) on a free display; resolves once it accepts clients. */
export function startXvfb(size = '1024x768x24'): Promise<VirtualDisplay> {
  return new Promise((resolve, reject) => {
    const proc: ChildProcess = spawn('Xvfb', ['-displayfd', '1', '-nolisten', 'tcp', '-screen', '0', size], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    proc.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    proc.on('error', reject);
    proc.on('exit', (code) => reject(new Error(`Xvfb exited (${code}) before it was ready: ${err}`)));
    proc.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /^(\d+)\n/.exec(out);
      if (!match) return;
      proc.removeAllListeners('exit');
      resolve({
        display: `:${match[1]}`,
        pid: proc.pid!,
        stop: () =>
          new Promise<void>((done) => {
            if (proc.exitCode !== null || proc.signalCode !== null) return done();
            proc.once('exit', () => done());
            proc.kill('SIGTERM');
          }),
      });
    });
  });
}

/** Runs a command against a display and returns its trimmed stdout (throws on failure). */
export function onDisplay(display: string, cmd: string, args: string[], timeoutMs = 20_000): string {
  const r = spawnSync(cmd, args, { env: { ...process.env, DISPLAY: display }, encoding: 'utf8', timeout: timeoutMs });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status ?? r.signal}): ${r.stderr}`);
  return r.stdout.trim();
}

export function onDisplayBuffer(display: string, cmd: string, args: string[]): Buffer {
  const r = spawnSync(cmd, args, {
    env: { ...process.env, DISPLAY: display },
    timeout: 20_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status ?? r.signal})`);
  return r.stdout;
}
