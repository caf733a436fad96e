#!/usr/bin/env node
// npm run bench:snapshots — snapshot creation and rollback staging through
// koompid, on the real stack (scripts/stack.sh: Btrfs on a loop device, private
// system bus, polkitd, koompid), with a 20,000-file system root. Each figure is
// a whole D-Bus call as a client sees it. Targets (SPEC CORE-001): create < 1 s,
// rollback staged < 5 s. Options: --runs N (default 7), --files N (default 20000).
// Needs root. Exits 1 when a median misses its target.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { KoompidConnection, SnapshotsClient } from '@koompi/core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const argv = process.argv.slice(2);
const option = (name, fallback) => Number(argv[argv.indexOf(name) + 1] || 0) || fallback;
const runs = option('--runs', 7);
const files = option('--files', 20_000);
const targets = { create: 1000, rollback: 5000 };

if (process.getuid?.() !== 0) {
  console.error('bench:snapshots needs root (it mounts a Btrfs image and starts system services).');
  process.exit(2);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-bench-'));
const stack = (cmd) => {
  const r = spawnSync('bash', [path.join(root, 'scripts', 'stack.sh'), cmd], {
    encoding: 'utf8',
    env: { ...process.env, KOOMPI_STACK_DIR: dir, KOOMPI_STACK_DISK_SIZE: '2G' },
  });
  if (r.status !== 0) throw new Error(`stack.sh ${cmd} failed:\n${r.stderr}`);
  return r.stdout;
};

/** A system root like a small installed OS: `files` files in nested directories, a pacman database. */
function populate(top, count) {
  const live = path.join(top, '@');
  let made = 0;
  for (let d = 0; made < count; d++) {
    const folder = path.join(live, 'usr', 'share', `pkg${Math.floor(d / 20)}`, `dir${d}`);
    fs.mkdirSync(folder, { recursive: true });
    for (let f = 0; f < 100 && made < count; f++, made++) {
      fs.writeFileSync(path.join(folder, `file${f}.txt`), `KOOMPI ${d}/${f} `.repeat(8 + (f % 32)));
    }
  }
  const db = path.join(live, 'usr/lib/pacman/local');
  for (let p = 0; p < 800; p++) fs.mkdirSync(path.join(db, `package${p}-1.${p % 7}-1`), { recursive: true });
  spawnSync('sync');
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(1)} ms`;

async function main() {
  const env = Object.fromEntries([...stack('up').matchAll(/^export ([A-Z_]+)='([^']*)'$/gm)].map((m) => [m[1], m[2]]));
  const t0 = performance.now();
  populate(env.KOOMPI_BTRFS_TOP, files);
  console.log(`root populated with ${files} files in ${ms(performance.now() - t0)}`);
  const conn = await KoompidConnection.connect(env.DBUS_SYSTEM_BUS_ADDRESS);
  if (!conn.ok) throw new Error(conn.error.message);
  const snapshots = new SnapshotsClient(conn.value);
  const times = { create: [], rollback: [] };
  let lastId = '';
  try {
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      const made = await snapshots.create(`bench ${i}`);
      times.create.push(performance.now() - start);
      if (!made.ok) throw new Error(`create: ${made.error.message}`);
      lastId = made.value.id;
    }
    // Change the live root a little, so the staging also has a report to compute.
    fs.mkdirSync(path.join(env.KOOMPI_BTRFS_TOP, '@', 'usr/lib/pacman/local/newer-2.0-1'));
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      const staged = await snapshots.rollback(lastId);
      times.rollback.push(performance.now() - start);
      if (!staged.ok) throw new Error(`rollback: ${staged.error.message}`);
    }
  } finally {
    conn.value.close();
  }
  // The last staging's root: the one its counted entry (koompi-root-<n>+3.conf) boots.
  const entry = fs
    .readdirSync(path.join(env.KOOMPI_ESP, 'loader/entries'))
    .find((f) => /^koompi-root-\d+\+3\.conf$/.test(f));
  const root =
    entry &&
    /rootflags=subvol=([^,\s]+)/.exec(fs.readFileSync(path.join(env.KOOMPI_ESP, 'loader/entries', entry), 'utf8'))?.[1];
  const staged = !!root && fs.existsSync(path.join(env.KOOMPI_BTRFS_TOP, root, 'usr/share/pkg0/dir0/file0.txt'));
  console.log(`\nkoompid on Btrfs (loop device), ${files} files, ${runs} runs each, times per D-Bus call:`);
  console.log('operation            median      max   target');
  let failed = false;
  for (const [name, label] of [
    ['create', 'snapshot create'],
    ['rollback', 'rollback staging'],
  ]) {
    const m = median(times[name]);
    const ok = m < targets[name];
    failed ||= !ok;
    console.log(
      `${label.padEnd(18)} ${ms(m).padStart(9)} ${ms(Math.max(...times[name])).padStart(9)}   < ${targets[name]} ms ${ok ? 'ok' : 'MISSED'}`,
    );
  }
  console.log(`staged root has the snapshot's files: ${staged ? 'yes' : 'NO'}`);
  return failed || !staged ? 1 : 0;
}

main()
  .then(
    (code) => (process.exitCode = code),
    (error) => {
      console.error(error);
      process.exitCode = 1;
    },
  )
  .finally(() => stack('down'));
