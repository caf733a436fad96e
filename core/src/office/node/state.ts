/**
 * KOOMPI's per-user state folder ($XDG_STATE_HOME/koompi, by default
 * ~/.local/state/koompi): autosaved work and recent files live here, not in
 * the config folder, because they are not settings (XDG Base Directory 0.8).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function koompiStateDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const state = env['XDG_STATE_HOME'];
  const base = state && path.isAbsolute(state) ? state : path.join(env['HOME'] || os.homedir(), '.local', 'state');
  return path.join(base, 'koompi');
}

/** Creates `dir` (mode 0700: autosaved work is private) when missing; returns it. */
export function ensurePrivateDir(dir: string): string {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}
