import {
  createCatalog,
  createFixedProbe,
  createIntentRouter,
  loadTranslator,
  type AppLauncher,
  type FileFinder,
  type LaunchResult,
  type Locale,
  type ServiceStatus,
  type SystemInfoSource,
} from '@koompi/core';
import { describe, expect, it } from 'vitest';
import { parseArgs } from './args.js';
import { runCli } from './cli.js';
import type { Context, Io } from './context.js';
import type { PreferencesStore } from './preferences.js';

interface Harness {
  ctx: Context;
  out: string[];
  err: string[];
  launched: Array<readonly string[]>;
  prefs: Record<string, unknown>;
  asked: string[];
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
    system?: ServiceStatus;
    launch?: LaunchResult;
    display?: boolean;
  } = {},
): Harness {
  const out: string[] = [];
  const err: string[] = [];
  const launched: Array<readonly string[]> = [];
  const asked: string[] = [];
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
    probe: createFixedProbe({ system: setup.system ?? { kind: 'not-running', reason: 'no-bus' } }),
    launcher,
    info,
    files,
    preferences,
    env: setup.display === false ? {} : { DISPLAY: ':0' },
    version: '9.9.9',
  };
  return { ctx, out, err, launched, prefs, asked };
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

  it('reports a running daemon it cannot drive yet as unavailable, changing nothing', async () => {
    const r = await run(['snapshot', 'create', '--json'], { system: { kind: 'running' } });
    expect(r.code).toBe(69);
    expect(JSON.parse(r.out[0]!)).toMatchObject({ error: { code: 'not-supported' } });
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
