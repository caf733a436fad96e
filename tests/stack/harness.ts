// The real koompid stack for integration tests: each test file brings up its
// own (scripts/stack.sh up in a fresh stack dir) and takes it down by PID.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const stackScript = path.join(repoRoot, 'scripts', 'stack.sh');

/** Integration tests need root (loop devices, mounts, system daemons). */
export const canRunStack = typeof process.getuid === 'function' && process.getuid() === 0;

export interface Stack {
  readonly dir: string;
  readonly env: Record<string, string>;
  /** The Btrfs top level of the managed root. */
  readonly top: string;
  readonly esp: string;
  /** A single-file client (esbuild bundle) that non-root users can run. */
  readonly client: string;
  /** Restarts koompid; `fault` is KOOMPID_FAULT, `env` more settings for it (e.g. KOOMPI_READ_BURST). */
  restartDaemon(fault?: string, env?: Record<string, string>): void;
  daemonPid(): number | undefined;
  log(): string;
  down(): void;
}

function parseExports(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const m of text.matchAll(/^export ([A-Z_]+)='([^']*)'$/gm)) env[m[1]!] = m[2]!;
  return env;
}

export async function startStack(name: string): Promise<Stack> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `koompi-stack-${name}-`));
  const run = (args: string[], extra: Record<string, string> = {}): string => {
    const r = spawnSync('bash', [stackScript, ...args], {
      encoding: 'utf8',
      env: { ...process.env, KOOMPI_STACK_DIR: dir, ...extra },
      timeout: 60_000,
    });
    if (r.status !== 0) throw new Error(`stack.sh ${args.join(' ')} failed (${r.status}):\n${r.stderr}\n${r.stdout}`);
    return r.stdout;
  };
  const env = parseExports(run(['up']));
  const client = path.join(dir, 'client.mjs');
  try {
    await build({
      entryPoints: [path.join(repoRoot, 'tests', 'stack', 'client.mjs')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: client,
      logLevel: 'error',
      // dbus-next's optional transports, not used here.
      external: ['x11', 'usocket', 'abstract-socket'],
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    });
    fs.chmodSync(client, 0o644);
  } catch (error) {
    run(['down']);
    throw error;
  }
  const pids = (): string => fs.readFileSync(path.join(dir, 'pids'), 'utf8');
  return {
    dir,
    env,
    top: env['KOOMPI_BTRFS_TOP']!,
    esp: env['KOOMPI_ESP']!,
    client,
    restartDaemon: (fault, extra = {}) =>
      void run(['restart-daemon'], { ...extra, ...(fault ? { KOOMPID_FAULT: fault } : {}) }),
    daemonPid: () => {
      const line = pids()
        .split('\n')
        .filter((l) => l.startsWith('koompid '))
        .pop();
      return line ? Number(line.split(' ')[1]) : undefined;
    },
    log: () => fs.readFileSync(path.join(dir, 'koompid.log'), 'utf8'),
    down: () => void run(['down']),
  };
}

export interface TestUser {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
}

/** A real non-root account in one KOOMPI group (made with useradd if missing). */
export function ensureUser(name: string, group: string | undefined): TestUser {
  if (spawnSync('id', ['-u', name]).status !== 0) {
    execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', name]);
  }
  if (group) execFileSync('usermod', ['-a', '-G', group, name]);
  const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
  return { name, uid, gid };
}

/**
 * Runs the bundled client as `user` (setpriv: real and effective uid and gid,
 * the user's own groups), so koompid sees that user on the bus. Returns what it printed as JSON.
 */
export function asUser(stack: Stack, user: TestUser | 'root', args: string[]): unknown {
  const argv =
    user === 'root'
      ? [process.execPath, stack.client, ...args]
      : [
          'setpriv',
          `--reuid=${user.uid}`,
          `--regid=${user.gid}`,
          '--init-groups',
          '--reset-env',
          '--',
          'env',
          `DBUS_SYSTEM_BUS_ADDRESS=${stack.env['DBUS_SYSTEM_BUS_ADDRESS']!}`,
          process.execPath,
          stack.client,
          ...args,
        ];
  const r = spawnSync(argv[0]!, argv.slice(1), {
    encoding: 'utf8',
    cwd: '/',
    env: {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin',
      DBUS_SYSTEM_BUS_ADDRESS: stack.env['DBUS_SYSTEM_BUS_ADDRESS']!,
    },
    timeout: 60_000,
  });
  if (r.status !== 0) throw new Error(`client ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as unknown;
}
