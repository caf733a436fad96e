// The booted KOOMPI machine for tests (scripts/machine.sh, docs/machine.md):
// one per test file, brought up in its own state folder and powered off by PID.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const script = path.join(repoRoot, 'scripts', 'machine.sh');

/** The machine needs root (loop devices, mounts, nspawn). */
export const canBootMachine = typeof process.getuid === 'function' && process.getuid() === 0;

export interface Result {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface Machine {
  readonly state: string;
  readonly pid: number;
  /** CMD as USER in a login session (PAM, logind, the user's bus); LANG is Khmer unless `lang` says otherwise. */
  run(user: string, cmd: readonly string[], opts?: { input?: string; lang?: string }): Result;
  /** Like run, without waiting: resolves when CMD ends. */
  runAsync(user: string, cmd: readonly string[]): Promise<Result>;
  /** CMD as root inside the machine, outside any session. */
  exec(cmd: readonly string[], input?: string): Result;
  /** Powers off and boots again; `bless: false` makes this boot count as failed. */
  reboot(opts?: { bless?: boolean }): number;
  status(): Record<string, string>;
  /** The Btrfs top level of the machine's disk, on the host. */
  readonly top: string;
  down(): void;
}

function machineSh(
  state: string,
  args: readonly string[],
  opts: { input?: string; env?: NodeJS.ProcessEnv; timeout?: number } = {},
): Result {
  const r = spawnSync('bash', [script, ...args], {
    encoding: 'utf8',
    input: opts.input ?? '',
    env: { ...process.env, KOOMPI_MACHINE_STATE: state, ...opts.env },
    timeout: opts.timeout ?? 600_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? String(r.error ?? '') };
}

function pidOf(out: string): number {
  const m = /^MACHINE_PID=(\d+)$/m.exec(out);
  if (!m) throw new Error(`machine.sh printed no MACHINE_PID:\n${out}`);
  return Number(m[1]);
}

export interface BootOptions {
  /**
   * The desktop machine (`machine.sh up --desktop`): Plasma 6's pieces from
   * Debian, NodeGui built against the root's Qt, the apps installed. Cold, the
   * NodeGui build takes minutes; both are cached after.
   */
  readonly desktop?: boolean;
}

export function bootMachine(
  name: string,
  release = process.env['KOOMPI_MACHINE_RELEASE'] ?? 'trixie',
  opts: BootOptions = {},
): Machine {
  const state = fs.mkdtempSync(path.join(os.tmpdir(), `koompi-machine-${name}-`));
  const up = machineSh(state, ['up', '--release', release, ...(opts.desktop ? ['--desktop'] : [])], {
    timeout: opts.desktop ? 3_600_000 : 600_000,
  });
  if (up.status !== 0) {
    machineSh(state, ['down']);
    throw new Error(`machine.sh up failed (${up.status}):\n${up.stderr}\n${up.stdout}`);
  }
  let pid = pidOf(up.stdout);
  return {
    state,
    top: path.join(state, 'top'),
    get pid() {
      return pid;
    },
    run(user, cmd, opts = {}) {
      return machineSh(state, ['run', user, '--', ...cmd], {
        input: opts.input,
        env: { KOOMPI_MACHINE_LANG: opts.lang ?? 'km_KH.UTF-8' },
      });
    },
    runAsync(user, cmd) {
      return new Promise((resolve) => {
        const child = spawn('bash', [script, 'run', user, '--', ...cmd], {
          env: { ...process.env, KOOMPI_MACHINE_STATE: state, KOOMPI_MACHINE_LANG: 'km_KH.UTF-8' },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('close', (code) => resolve({ status: code ?? -1, stdout, stderr }));
      });
    },
    exec(cmd, input) {
      return machineSh(state, ['exec', '--', ...cmd], { input });
    },
    reboot(opts = {}) {
      const r = machineSh(state, ['reboot', ...(opts.bless === false ? ['--no-bless'] : [])]);
      if (r.status !== 0) throw new Error(`machine.sh reboot failed (${r.status}):\n${r.stderr}`);
      pid = pidOf(r.stdout);
      return pid;
    },
    status() {
      const r = machineSh(state, ['status']);
      const out: Record<string, string> = {};
      for (const m of r.stdout.matchAll(/^([A-Z_]+)=(.*)$/gm)) out[m[1]!] = m[2]!;
      return out;
    },
    down() {
      machineSh(state, ['down']);
      fs.rmSync(state, { recursive: true, force: true });
    },
  };
}

/** Throws with everything the command printed unless it exited 0; returns its stdout. */
export function ok(r: Result, what: string): string {
  if (r.status !== 0) throw new Error(`${what} exited ${r.status}:\n${r.stderr}\n${r.stdout}`);
  return r.stdout;
}
