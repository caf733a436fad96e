/**
 * Reads this computer's facts from the kernel's interfaces (/proc, /sys,
 * statfs) and Node's `os` module: no daemon needed, nothing changes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { InfoTopic } from '../../intent/types.js';
import type { BatteryInfo, SystemInfo } from '../../sysinfo/sysinfo.js';
import type { SystemInfoSource } from '../info.js';

export interface LocalInfoOptions {
  /** The disk to report: the one holding this path. */
  readonly diskPath?: string;
  /** Where power supplies are listed (tests point it at a fake tree). */
  readonly powerSupplyDir?: string;
  readonly osReleaseFile?: string;
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    return undefined;
  }
}

function memAvailable(): number {
  const meminfo = readText('/proc/meminfo');
  const kb = meminfo?.match(/^MemAvailable:\s+(\d+)\s+kB/m)?.[1];
  return kb ? Number(kb) * 1024 : os.freemem();
}

function battery(dir: string): BatteryInfo {
  let entries: string[] = [];
  try {
    entries = fs.readdirSync(dir);
  } catch {
    return { present: false };
  }
  for (const entry of entries) {
    if (readText(path.join(dir, entry, 'type')) !== 'Battery') continue;
    const capacity = Number(readText(path.join(dir, entry, 'capacity')));
    if (!Number.isFinite(capacity)) continue;
    const status = readText(path.join(dir, entry, 'status')) ?? '';
    return { present: true, percent: capacity, charging: status === 'Charging' || status === 'Full' };
  }
  return { present: false };
}

function osRelease(file: string): { name: string; version: string } {
  const text = readText(file) ?? '';
  const field = (key: string): string | undefined => text.match(new RegExp(`^${key}=("?)(.*)\\1$`, 'm'))?.[2];
  return { name: field('NAME') ?? os.type(), version: field('VERSION_ID') ?? field('BUILD_ID') ?? '' };
}

export function createLocalInfoSource(options: LocalInfoOptions = {}): SystemInfoSource {
  const readers: { [T in InfoTopic]: () => SystemInfo[T] } = {
    memory: () => ({ totalBytes: os.totalmem(), availableBytes: memAvailable() }),
    disk: () => {
      const target = options.diskPath ?? os.homedir();
      const stats = fs.statfsSync(target);
      return { path: target, totalBytes: stats.blocks * stats.bsize, freeBytes: stats.bavail * stats.bsize };
    },
    battery: () => battery(options.powerSupplyDir ?? '/sys/class/power_supply'),
    network: () => {
      const interfaces = Object.entries(os.networkInterfaces())
        .map(([name, addrs]) => ({ name, addrs: (addrs ?? []).filter((a) => !a.internal) }))
        .filter((i) => i.addrs.length > 0)
        .map((i) => ({ name: i.name, addresses: i.addrs.map((a) => a.address) }));
      return { online: interfaces.length > 0, interfaces };
    },
    cpu: () => {
      const cpus = os.cpus();
      const cores = Math.max(1, cpus.length);
      return { model: cpus[0]?.model.trim() ?? 'unknown', cores, load: (os.loadavg()[0] ?? 0) / cores };
    },
    os: () => ({
      ...osRelease(options.osReleaseFile ?? '/etc/os-release'),
      kernel: os.release(),
      hostname: os.hostname(),
    }),
  };
  return {
    read: async (topic) => readers[topic](),
  };
}
