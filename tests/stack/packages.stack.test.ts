// Package jobs against the real stack: Flatpak with a local file:// repository
// (its system installation inside the managed root's @var) and PackageKit with
// its dummy backend, every change wrapped in a pre/post snapshot pair.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DbusConnection,
  KoompidConnection,
  PackagesClient,
  SnapshotsClient,
  type DaemonResult,
  type JobEvent,
  type PackageJob,
} from '@koompi/core';
import { canRunStack, startStack, type Stack } from './harness.js';

function value<T>(r: DaemonResult<T>): T {
  if (!r.ok) throw new Error(`${r.error.kind}: ${r.error.message}`);
  return r.value;
}

async function drain(job: PackageJob): Promise<JobEvent[]> {
  const events: JobEvent[] = [];
  for await (const e of job.progress()) events.push(e);
  return events;
}

describe.skipIf(!canRunStack)('koompid packages (real Flatpak and PackageKit)', () => {
  let stack: Stack;
  let conn: KoompidConnection;
  let packages: PackagesClient;
  let snapshots: SnapshotsClient;
  const installedRefs = (): string[] => {
    const r = spawnSync('flatpak', ['list', '--system', '--columns=ref'], {
      encoding: 'utf8',
      env: { ...process.env, FLATPAK_SYSTEM_DIR: stack.env['FLATPAK_SYSTEM_DIR'] },
    });
    return r.stdout.split('\n').filter(Boolean).sort();
  };

  beforeAll(async () => {
    stack = await startStack('packages');
    conn = value(await KoompidConnection.connect(stack.env['DBUS_SYSTEM_BUS_ADDRESS']));
    packages = new PackagesClient(conn);
    snapshots = new SnapshotsClient(conn);
  });
  afterAll(() => {
    conn?.close();
    stack?.down();
  });

  it('searches apps (Flatpak) and system packages (PackageKit) together', async () => {
    const hits = value(await packages.search('test'));
    expect(hits).toContainEqual(
      expect.objectContaining({ id: 'org.koompi.TestDraw', source: 'app', installed: false }),
    );
    const system = value(await packages.search('scribus'));
    expect(system).toContainEqual(expect.objectContaining({ id: 'scribus', source: 'system' }));
  });

  it('puts the system back when an app install fails half-way (after its runtime went in)', async () => {
    expect(installedRefs()).toEqual([]);
    const job = value(await packages.install('org.koompi.TestBroken'));
    await drain(job);
    const outcome = await job.outcome;
    expect(outcome).toMatchObject({ kind: 'failed', failure: { kind: 'failed' } });
    if (outcome.kind !== 'failed') return;
    expect(outcome.failure.message).toMatch(new RegExp(`snapshot ${outcome.preSnapshot}\\b`));
    expect(installedRefs()).toEqual([]); // the runtime it pulled in is gone again
    expect(stack.log()).toMatch(/removed runtime\/org\.koompi\.TestPlatform\//);
    expect(value(await snapshots.list()).find((s) => s.id === outcome.preSnapshot)).toMatchObject({ kind: 'pre' });
  });

  it('installs an app with progress, between a pre and a post snapshot', async () => {
    const job = value(await packages.install('org.koompi.TestDraw'));
    const events = await drain(job);
    const outcome = await job.outcome;
    expect(outcome.kind).toBe('succeeded');
    if (outcome.kind !== 'succeeded') return;
    const percentages = events.map((e) => e.percentage);
    expect(percentages).toEqual([...percentages].sort((a, b) => a - b));
    expect(events.map((e) => e.stage)).toEqual(expect.arrayContaining(['snapshot-pre', 'snapshot-post']));
    expect(installedRefs()).toEqual(expect.arrayContaining([expect.stringMatching(/^org\.koompi\.TestDraw\//)]));
    const list = value(await snapshots.list());
    expect(list.find((s) => s.id === outcome.preSnapshot)).toMatchObject({ kind: 'pre' });
    expect(list.find((s) => s.id === outcome.postSnapshot)).toMatchObject({ kind: 'post', pre: outcome.preSnapshot });
    expect(value(await packages.search('TestDraw'))[0]).toMatchObject({ installed: true });
  });

  it('removes the app again', async () => {
    const job = value(await packages.remove('org.koompi.TestDraw'));
    expect((await job.outcome).kind).toBe('succeeded');
    expect(installedRefs().some((r) => r.includes('TestDraw'))).toBe(false);
  });

  it('reports an unknown app as not-found and keeps no snapshot for it', async () => {
    const before = value(await snapshots.list());
    const job = value(await packages.install('org.koompi.DoesNotExist'));
    expect(await job.outcome).toMatchObject({ kind: 'failed', failure: { kind: 'not-found' } });
    expect(value(await snapshots.list())).toEqual(before);
  });

  it('reports a failed system install from PackageKit, with its pre snapshot, and stages nothing when nothing changed', async () => {
    // The dummy backend refuses "scribus" as untrusted: a real PackageKit failure.
    const job = value(await packages.install('scribus'));
    const outcome = await job.outcome;
    expect(outcome).toMatchObject({ kind: 'failed', failure: { kind: 'failed' } });
    expect(fs.readdirSync(path.join(stack.esp, 'loader/entries'))).toEqual(['koompi.conf']);
  });

  it('cancels a job still waiting behind another', async () => {
    const first = value(await packages.install('scribus'));
    const second = value(await packages.install('org.koompi.TestDraw'));
    expect(value(await second.cancel())).toBeUndefined();
    expect(await second.outcome).toEqual({ kind: 'cancelled' });
    await first.outcome;
    const late = await first.cancel();
    expect(late.ok).toBe(false);
  });

  it("ignores a forged PackageKit signal from another connection on the transaction's path", async () => {
    const forger = await DbusConnection.connect(stack.env['DBUS_SYSTEM_BUS_ADDRESS']);
    const timers: NodeJS.Timeout[] = [];
    const stop = await forger.subscribe(
      { path: '/org/freedesktop/PackageKit', member: 'TransactionListChanged' },
      (signal) => {
        for (const tx of (signal.body[0] as string[]) ?? []) {
          const timer = setInterval(() => {
            forger.emit(tx, 'org.freedesktop.PackageKit.Transaction', 'Package', 'uss', [
              2,
              'forged;6.6.6;x86_64;evil',
              'x',
            ]);
          }, 2);
          timers.push(timer);
          setTimeout(() => clearInterval(timer), 3_000);
        }
      },
    );
    try {
      const hits = value(await packages.search('scribus'));
      expect(hits.map((h) => h.id)).toContain('scribus');
      expect(hits.map((h) => h.id)).not.toContain('forged');
    } finally {
      for (const t of timers) clearInterval(t);
      await stop();
      forger.close();
    }
  });

  // Last: it stops PackageKit for the rest of this stack.
  it('runs the restore path when the system backend throws mid-job (PackageKit gone)', async () => {
    const line = fs
      .readFileSync(path.join(stack.dir, 'pids'), 'utf8')
      .split('\n')
      .find((l) => l.startsWith('packagekitd '));
    process.kill(Number(line?.split(' ')[1]), 'SIGKILL');
    const job = value(await packages.install('scribus'));
    const outcome = await job.outcome;
    expect(outcome).toMatchObject({ kind: 'failed', failure: { kind: 'failed' } });
    if (outcome.kind !== 'failed') return;
    expect(outcome.preSnapshot).not.toBe('');
    expect(outcome.failure.message).toMatch(new RegExp(`\\b${outcome.preSnapshot}\\b`));
    expect(outcome.failure.message).not.toMatch(/internal error/);
    // It cannot know what PackageKit changed, so the pre snapshot boots next.
    expect(fs.readdirSync(path.join(stack.esp, 'loader/entries')).sort()).toEqual([
      'koompi-root-1+3.conf',
      'koompi.conf',
    ]);
  });
});
