import {
  UNAVAILABLE,
  createActionRunner,
  createCatalog,
  createIntentRouter,
  ready,
  loadTranslator,
  connectClassroomControl,
  type AppLauncher,
  type ClassroomClient,
  type DaemonFailure,
  type FileFinder,
  type LaunchResult,
  type Locale,
  type SystemInfoSource,
} from '@koompi/core';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArgs } from './args.js';
import { runCli } from './cli.js';
import { startTeacherControl, type RunningTeacher } from '../../../tests/support/teacher-control.js';
import type { Context, Io } from './context.js';
import type { SystemDaemon } from '@koompi/core';
import type { PreferencesStore } from './preferences.js';

interface Harness {
  ctx: Context;
  out: string[];
  err: string[];
  launched: Array<readonly string[]>;
  calls: string[];
  prefs: Record<string, unknown>;
  asked: string[];
  progress: string[];
}

const catalog = createCatalog();
const router = createIntentRouter({ catalog });

function harness(
  argv: readonly string[],
  setup: {
    locale?: Locale;
    interactive?: boolean;
    answer?: string;
    stdin?: string[];
    /** koompid: running, or not there (every call answers `unavailable`, as the bus's ServiceUnknown does). */
    system?: 'running' | 'absent';
    launch?: LaunchResult;
    display?: boolean;
    refuse?: DaemonFailure;
    classroom?: ClassroomClient;
  } = {},
): Harness {
  const calls: string[] = [];
  const absent: DaemonFailure = {
    kind: 'unavailable',
    message: 'org.freedesktop.DBus.Error.ServiceUnknown: The name org.koompi.System1 was not provided',
  };
  const failure = setup.system === 'running' ? setup.refuse : absent;
  const refused = failure ? ({ ok: false, error: failure } as const) : undefined;
  const snapshots = [
    { id: '1', created: new Date(Date.UTC(2026, 10, 1)), kind: 'single', reason: 'first', pinned: false },
    { id: '2', created: new Date(Date.UTC(2026, 10, 2)), kind: 'pre', reason: 'update', pinned: false },
    { id: '3', created: new Date(Date.UTC(2026, 10, 2)), kind: 'post', reason: 'update', pinned: false, pre: '2' },
  ] as const;
  const daemon: SystemDaemon = {
    createSnapshot: async (reason) => (calls.push(`create ${reason}`), refused ?? { ok: true, value: { id: '4' } }),
    listSnapshots: async () => (calls.push('list'), refused ?? { ok: true, value: [...snapshots] }),
    deleteSnapshot: async (id) => (calls.push(`delete ${id}`), refused ?? { ok: true, value: undefined }),
    rollback: async (id) => {
      calls.push(`rollback ${id}`);
      const report = {
        snapshot: id,
        created: new Date(Date.UTC(2026, 10, 2)),
        reason: 'update',
        added: ['a'],
        removed: [],
        changed: [],
      };
      return refused ?? { ok: true, value: report };
    },
    searchPackages: async (query) => (calls.push(`search ${query}`), refused ?? { ok: true, value: [] }),
    changePackages: async (change, name, onProgress) => {
      calls.push(`${change} ${name ?? ''}`.trim());
      if (!refused)
        for (const [percentage, stage] of [
          [10, 'snapshot-pre'],
          [60, 'install'],
          [100, 'done'],
        ] as const)
          onProgress?.({ percentage, stage });
      return refused ?? { ok: true, value: { kind: 'succeeded', preSnapshot: '5', postSnapshot: '6' } };
    },
    close: () => undefined,
  };
  const out: string[] = [];
  const err: string[] = [];
  const launched: Array<readonly string[]> = [];
  const asked: string[] = [];
  const progress: string[] = [];
  const prefs: Record<string, unknown> = { digits: 'khmer' };
  const io: Io = {
    out: (t) => void out.push(t),
    err: (t) => void err.push(t),
    async *lines() {
      yield* setup.stdin ?? [];
    },
    interactive: setup.interactive ?? false,
    ask: async (q) => {
      asked.push(q);
      return setup.answer;
    },
    progress: (line) => void progress.push(line),
    endProgress: () => void progress.push('<end>'),
  };
  const launcher: AppLauncher = {
    launch: async (argv2) => {
      launched.push(argv2);
      return setup.launch ?? { kind: 'started', pid: 42 };
    },
  };
  const info: SystemInfoSource = {
    read: async (topic) =>
      ({
        memory: { totalBytes: 8 * 1024 ** 3, availableBytes: 3 * 1024 ** 3 },
        disk: { path: '/home/dara', totalBytes: 256 * 1024 ** 3, freeBytes: 100 * 1024 ** 3 },
        battery: { present: true, percent: 80, charging: false },
        network: { online: true, interfaces: [{ name: 'wlan0', addresses: ['10.0.0.5'] }] },
        cpu: { model: 'Test CPU', cores: 4, load: 0.25 },
        os: { name: 'KOOMPI OS', version: '2026.11', kernel: '6.12', hostname: 'class-07' },
      })[topic] as never,
  };
  const files: FileFinder = {
    find: async (q) => (q === 'essay' ? [{ path: '/home/dara/essay.odt', sizeBytes: 10, modified: new Date(0) }] : []),
  };
  const preferences: PreferencesStore = {
    file: '/home/dara/.config/koompi/preferences.json',
    read: () => prefs,
    set: (k, v) => void (prefs[k] = v),
  };
  const invocation = parseArgs(argv);
  const locale = setup.locale ?? 'en';
  const ctx: Context = {
    t: loadTranslator('cli', { locale, env: {} }),
    translatorFor: (l) => loadTranslator('cli', { locale: l, env: {} }),
    io,
    options: invocation.options,
    router,
    catalog,
    daemon,
    launcher,
    info,
    files,
    preferences,
    env: setup.display === false ? {} : { DISPLAY: ':0' },
    version: '9.9.9',
    ...(setup.classroom ? { classroom: setup.classroom } : {}),
  };
  return { ctx, out, err, launched, calls, prefs, asked, progress };
}

