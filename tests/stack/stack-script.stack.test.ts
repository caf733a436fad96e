// scripts/stack.sh itself: a second `up` starts nothing new, and a failed `up`
// leaves no process, mount or loop device behind.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canRunStack, repoRoot } from './harness.js';

const script = path.join(repoRoot, 'scripts', 'stack.sh');
const stack = (dir: string, cmd: string, extra: Record<string, string> = {}) =>
  spawnSync('bash', [script, cmd], { encoding: 'utf8', env: { ...process.env, KOOMPI_STACK_DIR: dir, ...extra } });
const loopsOf = (dir: string): string =>
  spawnSync('losetup', ['-j', path.join(dir, 'btrfs.img')], { encoding: 'utf8' }).stdout.trim();
/** Running and not a zombie (the stack's daemons are reaped by whoever adopted them, a little later). */
const alive = (pid: number): boolean => {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
};

describe.skipIf(!canRunStack)('scripts/stack.sh', () => {
  const dirs: string[] = [];
  const fresh = (): string => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-stack-script-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of dirs) stack(dir, 'down');
  });

  it('is idempotent: a second up prints the same exports and starts no process', () => {
    const dir = fresh();
    const first = stack(dir, 'up');
    expect(first.status, first.stderr).toBe(0);
    const pids = fs.readFileSync(path.join(dir, 'pids'), 'utf8');
    const second = stack(dir, 'up');
    expect(second.status).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(fs.readFileSync(path.join(dir, 'pids'), 'utf8')).toBe(pids);

    const started = pids
      .trim()
      .split('\n')
      .map((l) => Number(l.split(' ')[1]));
    expect(started.length).toBeGreaterThanOrEqual(5);
    expect(stack(dir, 'down').status).toBe(0);
    expect(started.filter(alive)).toEqual([]);
    expect(fs.existsSync(dir)).toBe(false);
  });

  it('tears down a failed up: no process, mount or loop device is left', () => {
    const dir = fresh();
    // Too small for mkfs.btrfs: up fails after the loop device is attached.
    const failed = stack(dir, 'up', { KOOMPI_STACK_DISK_SIZE: '1M' });
    expect(failed.status).not.toBe(0);
    expect(failed.stderr).toMatch(/tearing down/);
    expect(fs.existsSync(dir)).toBe(false);
    expect(loopsOf(dir)).toBe('');
  });
});
