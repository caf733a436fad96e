#!/usr/bin/env node
// npm run bench:startup — time to the first painted KOOMPI Chat window and its
// peak RSS, against the same window in plain C++ Qt (the floor), compiled here.
// Prints a table and the ratios. Options: --runs N (default 7), --xvfb (run
// both under Xvfb/xcb instead of Qt's offscreen platform).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const argv = process.argv.slice(2);
const runs = Number(argv[argv.indexOf('--runs') + 1] || 0) || 7;
const useXvfb = argv.includes('--xvfb');
const settleMs = 1000;

function buildFloor() {
  const src = path.join(here, 'startup', 'floor.cpp');
  const flags = execFileSync('pkg-config', ['--cflags', '--libs', 'Qt6Widgets'], { encoding: 'utf8' })
    .trim()
    .split(/\s+/);
  const key = createHash('sha256').update(fs.readFileSync(src)).update(flags.join(' ')).digest('hex').slice(0, 12);
  const cacheDir = path.join(process.env.KOOMPI_CACHE_DIR || path.join(os.homedir(), '.cache', 'koompi'), 'bench');
  const bin = path.join(cacheDir, `startup-floor-${key}`);
  if (!fs.existsSync(bin)) {
    fs.mkdirSync(cacheDir, { recursive: true });
    execFileSync('g++', ['-O2', '-fPIC', '-std=c++17', src, '-o', bin, ...flags], { stdio: 'inherit' });
  }
  return bin;
}

function startXvfb() {
  for (let display = 90; display < 110; display++) {
    if (fs.existsSync(`/tmp/.X11-unix/X${display}`)) continue;
    const proc = spawn('Xvfb', [`:${display}`, '-nolisten', 'tcp', '-screen', '0', '1280x800x24'], { stdio: 'ignore' });
    for (let i = 0; i < 100 && !fs.existsSync(`/tmp/.X11-unix/X${display}`); i++) spawnSync('sleep', ['0.05']);
    return { proc, display: `:${display}` };
  }
  throw new Error('no free X display number');
}

function vmHwmKb(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN);
}

function measure(cmd, args, env) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let paintedMs;
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', (d) => {
      out += d;
      if (paintedMs === undefined && out.includes('painted')) {
        paintedMs = Number(process.hrtime.bigint() - start) / 1e6;
        setTimeout(() => {
          const rssMb = vmHwmKb(child.pid) / 1024;
          child.kill('SIGTERM');
          resolve({ ms: paintedMs, rssMb });
        }, settleMs);
      }
    });
    child.on('exit', (code) => {
      if (paintedMs === undefined) reject(new Error(`${path.basename(cmd)} exited (${code}) before painting:\n${err}`));
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

const floorBin = buildFloor();
const xvfb = useXvfb ? startXvfb() : undefined;
const runtime = fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-bench-'));
fs.chmodSync(runtime, 0o700);
const env = { ...process.env, XDG_RUNTIME_DIR: runtime, KOOMPI_STARTUP_PROBE: '1', LANG: 'km_KH.UTF-8' };
delete env.WAYLAND_DISPLAY;
if (xvfb) {
  env.DISPLAY = xvfb.display;
  env.QT_QPA_PLATFORM = 'xcb';
} else {
  delete env.DISPLAY;
  env.QT_QPA_PLATFORM = 'offscreen';
}
const chat = path.join(root, 'apps', 'chat', 'bin', 'koompi-chat.js');
const results = { floor: [], chat: [], node: [] };
try {
  // one warm-up each, so both start from a warm page cache
  await measure(floorBin, [], env);
  await measure(process.execPath, [chat], env);
  for (let i = 0; i < runs; i++) {
    results.floor.push(await measure(floorBin, [], env));
    results.chat.push(await measure(process.execPath, [chat], env));
    results.node.push(
      await measure(process.execPath, ['-e', "process.stdout.write('painted'); setTimeout(() => {}, 10000)"], env),
    );
  }
} finally {
  xvfb?.proc.kill();
}

const row = (name, rs) => {
  const ms = median(rs.map((r) => r.ms));
  const rss = Math.max(...rs.map((r) => r.rssMb));
  return { name, ms, rss, text: `${name.padEnd(22)} ${ms.toFixed(0).padStart(6)} ms ${rss.toFixed(1).padStart(8)} MB` };
};
const floor = row('C++ Qt window (floor)', results.floor);
const app = row('KOOMPI Chat', results.chat);
console.log(
  `platform: ${xvfb ? 'xcb on Xvfb' : 'offscreen'}; runs: ${runs} each (median time to first paint, peak RSS)`,
);
console.log(`${''.padEnd(22)} ${'first paint'.padStart(9)} ${'peak RSS'.padStart(11)}`);
const nodeOnly = row('Node.js, empty script', results.node);
console.log(floor.text);
console.log(app.text);
console.log(`${nodeOnly.text}   (context: Node's own start, no Qt)`);
console.log(
  `ratio: start ${(app.ms / floor.ms).toFixed(2)}x (target <= 1.5x), RSS ${(app.rss / floor.rss).toFixed(2)}x; Chat RSS ${app.rss.toFixed(1)} MB (target <= 150 MB)`,
);
console.log(
  JSON.stringify({
    floorMs: floor.ms,
    chatMs: app.ms,
    floorRssMb: floor.rss,
    chatRssMb: app.rss,
    startRatio: app.ms / floor.ms,
  }),
);
