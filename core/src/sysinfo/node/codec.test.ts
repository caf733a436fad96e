// GetInfo's record: koompid encodes the one SystemInfo model and its clients
// decode the same model, with every key the introspection XML lists.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { SystemInfo } from '../sysinfo.js';
import { decodeInfo, encodeInfo } from './codec.js';
import { probeSystem } from './probe.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-sysinfo-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const laptop: SystemInfo = {
  os: { name: 'KOOMPI OS', version: '2026.11', kernel: '6.12.1-koompi', hostname: 'class-3' },
  memory: { totalBytes: 8 * 1024 ** 3, availableBytes: 3 * 1024 ** 3 },
  disk: { path: '/', totalBytes: 128 * 1024 ** 3, freeBytes: 40 * 1024 ** 3 },
  battery: { present: true, percent: 81, charging: false },
  network: { online: true, interfaces: [{ name: 'wlan0', addresses: ['192.168.1.20', 'fe80::1'] }] },
  cpu: { model: 'Intel N100', cores: 4, load: 0.25 },
};

describe('GetInfo record', () => {
  it('decodes to the model it was encoded from', () => {
    expect(decodeInfo(encodeInfo(laptop))).toEqual(laptop);
    const desktop: SystemInfo = {
      ...laptop,
      battery: { present: false },
      network: { online: false, interfaces: [] },
    };
    expect(decodeInfo(encodeInfo(desktop))).toEqual(desktop);
  });

  it('sends the keys the introspection XML lists, and no others', () => {
    const xml = fs.readFileSync(path.join(repo, 'plasma-integration/dbus/org.koompi.System1.xml'), 'utf8');
    const comment = /GetInfo keys:([\s\S]*?)-->/.exec(xml)?.[1] ?? '';
    const listed = [...comment.matchAll(/([a-z]+(?:\.[a-z]+)?) \(/g)].map((m) => m[1]).sort();
    expect(Object.keys(encodeInfo(laptop)).sort()).toEqual(listed);
  });
});

describe('probeSystem', () => {
  it('reads the managed root, /proc and /sys into the model', async () => {
    const root = path.join(dir, 'root');
    fs.mkdirSync(path.join(root, 'etc'), { recursive: true });
    fs.writeFileSync(path.join(root, 'etc/os-release'), 'NAME="KOOMPI OS"\nVERSION_ID=2026.11\n');
    const proc = path.join(dir, 'proc');
    fs.mkdirSync(proc);
    fs.writeFileSync(path.join(proc, 'meminfo'), 'MemTotal:       8000 kB\nMemAvailable:   3000 kB\n');
    const sys = path.join(dir, 'sys');
    const links: [string, string][] = [
      ['lo', 'unknown'],
      ['eth0', 'down'],
      ['wlan0', 'up'],
    ];
    for (const [name, state] of links) {
      fs.mkdirSync(path.join(sys, 'class/net', name), { recursive: true });
      fs.writeFileSync(path.join(sys, 'class/net', name, 'operstate'), `${state}\n`);
    }
    const bat = path.join(sys, 'class/power_supply/BAT0');
    fs.mkdirSync(bat, { recursive: true });
    fs.writeFileSync(path.join(bat, 'type'), 'Battery\n');
    fs.writeFileSync(path.join(bat, 'capacity'), '64\n');
    fs.writeFileSync(path.join(bat, 'status'), 'Charging\n');

    const info = await probeSystem({ root, proc, sys });
    expect(info.os).toMatchObject({ name: 'KOOMPI OS', version: '2026.11', kernel: os.release() });
    expect(info.memory).toEqual({ totalBytes: 8000 * 1024, availableBytes: 3000 * 1024 });
    expect(info.disk.path).toBe(root);
    expect(info.disk.totalBytes).toBeGreaterThan(0);
    expect(info.battery).toEqual({ present: true, percent: 64, charging: true });
    expect(info.network.online).toBe(true);
    expect(info.network.interfaces.map((i) => i.name)).toEqual(['wlan0']);
    expect(info.cpu.cores).toBeGreaterThan(0);
    expect(decodeInfo(encodeInfo(info))).toEqual(info);
  });
});
