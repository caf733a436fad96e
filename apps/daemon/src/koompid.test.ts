// What koompid does at start with the jobs its journal says were unfinished:
// each ends as interrupted, and one that may have changed the system takes the
// restore path a throwing backend takes.
import { describe, expect, it } from 'vitest';
import {
  DAEMON_ERRORS,
  loadTranslator,
  type BootStager,
  type BtrfsSnapshotStore,
  type FlatpakBackend,
  type PackageBackend,
  type Snapshot,
} from '@koompi/core';
import { JobRegistry } from './jobs.js';
import { MemoryJobJournal, type JobRecord } from './journal.js';
import { Koompid } from './koompid.js';

const base: JobRecord = {
  id: 1,
  kind: 'install',
  source: 'system',
  target: 'scribus',
  uid: 1000,
  state: 'running',
  stage: 'install',
  percentage: 40,
  error: '',
  errorMessage: '',
  preSnapshot: '3',
  postSnapshot: '',
};

function boot(record: JobRecord, now: { system: [string, string][]; apps: [string, string][] }) {
  const journal = new MemoryJobJournal();
  journal.save(record);
  const staged: string[] = [];
  const undone: string[][] = [];
  const snapshots: Snapshot[] = [
    { id: '3', created: new Date(0), kind: 'pre', reason: 'Before installing scribus', pinned: false },
  ];
  const store = {
    recover: async () => 0,
    list: async () => snapshots,
    snapshotPath: (id: string) => `/snapshots/${id}/snapshot`,
  } as unknown as BtrfsSnapshotStore;
  const stager = {
    stage: async (p: string) => void staged.push(p),
    promote: async () => undefined,
  } as unknown as BootStager;
  const apps = {
    source: 'app',
    inventory: async () => new Map(now.apps),
    undo: async (before: ReadonlyMap<string, string>) => {
      const added = now.apps.map(([ref]) => ref).filter((ref) => !before.has(ref));
      undone.push(added);
      return added;
    },
  } as unknown as FlatpakBackend;
  const system = { source: 'system', inventory: async () => new Map(now.system) } as unknown as PackageBackend;
  const jobs = new JobRegistry(
    '/org/koompi/System1/jobs/',
    {
      progress: () => undefined,
      finished: () => undefined,
      removed: () => undefined,
    },
    journal,
  );
  const koompid = new Koompid({
    store,
    stager,
    apps,
    system,
    jobs,
    t: loadTranslator('daemon', { locale: 'en' }),
    keep: 10,
    log: () => undefined,
    onSnapshotCreated: () => undefined,
    onSnapshotDeleted: () => undefined,
    onRollbackStaged: () => undefined,
  });
  return { koompid, journal, staged, undone, snapshots };
}

async function recover(t: ReturnType<typeof boot>) {
  const { interrupted, recovered } = await t.koompid.start();
  await recovered;
  return { interrupted, record: t.journal.records.get(1), listed: t.koompid.jobs()[0] };
}

