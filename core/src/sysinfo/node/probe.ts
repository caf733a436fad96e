import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseMeminfo, parseOsRelease, type SystemInfo } from '../sysinfo.js';

export interface ProbeOptions {
  /** The root whose os-release and disk are reported (the managed root). */
  readonly root?: string;
  readonly proc?: string;
  readonly sys?: string;
}

/** Reads system information from /proc, /sys and the managed root. */
export async function probeSystem(options: ProbeOptions = {}): Promise<SystemInfo> {
  const root = options.root ?? '/';
  const proc = options.proc ?? '/proc';
  const sys = options.sys ?? '/sys';
  const osRelease =
    (await read(path.join(root, 'etc/os-release'))) ?? (await read(path.join(root, 'usr/lib/os-release'))) ?? '';
  const stat = await fs.statfs(root).catch(() => undefined);
  const memory = parseMeminfo((await read(path.join(proc, 'meminfo'))) ?? '');
  const cpus = os.cpus();
  const cores = Math.max(1, cpus.length);
  return {
    os: { ...parseOsRelease(osRelease), kernel: os.release(), hostname: os.hostname() },
    memory: { totalBytes: memory.total, availableBytes: memory.available },
    disk: {
      path: root,
      totalBytes: stat ? stat.blocks * stat.bsize : 0,
      freeBytes: stat ? stat.bavail * stat.bsize : 0,
    },
    battery: await battery(sys),
    network: await network(sys),
    cpu: { model: cpus[0]?.model.trim() ?? 'unknown', cores, load: (os.loadavg()[0] ?? 0) / cores },
  };
}

async function battery(sys: string): Promise<SystemInfo['battery']> {
  const dir = path.join(sys, 'class/power_supply');
  for (const name of await fs.readdir(dir).catch(() => [] as string[])) {
    if ((await read(path.join(dir, name, 'type')))?.trim() !== 'Battery') continue;
    const capacity = Number((await read(path.join(dir, name, 'capacity')))?.trim());
    const status = (await read(path.join(dir, name, 'status')))?.trim() ?? '';
    if (Number.isFinite(capacity)) {
      return { present: true, percent: Math.min(100, Math.max(0, capacity)), charging: status === 'Charging' };
    }
  }
  return { present: false };
}

async function network(sys: string): Promise<SystemInfo['network']> {
  const dir = path.join(sys, 'class/net');
  const up: string[] = [];
  for (const name of await fs.readdir(dir).catch(() => [] as string[])) {
    if (name === 'lo') continue;
    if ((await read(path.join(dir, name, 'operstate')))?.trim() === 'up') up.push(name);
  }
  const addresses = os.networkInterfaces();
  return {
    online: up.length > 0,
    interfaces: up.sort().map((name) => ({
      name,
      addresses: (addresses[name] ?? []).filter((a) => !a.internal).map((a) => a.address),
    })),
  };
}

async function read(file: string): Promise<string | undefined> {
  return fs.readFile(file, 'utf8').catch(() => undefined);
}
