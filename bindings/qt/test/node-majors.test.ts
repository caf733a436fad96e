// One build of NodeGui's addon (with KOOMPI's Node-API qode shim) loads and
// runs its event pump under Node 20, 22 and 24: the addon is keyed by Node-API
// version, not by Node's ABI (process.versions.modules differs in each).
//
// Node 20 is the host's; 22 and 24 come from npm's `node` package at pinned
// versions, kept outside the clone in $KOOMPI_CACHE_DIR/node-<version>
// (default ~/.cache/koompi; the first run downloads ~30 MB each).
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lastJson, offscreenEnv, repoRoot } from '../../../tests/support/qt-env.js';

const NODE_VERSIONS = ['22.23.3', '24.21.0'] as const;

const cacheRoot = process.env['KOOMPI_CACHE_DIR'] ?? path.join(os.homedir(), '.cache', 'koompi');
const addon = path.join(repoRoot, 'node_modules', '@nodegui', 'nodegui', 'build', 'Release', 'nodegui_core.node');
const fixture = path.join(repoRoot, 'bindings', 'qt', 'test', 'fixtures', 'node-major.mjs');

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

function runUnder(nodePath: string): { status: number | null; stderr: string; out: Run } {
  const r = spawnSync(nodePath, [fixture], { cwd: repoRoot, env: offscreenEnv(), encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stderr: r.stderr, out: lastJson<Run>(r.stdout) };
}

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('one NodeGui addon on every Node major', () => {
  const builtSha = sha(addon);
  const targets = [
    { version: process.versions.node, path: () => process.execPath },
    ...NODE_VERSIONS.map((version) => ({ version, path: () => nodeBinary(version) })),
  ];
  const abis = new Set<string>();

  for (const target of targets) {
    it(`shows a window and runs timers and promises through the pump on Node ${target.version}`, () => {
      const nodePath = target.path();
      const { status, stderr, out } = runUnder(nodePath);
      expect(status, stderr).toBe(0);
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
  }

  it('ran on Node ABIs that differ, with the one addon unchanged', () => {
    expect(abis.size).toBe(targets.length);
    expect(sha(addon)).toBe(builtSha);
  });
});
