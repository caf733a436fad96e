import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** An environment for running a Qt process offscreen, with its own runtime, config and data dirs. */
export function offscreenEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const runtime = fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-xdg-'));
  fs.chmodSync(runtime, 0o700);
  // A private home for config, data and state too: tests never read or write the person's.
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-home-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    QT_QPA_PLATFORM: 'offscreen',
    XDG_RUNTIME_DIR: runtime,
    XDG_CONFIG_HOME: path.join(home, 'config'),
    XDG_DATA_HOME: path.join(home, 'data'),
    XDG_STATE_HOME: path.join(home, 'state'),
  };
  delete env['KOOMPI_GEMINI_API_KEY'];
  delete env['DISPLAY'];
  delete env['WAYLAND_DISPLAY'];
  return { ...env, ...extra };
}

export const repoRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

/** Runs a Node script to completion (with a generous safety timeout, not a timing assertion). */
export function runNode(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 30_000): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, args, { cwd: repoRoot, env, encoding: 'utf8', timeout: timeoutMs });
}

/** The last line of stdout parsed as JSON. */
export function lastJson<T>(stdout: string): T {
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1] ?? 'null') as T;
}