async function run(
  argv: readonly string[],
  setup: Parameters<typeof harness>[1] = {},
): Promise<Harness & { code: number }> {
  const h = harness(argv, setup);
  const code = await runCli(h.ctx, parseArgs(argv));
  return { ...h, code };
}

describe('koompi (in process)', () => {
  it('says plainly, in Khmer, that koompid is not running, and exits 69', async () => {
    const r = await run(['package', 'install', 'firefox'], { locale: 'km' });
    expect(r.code).toBe(69);
    expect(r.err.join('\n')).toContain('koompid');
    expect(r.err.join('\n')).toMatch(/មិនកំពុងដំណើរការ/);
  });

  it('asks koompid itself, with no probe first, and says plainly when it is not there', async () => {
    const r = await run(['snapshot', 'create', 'before the exam', '--json']);
    expect(r.calls).toEqual(['create before the exam']);
    expect(r.code).toBe(69);
    expect(JSON.parse(r.out[0]!)).toMatchObject({
      error: { code: 'service-not-running', service: 'org.koompi.System1', daemonError: 'unavailable' },
    });
  });

  const running = { system: 'running' } as const;

  it('installs through koompid with the catalog package name', async () => {
    const r = await run(['package', 'install', 'Firefox', 'ហ្គីម'], running);
    expect(r.code).toBe(0);
    expect(r.calls).toEqual(['install org.mozilla.firefox', 'install org.gimp.GIMP']);
    expect(r.out).toEqual(['Installed Firefox.', 'Installed GIMP.']);
    expect(r.progress.slice(0, 4)).toEqual([
      '[##----------------------]  10%  Taking a snapshot first',
      '[##############----------]  60%  Installing',
      '[########################] 100%  Done',
      '<end>',
    ]);
    const km = await run(['package', 'install', 'firefox'], { ...running, locale: 'km' });
    expect(km.progress.some((line) => line.includes('កំពុងដំឡើង'))).toBe(true);
    const json = await run(['package', 'install', 'firefox', '--json'], running);
    expect(json.progress).toEqual([]);
  });

  it('takes snapshots, lists them and rolls back to the one before the latest change', async () => {
    const made = await run(['snapshot', 'create', '--json'], running);
    expect(JSON.parse(made.out[0]!)).toEqual({ id: '4' });
    const list = await run(['snapshot', 'list', '--json'], running);
    expect(JSON.parse(list.out[0]!).snapshots.map((s: { id: string }) => s.id)).toEqual(['1', '2', '3']);
    const back = await run(['undo the last update', '--yes'], running);
    expect(back.code).toBe(0);
    expect(back.calls).toEqual(['list', 'rollback 2']);
  });

  it("turns koompid's refusals into plain messages and exit codes", async () => {
    const student = await run(['package', 'remove', 'vlc'], {
      ...running,
      refuse: { kind: 'not-authorized', message: 'x' },
    });
    expect(student.code).toBe(77);
    expect(student.err.join('\n')).toMatch(/not allowed/);
    const busy = await run(['package', 'update', '--json'], { ...running, refuse: { kind: 'busy', message: 'x' } });
    expect(busy.code).toBe(75);
    expect(JSON.parse(busy.out[0]!)).toMatchObject({ error: { code: 'busy', daemonError: 'busy' } });
  });

  it('reports the classroom service as not running', async () => {
    const r = await run(['class', 'lock'], { locale: 'km' });
    expect(r.code).toBe(69);
    expect(r.err.join('\n')).toMatch(/ថ្នាក់រៀន/);
  });

  it('asks before a change and stops when the answer is no', async () => {
    const r = await run(['ប្ដូរភាសាទៅអង់គ្លេស'], { interactive: true, answer: 'n' });
    expect(r.asked.length).toBe(1);
    expect(r.code).toBe(4);
    expect(r.prefs['language']).toBeUndefined();
  });

  it('acts after a yes, in Khmer too, and keeps other preferences', async () => {
    const r = await run(['switch to khmer'], { interactive: true, answer: 'បាទ' });
    expect(r.code).toBe(0);
    expect(r.prefs).toEqual({ digits: 'khmer', language: 'km' });
  });

  it('refuses a change with no terminal and no --yes, and goes ahead with --yes', async () => {
    expect((await run(['switch to khmer'])).code).toBe(5);
    const yes = await run(['switch to khmer', '--yes']);
    expect(yes.code).toBe(0);
    expect(yes.prefs['language']).toBe('km');
  });

  it('does read-only things without asking', async () => {
    const r = await run(['how much battery is left']);
    expect(r.asked).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.out.join('\n')).toContain('80%');
  });

  it('exits 3 for a sentence it does not understand', async () => {
    expect((await run(['the weather is nice'])).code).toBe(3);
  });

  it('exits 2 when a sentence lacks the detail to act', async () => {
    expect((await run(['share the lesson with the class'])).code).toBe(2);
  });

  it('opens apps through the launcher with the catalog argument array', async () => {
    const r = await run(['open', 'chat']);
    expect(r.code).toBe(0);
    expect(r.launched).toEqual([['koompi-chat']]);
    expect((await run(['open', 'chat'], { display: false })).code).toBe(1);
    expect((await run(['open', 'chat'], { launch: { kind: 'not-found', command: 'koompi-chat' } })).code).toBe(1);
    expect((await run(['open', 'no-such-thing-at-all'])).code).toBe(2);
  });

  it('answers ask offline, with the proposed action in JSON', async () => {
    const r = await run(['ask', '--json', 'ដំឡើង VLC']);
    const answer = JSON.parse(r.out[0]!);
    expect(answer).toMatchObject({ source: 'offline', intent: 'package.install', slots: { app: 'vlc' } });
    expect(answer.action.command).toEqual(['koompi', 'package', 'install', 'vlc']);
    expect(answer.text).toMatch(/offline/);
  });

  it('prints one JSON object per input line in intent mode', async () => {
    const r = await run(['intent', '--json'], { stdin: ['install vlc', '', 'ចាក់សោអេក្រង់'] });
    expect(r.out.map((l) => JSON.parse(l).intent)).toEqual(['package.install', 'unknown', 'classroom.lock']);
  });

  it('searches the catalog, finds files and shows system facts', async () => {
    const search = await run(['package', 'search', 'កម្មវិធីគូររូប', '--json']);
    expect(JSON.parse(search.out[0]!).results[0].id).toBe('krita');
    const found = await run(['file', 'find', 'essay', '--json']);
    expect(JSON.parse(found.out[0]!).files[0].path).toBe('/home/dara/essay.odt');
    const info = await run(['info', 'memory', '--json']);
    expect(JSON.parse(info.out[0]!)).toEqual({ memory: { totalBytes: 8 * 1024 ** 3, availableBytes: 3 * 1024 ** 3 } });
  });

  it('rejects bad arguments with exit 2', async () => {
    expect((await run(['info', 'weather'])).code).toBe(2);
    expect((await run(['lang', 'fr'])).code).toBe(2);
    expect((await run(['package'])).code).toBe(2);
    expect((await run(['package', 'install'])).code).toBe(2);
    expect((await run(['completion', 'powershell'])).code).toBe(2);
    expect((await run(['--nope'])).code).toBe(2);
  });
});

