// One build of NodeGui's addon (with KOOMPI's Node-API qode shim) loads and
// runs its event pump under Node 20, 22, 24 and 26: the addon is keyed by Node-API
// version, not by Node's ABI (process.versions.modules differs in each).
//
// Node 20 is the host's; 22, 24 and 26 come from npm's `node` package at pinned
// versions, kept outside the clone in $KOOMPI_CACHE_DIR/node-<version>
// (default ~/.cache/koompi; the first run downloads each, ~240 MB on disk).
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lastJson, offscreenEnv, repoRoot } from '../../../tests/support/qt-env.js';

const NODE_VERSIONS = ['22.23.3', '24.21.0', '26.10.0'] as const;

const cacheRoot = process.env['KOOMPI_CACHE_DIR'] ?? path.join(os.homedir(), '.cache', 'koompi');
const addon = path.join(repoRoot, 'node_modules', '@nodegui', 'nodegui', 'build', 'Release', 'nodegui_core.node');

/** The path of the real `node` binary of npm's `node@<version>`, fetched once into the cache. */
function nodeBinary(version: string): string {
  const npmCache = path.join(cacheRoot, `node-${version}`, 'npm-cache');
  const out = execFileSync(
    'npm',
    ['exec', '--yes', '--prefer-offline', '--cache', npmCache, `node@${version}`, '--', '-p', 'process.execPath'],
    { cwd: os.tmpdir(), encoding: 'utf8', timeout: 300_000, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return out.trim().split('\n').pop() ?? '';
}

interface Run {
  node: string;
  modules: string;
  napi: string;
  addons: string[];
  shown: boolean;
  seen: string[];
  code: number;
}

const run = (nodePath: string, name: string) =>
  spawnSync(nodePath, [path.join(repoRoot, 'bindings', 'qt', 'test', 'fixtures', name)], {
    cwd: repoRoot,
    env: offscreenEnv(),
    encoding: 'utf8',
    timeout: 60_000,
  });

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

const builtSha = sha(addon);
const targets = [
  { version: process.versions.node, path: () => process.execPath },
  ...NODE_VERSIONS.map((version) => ({ version, path: () => nodeBinary(version) })),
];
const abis = new Set<string>();
const keys = new Set<string>();

/** bindings/qt/build.mjs's cache key, as the given Node computes it. */
const cacheKey = (nodePath: string) =>
  execFileSync(
    nodePath,
    ['--input-type=module', '-e', "console.log((await import('./bindings/qt/build.mjs')).addonKey().full)"],
    { cwd: repoRoot, encoding: 'utf8' },
  ).trim();

describe.each(targets)('the one NodeGui addon on Node $version', (target) => {
  let nodePath = '';

  it('shows a window and runs timers and promises through the pump', () => {
    nodePath = target.path();
    const r = run(nodePath, 'node-major.mjs');
    expect(r.status, r.stderr).toBe(0);
    const out = lastJson<Run>(r.stdout);
    expect(out.node).toBe(target.version);
    // the very file setup installed, not a per-Node copy
    expect(out.addons).toEqual([fs.realpathSync(addon)]);
    expect(out.shown).toBe(true);
    expect(out.seen).toEqual([
      'timer',
      'promise after timer',
      'nextTick from Qt',
      'promise from Qt',
      'timer from Qt',
      'promise after setImmediate',
    ]);
    expect(out.code).toBe(0);
    abis.add(out.modules);
  });

  it('keeps timers and I/O running in a modal dialog, and passes an exit code on', () => {
    const modal = run(nodePath, 'modal.mjs');
    expect(modal.status, modal.stderr).toBe(0);
    const out = lastJson<{ ticksDuringModal: number; fetchDuringModal: string | null; execReturned: boolean }>(
      modal.stdout,
    );
    expect(out.execReturned).toBe(true);
    expect(out.ticksDuringModal).toBeGreaterThanOrEqual(10);
    expect(out.fetchDuringModal).toBe('pong');
    expect(run(nodePath, 'exit-code.mjs').status).toBe(7);
  });

  it("makes an exception in a tick queued by Qt-called JS Node's uncaught exception", () => {
    const handled = run(nodePath, 'throw-in-tick.mjs');
    expect(handled.status, handled.stderr).toBe(0);
    expect(handled.stdout).toContain('caught boom from a tick');
    const unhandled = spawnSync(
      nodePath,
      [path.join(repoRoot, 'bindings', 'qt', 'test', 'fixtures', 'throw-in-tick.mjs'), 'unhandled'],
      { cwd: repoRoot, env: offscreenEnv(), encoding: 'utf8', timeout: 60_000 },
    );
    expect(unhandled.signal).toBeNull();
    expect(unhandled.status).toBe(1);
    expect(unhandled.stderr).toContain('Error: boom from a tick');
  });

  it("finds setup's cached build under its own cache key", () => {
    const key = cacheKey(nodePath);
    expect(key).toMatch(/-napi\d+-/);
    expect(sha(path.join(cacheRoot, key, 'nodegui_core.node'))).toBe(builtSha);
    keys.add(key);
  });

  it('ends a windowless script through the env cleanup hook, without a crash', () => {
    const r = run(nodePath, 'windowless.mjs');
    expect(r.signal).toBeNull();
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('timer ran');
  });
});

describe('the addon across Node majors', () => {
  it('ran on Node ABIs that all differ, from one unchanged file and one cache entry', () => {
    expect(abis.size).toBe(targets.length);
    expect(keys.size).toBe(1);
    expect(sha(addon)).toBe(builtSha);
  });
});
