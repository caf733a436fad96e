// Avahi over D-Bus, for real: avahi-daemon on a private system bus inside a
// network namespace, finding a service that bonjour-service publishes from
// another namespace on the same bridge (and the other way round).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FoundService } from '../ports.js';

const root = typeof process.getuid === 'function' && process.getuid() === 0;
const hasAvahi =
  spawnSync('avahi-daemon', ['--version']).status === 0 && spawnSync('dbus-daemon', ['--version']).status === 0;
const id = `kv${process.pid.toString(16).slice(-4)}`;

/** Kills a process and its descendants, by PID. */
function killTree(pid: number): void {
  let children: number[] = [];
  try {
    children = fs
      .readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    // gone
  }
  for (const c of children) killTree(c);
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // gone
  }
}

function sh(args: string[]): void {
  const r = spawnSync(args[0]!, args.slice(1), { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${args.join(' ')}: ${r.stderr}`);
}

describe.skipIf(!root || !hasAvahi)('Avahi discovery over D-Bus', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-avahi-'));
  const procs: ChildProcess[] = [];
  let busAddress = '';

  beforeAll(async () => {
    sh(['ip', 'link', 'add', `${id}br`, 'type', 'bridge']);
    sh(['ip', 'link', 'set', `${id}br`, 'up']);
    for (const [i, ip] of [
      [1, '10.251.0.1'],
      [2, '10.251.0.2'],
    ] as const) {
      sh(['ip', 'netns', 'add', `${id}-${i}`]);
      sh(['ip', 'link', 'add', `${id}h${i}`, 'type', 'veth', 'peer', 'name', `${id}n${i}`]);
      sh(['ip', 'link', 'set', `${id}n${i}`, 'netns', `${id}-${i}`]);
      sh(['ip', 'link', 'set', `${id}h${i}`, 'master', `${id}br`, 'up']);
      for (const cmd of [
        ['ip', 'link', 'set', 'lo', 'up'],
        ['ip', 'addr', 'add', `${ip}/24`, 'dev', `${id}n${i}`],
        ['ip', 'link', 'set', `${id}n${i}`, 'up', 'multicast', 'on'],
        ['ip', 'route', 'add', '224.0.0.0/4', 'dev', `${id}n${i}`],
      ]) {
        sh(['ip', 'netns', 'exec', `${id}-${i}`, ...cmd]);
      }
    }
    // A private system bus that lets Avahi own its name.
    const conf = path.join(dir, 'bus.conf');
    fs.writeFileSync(
      conf,
      `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig><type>system</type><listen>unix:path=${dir}/bus</listen><auth>EXTERNAL</auth>
<policy context="default"><allow user="*"/><allow own="*"/><allow send_destination="*" eavesdrop="true"/><allow receive_sender="*"/></policy></busconfig>`,
    );
    const bus = spawn('dbus-daemon', [`--config-file=${conf}`, '--nofork', '--print-address=1'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    procs.push(bus);
    busAddress = await new Promise<string>((resolve) =>
      bus.stdout!.once('data', (d: Buffer) => resolve(d.toString().trim())),
    );
    const avahiConf = path.join(dir, 'avahi.conf');
    fs.writeFileSync(
      avahiConf,
      `[server]\nuse-ipv4=yes\nuse-ipv6=no\nallow-interfaces=${id}n1\nenable-dbus=yes\n[publish]\npublish-hinfo=no\npublish-workstation=no\n`,
    );
    // A mount namespace keeps avahi's pid file and socket off the host's /run.
    const avahi = spawn(
      'ip',
      [
        'netns',
        'exec',
        `${id}-1`,
        'unshare',
        '-m',
        'sh',
        '-c',
        `mount -t tmpfs tmpfs /run && mkdir -p /run/avahi-daemon && exec avahi-daemon --no-drop-root --no-chroot --no-rlimits -f ${avahiConf}`,
      ],
      { stdio: 'ignore', env: { ...process.env, DBUS_SYSTEM_BUS_ADDRESS: busAddress } },
    );
    procs.push(avahi);
    for (let i = 0; i < 100; i++) {
      const r = spawnSync('dbus-send', [
        `--bus=${busAddress}`,
        '--print-reply',
        '--dest=org.freedesktop.Avahi',
        '/',
        'org.freedesktop.Avahi.Server.GetVersionString',
      ]);
      if (r.status === 0) return;
      await new Promise((r2) => setTimeout(r2, 100));
    }
    throw new Error('avahi-daemon did not come up');
  }, 60_000);

  afterAll(() => {
    for (const p of procs.reverse()) if (p.pid) killTree(p.pid);
    spawnSync('ip', ['netns', 'del', `${id}-1`]);
    spawnSync('ip', ['netns', 'del', `${id}-2`]);
    spawnSync('ip', ['link', 'del', `${id}br`]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('finds a teacher announced by bonjour-service in another namespace, and is found by it', async () => {
    // The bonjour side runs in namespace 2 as its own process.
    const script = `
      import { createBonjourDiscovery } from '@koompi/core';
      const d = createBonjourDiscovery({ hostLabel: 'bonjour-teacher' });
      await d.announce({ name: 'KOOMPI teacher B', port: 7740, txt: { role: 'teacher', id: 'B', join: '1' } });
      d.browse((s) => { if (s.name === 'KOOMPI student A') { console.log(JSON.stringify(s)); process.exit(0); } });
      setTimeout(() => process.exit(3), 20000);`;
    const peer = spawn('ip', ['netns', 'exec', `${id}-2`, process.execPath, '--input-type=module', '-e', script], {
      cwd: path.resolve(import.meta.dirname, '../../../..'),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    procs.push(peer);
    const peerSaw = new Promise<string>((resolve) => {
      let out = '';
      peer.stdout!.on('data', (d: Buffer) => (out += d.toString()));
      peer.once('exit', () => resolve(out));
    });
    const { createAvahiDiscovery } = await import('./avahi.js');
    const avahi = await createAvahiDiscovery({ busAddress });
    await avahi.announce({ name: 'KOOMPI student A', port: 7741, txt: { role: 'student', id: 'A' } });
    const found = await new Promise<FoundService>((resolve) => {
      const b = avahi.browse((s) => {
        if (s.name === 'KOOMPI teacher B') {
          b.stop();
          resolve(s);
        }
      });
    });
    expect(found).toMatchObject({
      port: 7740,
      txt: { role: 'teacher', id: 'B', join: '1' },
      addresses: ['10.251.0.2'],
    });
    const seen = JSON.parse((await peerSaw).trim()) as FoundService;
    expect(seen).toMatchObject({ port: 7741, txt: { role: 'student', id: 'A' }, addresses: ['10.251.0.1'] });
    await avahi.close();
  }, 60_000);
});
