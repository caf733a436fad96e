// A classroom network on one machine: every device in its own network
// namespace, all on one bridge, each link shaped with tc tbf.
//
//   switched (default): each device has its own link of `linkMbit` both ways,
//     like a wired switch (tbf on both ends of each veth).
//   shared medium: every frame any device sends goes through one queue of
//     `linkMbit` (an IFB device that all veths redirect into), like one Wi-Fi
//     access point; multicast crosses it once.
//
// Everything created is named with a random prefix and removed by name in
// destroy(), which also runs on a failed setup.
import { execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';

function run(cmd, args) {
  execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

function tryRun(cmd, args) {
  try {
    run(cmd, args);
    return true;
  } catch {
    return false;
  }
}

/** Whether this machine can build the simulation (root, ip, tc, netns). */
export function canSimulate() {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return false;
  const name = `kcp${crypto.randomBytes(3).toString('hex')}`;
  const ok = tryRun('ip', ['netns', 'add', name]);
  if (ok) tryRun('ip', ['netns', 'del', name]);
  return ok && tryRun('tc', ['-V']);
}

function burstFor(mbit) {
  // At least one jumbo-ish frame and ~4 ms of traffic: smaller bursts starve TCP at these rates.
  return `${Math.max(32, Math.ceil((mbit * 1e6 * 0.004) / 8 / 1024))}kb`;
}

const INOTIFY = '/proc/sys/fs/inotify/max_user_instances';

/**
 * @param {{students: number, linkMbit?: number, sharedMedium?: boolean}} options
 */
export function createClassroomNet(options) {
  const id = crypto.randomBytes(2).toString('hex');
  const prefix = `kc${id}`;
  const subnet = 100 + (crypto.randomBytes(1)[0] % 150);
  const bridge = `${prefix}br`;
  const ifb = `${prefix}ifb`;
  const nodes = [];
  const created = { bridge: false, ifb: false, namespaces: [], hostVeths: [] };
  let inotifyBefore;

  const destroy = () => {
    for (const ns of created.namespaces) tryRun('ip', ['netns', 'del', ns]);
    for (const v of created.hostVeths) tryRun('ip', ['link', 'del', v]);
    if (created.ifb) tryRun('ip', ['link', 'del', ifb]);
    if (created.bridge) tryRun('ip', ['link', 'del', bridge]);
    if (inotifyBefore !== undefined) {
      try {
        fs.writeFileSync(INOTIFY, inotifyBefore);
      } catch {
        // read-only /proc: nothing was changed then
      }
    }
  };

  try {
    // Each Syncthing instance needs its own inotify instances; 41 devices exceed root's default of 128.
    try {
      const now = fs.readFileSync(INOTIFY, 'utf8').trim();
      if (Number(now) < 4096) {
        inotifyBefore = now;
        fs.writeFileSync(INOTIFY, '4096');
      }
    } catch {
      // not writable here: fine for small classes
    }
    run('ip', ['link', 'add', bridge, 'type', 'bridge']);
    created.bridge = true;
    // Multicast snooping would drop uftp's traffic without an IGMP querier.
    run('ip', ['link', 'set', bridge, 'type', 'bridge', 'mcast_snooping', '0']);
    run('ip', ['link', 'set', bridge, 'up']);
    const rate = options.linkMbit ? `${options.linkMbit}mbit` : undefined;
    if (options.sharedMedium && rate) {
      run('ip', ['link', 'add', ifb, 'type', 'ifb']);
      created.ifb = true;
      run('tc', [
        'qdisc',
        'add',
        'dev',
        ifb,
        'root',
        'tbf',
        'rate',
        rate,
        'burst',
        burstFor(options.linkMbit),
        'latency',
        '200ms',
      ]);
      run('ip', ['link', 'set', ifb, 'up']);
    }
    const count = options.students + 1;
    for (let i = 0; i < count; i++) {
      const role = i === 0 ? 'teacher' : 'student';
      const ns = i === 0 ? `${prefix}-t` : `${prefix}-s${i}`;
      const host = `${prefix}h${i}`;
      const peer = `${prefix}n${i}`;
      const ip = i === 0 ? `10.${subnet}.0.1` : `10.${subnet}.${1 + Math.floor(i / 250)}.${(i % 250) + 1}`;
      run('ip', ['netns', 'add', ns]);
      created.namespaces.push(ns);
      run('ip', ['link', 'add', host, 'type', 'veth', 'peer', 'name', peer]);
      created.hostVeths.push(host);
      run('ip', ['link', 'set', peer, 'netns', ns]);
      run('ip', ['link', 'set', host, 'master', bridge]);
      run('ip', ['link', 'set', host, 'up']);
      const inNs = (args) => run('ip', ['netns', 'exec', ns, ...args]);
      inNs(['ip', 'link', 'set', 'lo', 'up']);
      inNs(['ip', 'link', 'set', peer, 'name', 'eth0']);
      inNs(['ip', 'addr', 'add', `${ip}/16`, 'dev', 'eth0']);
      inNs(['ip', 'link', 'set', 'eth0', 'up']);
      inNs(['ip', 'route', 'add', '224.0.0.0/4', 'dev', 'eth0']);
      if (rate && !options.sharedMedium) {
        const burst = burstFor(options.linkMbit);
        run('tc', ['qdisc', 'add', 'dev', host, 'root', 'tbf', 'rate', rate, 'burst', burst, 'latency', '200ms']);
        inNs(['tc', 'qdisc', 'add', 'dev', 'eth0', 'root', 'tbf', 'rate', rate, 'burst', burst, 'latency', '200ms']);
      }
      if (rate && options.sharedMedium) {
        run('tc', ['qdisc', 'add', 'dev', host, 'clsact']);
        run('tc', [
          'filter',
          'add',
          'dev',
          host,
          'ingress',
          'protocol',
          'all',
          'u32',
          'match',
          'u32',
          '0',
          '0',
          'action',
          'mirred',
          'egress',
          'redirect',
          'dev',
          ifb,
        ]);
      }
      nodes.push({ role, ns, ip, hostVeth: host });
    }
  } catch (error) {
    destroy();
    throw error;
  }

  return {
    prefix,
    bridge,
    teacher: nodes[0],
    students: nodes.slice(1),
    /** Takes a device's link down (it drops off the network) or back up. */
    setLink(node, up) {
      run('ip', ['link', 'set', node.hostVeth, up ? 'up' : 'down']);
    },
    /** Starts a process inside a device's namespace. */
    spawnIn(node, command, args, spawnOptions = {}) {
      return spawn('ip', ['netns', 'exec', node.ns, command, ...args], spawnOptions);
    },
    destroy,
  };
}
