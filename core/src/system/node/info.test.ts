import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { INFO_TOPICS } from '../../intent/types.js';
import { createLocalInfoSource } from './info.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-info-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function fakeBattery(percent: string, status: string): string {
  const supplies = path.join(dir, `power-${percent}`);
  fs.mkdirSync(path.join(supplies, 'AC'), { recursive: true });
  fs.writeFileSync(path.join(supplies, 'AC', 'type'), 'Mains\n');
  fs.mkdirSync(path.join(supplies, 'BAT0'), { recursive: true });
  fs.writeFileSync(path.join(supplies, 'BAT0', 'type'), 'Battery\n');
  fs.writeFileSync(path.join(supplies, 'BAT0', 'capacity'), `${percent}\n`);
  fs.writeFileSync(path.join(supplies, 'BAT0', 'status'), `${status}\n`);
  return supplies;
}

describe('createLocalInfoSource', () => {
  it('reads a battery from the power-supply tree', async () => {
    const info = createLocalInfoSource({ powerSupplyDir: fakeBattery('57', 'Charging') });
    expect(await info.read('battery')).toEqual({ present: true, percent: 57, charging: true });
    const mains = createLocalInfoSource({ powerSupplyDir: path.join(dir, 'nothing-here') });
    expect(await mains.read('battery')).toEqual({ present: false });
  });

  it('reads the OS name and version from os-release', async () => {
    const file = path.join(dir, 'os-release');
    fs.writeFileSync(file, 'NAME="KOOMPI OS"\nPRETTY_NAME="KOOMPI OS 2026.11"\nVERSION_ID=2026.11\n');
    const osInfo = await createLocalInfoSource({ osReleaseFile: file }).read('os');
    expect(osInfo).toMatchObject({ name: 'KOOMPI OS', version: '2026.11' });
  });

  it('answers every topic with plausible numbers', async () => {
    const info = createLocalInfoSource({ diskPath: dir });
    for (const topic of INFO_TOPICS) expect(await info.read(topic)).toBeTruthy();
    const memory = await info.read('memory');
    expect(memory.totalBytes).toBeGreaterThan(memory.availableBytes);
    const disk = await info.read('disk');
    expect(disk.totalBytes).toBeGreaterThanOrEqual(disk.freeBytes);
    expect((await info.read('cpu')).cores).toBeGreaterThan(0);
  });
});
