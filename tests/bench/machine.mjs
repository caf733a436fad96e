#!/usr/bin/env node
// `npm run bench:machine` (as root): the booted KOOMPI machine's costs
// (scripts/machine.sh, docs/machine.md). Prints, in one run:
//   root      building the cached Debian root (only when it is not cached yet)
//   up        disk, overlay, suite and first boot, to `running`
//   boot      nspawn start to `systemctl is-system-running` = running
//   anchor    `machine.sh run admin -- true`: a login session that does nothing
//   snapshot  `koompi snapshot create` as the admin
//   install   `koompi package install koompi-hello` on the read-only root
//   rollback  `koompi snapshot rollback ID` (staging a new root and its entry)
//   reboot    power off and boot into the staged root, to `running`
// Times are medians of --runs N (default 3) where a step can repeat; the
// command steps are given both whole and minus the anchor.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const script = path.join(repo, 'scripts', 'machine.sh');
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1] ?? 3) || 3;
const release = args.includes('--release') ? args[args.indexOf('--release') + 1] : 'trixie';
if (process.getuid?.() !== 0) {
  console.error('bench:machine needs root (loop devices, mounts, nspawn)');
  process.exit(1);
}
const state = fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-machine-bench-'));
const env = { ...process.env, KOOMPI_MACHINE_STATE: state };

function sh(argv, what) {
  const t = process.hrtime.bigint();
  const r = spawnSync('bash', [script, ...argv], { env, encoding: 'utf8', maxBuffer: 1 << 26 });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`${what}: exit ${r.status}\n${r.stderr}`);
  return { ms, out: r.stdout };
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const bootMs = () => Number(/^BOOT_MS=(\d+)$/m.exec(sh(['status'], 'status').out)[1]);
const row = (name, ms, note = '') => console.log(`${name.padEnd(10)} ${(ms / 1000).toFixed(2).padStart(8)} s  ${note}`);

try {
  const root = sh(['root', release], 'root');
  row('root', root.ms, root.ms > 5000 ? 'built now' : 'cached');
  const up = sh(['up', '--release', release], 'up');
  row('up', up.ms);
  row('boot', bootMs(), 'first boot, first-boot unit included');
  const anchor = median(Array.from({ length: runs }, () => sh(['run', 'admin', '--', 'true'], 'anchor').ms));
  row('anchor', anchor, 'login session running `true`');
  sh(['run', 'admin', '--', 'koompi', 'snapshot', 'list'], 'warm koompid'); // D-Bus activation once
  const snap = median(
    Array.from(
      { length: runs },
      (_, i) => sh(['run', 'admin', '--', 'koompi', 'snapshot', 'create', `bench ${i}`], 'snapshot').ms,
    ),
  );
  row('snapshot', snap, `minus anchor ${((snap - anchor) / 1000).toFixed(2)} s`);
  const installs = [];
  for (let i = 0; i < runs; i++) {
    installs.push(sh(['run', 'admin', '--', 'koompi', 'package', 'install', 'koompi-hello', '--yes'], 'install').ms);
    sh(['run', 'admin', '--', 'koompi', 'package', 'remove', 'koompi-hello', '--yes'], 'remove');
  }
  const install = median(installs);
  row('install', install, `minus anchor ${((install - anchor) / 1000).toFixed(2)} s; pre+post snapshots included`);
  const list = JSON.parse(sh(['run', 'admin', '--', 'koompi', 'snapshot', 'list', '--json'], 'list').out);
  // The oldest manual snapshot still kept (retention may have pruned some).
  const target = list.snapshots.find((s) => s.kind === 'single')?.id ?? list.snapshots[0].id;
  const rollback = sh(['run', 'admin', '--', 'koompi', 'snapshot', 'rollback', target, '--yes'], 'rollback').ms;
  row('rollback', rollback, `minus anchor ${((rollback - anchor) / 1000).toFixed(2)} s`);
  const reboot = sh(['reboot'], 'reboot').ms;
  row(
    'reboot',
    reboot,
    `boot alone ${(bootMs() / 1000).toFixed(2)} s; into ${/^SUBVOL=(.*)$/m.exec(sh(['status'], 'status').out)[1]}`,
  );
  console.log(`(${runs} runs, ${os.cpus().length} cores, release ${release})`);
} finally {
  spawnSync('bash', [script, 'down'], { env });
  fs.rmSync(state, { recursive: true, force: true });
}
