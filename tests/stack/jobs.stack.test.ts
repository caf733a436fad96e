// Jobs survive koompid: a long job (the first Update on a fresh PackageKit
// dummy backend runs ~20 s) is cut short by SIGKILL to koompid's PID; the
// restarted koompid lists it, from its journal, as interrupted with its pre
// snapshot, takes the restore path, and a job that was waiting behind it is
// listed too, with nothing changed.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  KoompidConnection,
  PackagesClient,
  SnapshotsClient,
  unwrapVariant,
  type DaemonResult,
  type JobSummary,
} from '@koompi/core';
import { canRunStack, repoRoot, startStack, type Stack } from './harness.js';

const interruptedTexts = ['en', 'km'].map(
  (l) =>
    (
      JSON.parse(fs.readFileSync(path.join(repoRoot, 'i18n', l, 'daemon.json'), 'utf8')) as {
        dbus: Record<string, string>;
      }
    ).dbus['interrupted-detail']!,
);

function value<T>(r: DaemonResult<T>): T {
  if (!r.ok) throw new Error(`${r.error.kind}: ${r.error.message}`);
  return r.value;
}

describe.skipIf(!canRunStack)('koompid jobs across a crash (real PackageKit, SIGKILL)', () => {
  let stack: Stack;
  let conn: KoompidConnection;

  beforeAll(async () => {
    stack = await startStack('jobs');
    conn = value(await KoompidConnection.connect(stack.env['DBUS_SYSTEM_BUS_ADDRESS']));
  });
  afterAll(() => {
    conn?.close();
    stack?.down();
  });

  it('lists a job that was running when koompid was killed as interrupted, with its pre snapshot, and loses nothing', async () => {
    const packages = new PackagesClient(conn);
    const update = value(await packages.update());
    const waiting = value(await packages.install('org.koompi.TestDraw'));
    // Kill once PackageKit is changing the system, well inside the job.
    for await (const p of update.progress()) if (p.stage === 'update' && p.percentage > 10) break;
    const pid = stack.daemonPid();
    expect(pid).toBeGreaterThan(0);
    process.kill(pid!, 'SIGKILL');
    conn.close();

    stack.restartDaemon();
    conn = value(await KoompidConnection.connect(stack.env['DBUS_SYSTEM_BUS_ADDRESS']));
    const after = new PackagesClient(conn);
    let jobs: JobSummary[] = [];
    for (let i = 0; i < 300; i++) {
      jobs = value(await after.jobs());
      if (jobs.length === 2 && jobs.every((j) => j.state === 'interrupted')) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const [cut, queued] = jobs;
    expect(cut).toMatchObject({ path: update.path, kind: 'update', state: 'interrupted', uid: 0 });
    expect(cut!.preSnapshot).toMatch(/^[0-9]+$/);
    // The restore path ran: its message says why and names the pre snapshot it went back to.
    expect(cut!.message).toMatch(new RegExp(`\\b${cut!.preSnapshot}\\b`));
    expect(interruptedTexts.some((t) => cut!.message.includes(t))).toBe(true);
    expect(cut!.error).toBe('org.koompi.System1.Error.Failed');
    const pre = value(await new SnapshotsClient(conn).list()).find((s) => s.id === cut!.preSnapshot);
    expect(pre).toMatchObject({ kind: 'pre' });
    // The job that waited behind it never started: nothing changed, no snapshot.
    expect(queued).toMatchObject({ path: waiting.path, kind: 'install', target: 'org.koompi.TestDraw' });
    expect(queued).toMatchObject({ state: 'interrupted', preSnapshot: '' });
    expect(stack.log()).toMatch(
      new RegExp(`job ${path.basename(update.path)} \\(update\\) was running when koompid stopped`),
    );

    // The old job object is back on the bus, so a client holding its path reads how it ended.
    const props = value(
      await conn.call('org.freedesktop.DBus.Properties', 'GetAll', 's', ['org.koompi.Job1'], update.path),
    )[0] as Record<string, unknown>;
    expect(unwrapVariant(props['State'])).toBe('interrupted');

    // On disk: one record per job, root's alone.
    const dir = path.join(stack.dir, 'state', 'jobs');
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    for (const j of jobs) {
      const file = fs.statSync(path.join(dir, `${path.basename(j.path)}.json`));
      expect([file.mode & 0o777, file.uid]).toEqual([0o600, 0]);
    }

    // A new job gets a new number; the old records stay listed.
    const next = value(await after.install('org.koompi.TestDraw'));
    expect(Number(path.basename(next.path))).toBeGreaterThan(Number(path.basename(waiting.path)));
    expect((await next.outcome).kind).toBe('succeeded');
    expect(value(await after.jobs()).map((j) => j.path)).toEqual([update.path, waiting.path, next.path]);
  });
});