describe('koompid at start: jobs a crash interrupted', () => {
  it('stages the pre snapshot when the system packages changed since the journal took their inventory', async () => {
    const t = boot(
      { ...base, before: [{ source: 'system', installed: [['linux', '6.18']] }] },
      {
        system: [
          ['linux', '6.18'],
          ['scribus', '1.6'],
        ],
        apps: [],
      },
    );
    const { interrupted, record, listed } = await recover(t);
    expect(interrupted.map((j) => j.path)).toEqual(['/org/koompi/System1/jobs/1']);
    expect(t.staged).toEqual(['/snapshots/3/snapshot']);
    expect(record).toMatchObject({ state: 'interrupted', error: DAEMON_ERRORS.failed, preSnapshot: '3' });
    expect(record?.errorMessage).toBe(
      'The change to scribus failed (koompid stopped while it was running); snapshot 3 will be restored when the computer restarts.',
    );
    expect(record?.before).toBeUndefined();
    expect(listed).toMatchObject({ state: 'interrupted', uid: 1000, preSnapshot: '3', message: record?.errorMessage });
  });

  it('stages nothing when the inventory shows the root did not change', async () => {
    const t = boot(
      { ...base, before: [{ source: 'system', installed: [['linux', '6.18']] }] },
      { system: [['linux', '6.18']], apps: [] },
    );
    const { record } = await recover(t);
    expect(t.staged).toEqual([]);
    expect(record?.errorMessage).toMatch(/the system is back as it was at snapshot 3/);
  });

  it('takes the path of a throwing backend when it died before the inventory: the root may have changed, so stage', async () => {
    const t = boot(base, { system: [['linux', '6.18']], apps: [] });
    const { record } = await recover(t);
    expect(t.staged).toEqual(['/snapshots/3/snapshot']);
    expect(record?.state).toBe('interrupted');
  });

  it('uninstalls the Flatpak refs an interrupted app install left', async () => {
    const t = boot(
      {
        ...base,
        source: 'app',
        target: 'org.koompi.TestDraw',
        before: [{ source: 'app', installed: [['app/org.a.B/x86_64/stable', 'c1']] }],
      },
      {
        system: [],
        apps: [
          ['app/org.a.B/x86_64/stable', 'c1'],
          ['runtime/org.koompi.TestPlatform/x86_64/1', 'c2'],
        ],
      },
    );
    const { record } = await recover(t);
    expect(t.undone).toEqual([['runtime/org.koompi.TestPlatform/x86_64/1']]);
    expect(t.staged).toEqual([]);
    expect(record?.errorMessage).toMatch(/org\.koompi\.TestDraw failed .*back as it was at snapshot 3/);
  });

  it('changes nothing for a job that was still queued, or had made no pre snapshot', async () => {
    for (const r of [
      { ...base, state: 'queued', stage: 'queued', preSnapshot: '' } as const,
      { ...base, stage: 'snapshot-pre', preSnapshot: '' } as const,
    ]) {
      const t = boot(r, { system: [['scribus', '1.6']], apps: [] });
      const { record } = await recover(t);
      expect(t.staged).toEqual([]);
      expect(record).toMatchObject({ state: 'interrupted', preSnapshot: '' });
      expect(record?.errorMessage).toBe('koompid stopped before the change to scribus began; nothing was changed.');
    }
  });

  it('keeps a change that was done (koompid died making the post snapshot)', async () => {
    const t = boot({ ...base, stage: 'snapshot-post', percentage: 90 }, { system: [['scribus', '1.6']], apps: [] });
    const { record } = await recover(t);
    expect(t.staged).toEqual([]);
    expect(record?.errorMessage).toMatch(/just after the change to scribus was made; the change is kept/);
  });

  it('says so when the pre snapshot is gone', async () => {
    const t = boot(base, { system: [], apps: [] });
    t.snapshots.length = 0;
    const { record } = await recover(t);
    expect(t.staged).toEqual([]);
    expect(record?.errorMessage).toMatch(/snapshot 3 from before it is gone/);
  });

  it('leaves jobs that had ended alone', async () => {
    const t = boot({ ...base, state: 'succeeded', stage: 'done', percentage: 100 }, { system: [], apps: [] });
    const { interrupted, record } = await recover(t);
    expect(interrupted).toEqual([]);
    expect(record?.state).toBe('succeeded');
  });
});

describe('koompid without a writable journal', () => {
  it('refuses to start a job it could not put back after a crash', async () => {
    const t = boot(base, { system: [], apps: [] });
    await recover(t);
    t.journal.save = () => {
      throw new Error('EROFS');
    };
    expect(t.koompid.startJob('install', 'app', 'org.a.B', ':1.5', 1000)).toEqual({
      ok: false,
      error: { kind: 'no-journal' },
    });
    expect(t.koompid.jobs().map((j) => j.path)).toEqual(['/org/koompi/System1/jobs/1']);
  });
});