describe('koompi "SENTENCE" through core\'s action table (the same requests as Chat)', () => {
  const running = { system: 'running' } as const;
  let classroom: RunningTeacher;
  let socket: string;

  beforeAll(async () => {
    classroom = await startTeacherControl('koompi-cli-actions-', 'C');
    socket = classroom.socket;
  });

  afterAll(() => classroom.close());

  it('asks koompid for the Flatpak org.mozilla.firefox for "ដំឡើង Firefox", as Chat does, and says it once', async () => {
    const r = await run(['ដំឡើង Firefox', '--yes'], running);
    expect(r.code).toBe(0);
    expect(r.calls).toEqual(['install org.mozilla.firefox']);
    expect(r.out).toEqual(['I will install Firefox.  (koompi package install firefox)', 'Installed Firefox.']);
  });

  it("makes the same calls as Chat's runner for the same sentences (core's createActionRunner, one path)", async () => {
    const sentences = [
      'ដំឡើង Firefox',
      'remove gimp',
      'update the system',
      'list the snapshots',
      'open files',
      'បើកម៉ាស៊ីនគិតលេខ',
    ];
    for (const sentence of sentences) {
      const cli = await run([sentence, '--yes'], running);
      expect(cli.code, sentence).toBe(0);
      // Chat's composition: core's runner over the same kind of ports.
      const chat = harness([], running);
      const routed = router.route(sentence);
      const outcome = await createActionRunner({
        catalog,
        daemon: ready(chat.ctx.daemon),
        launcher: ready(chat.ctx.launcher),
        classroom: UNAVAILABLE,
        files: ready(chat.ctx.files),
        info: ready(chat.ctx.info),
      })({ intent: routed.intent, slots: routed.slots });
      expect(outcome.kind, sentence).toBe('done');
      expect({ calls: cli.calls, launched: cli.launched }, sentence).toEqual({
        calls: chat.calls,
        launched: chat.launched,
      });
    }
  });

  it("keeps a snapshot's reason to the runner's 200 characters, as Chat's is", async () => {
    const long = 'x'.repeat(300);
    const r = await run(['snapshot', 'create', '--reason', long], running);
    expect(r.code).toBe(0);
    expect(r.calls).toEqual([`create ${'x'.repeat(200)}`]);
  });

  it('says there is no display instead of starting an app (the launcher is chosen at start)', async () => {
    const r = await run(['open', 'chat', '--json'], { display: false });
    expect(r.code).toBe(1);
    expect(r.launched).toEqual([]);
    expect(JSON.parse(r.out[0]!)).toMatchObject({
      error: { code: 'no-display', message: expect.stringContaining('Chat') },
    });
  });

  it('starts the file manager for "open files", and no program the catalog does not know', async () => {
    const files = await run(['open files']);
    expect(files.code).toBe(0);
    expect(files.launched).toEqual([['dolphin']]);
    const unknown = await run(['open xeyes', '--yes']);
    expect(unknown.launched).toEqual([]);
    expect(unknown.code).not.toBe(0);
    // Not even a question: koompi open refuses it whatever the answer.
    const asked = await run(['open xeyes'], { interactive: true, answer: 'y' });
    expect(asked.asked).toEqual([]);
    expect(asked.launched).toEqual([]);
    expect(asked.code).toBe(2);
  });

  it('locks the class through the running classroom service (its control socket, not D-Bus)', async () => {
    const r = await run(['lock the class', '--yes', '--json'], { classroom: connectClassroomControl(socket, 10_000) });
    expect(r.code, r.out.join('\n')).toBe(0);
    expect(JSON.parse(r.out.at(-1)!)).toEqual({ report: {} });
    const none = await run(['lock the class', '--yes'], {
      classroom: connectClassroomControl(path.join(path.dirname(socket), 'nothing.sock')),
    });
    expect(none.code).toBe(69);
    expect(none.err.join('\n')).toContain('No classroom is running');
  });
});
