// The koompi command end to end: the real bin, compiled with `tsc -b`, spawned
// as a person or a script would run it.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeGemini } from '../../../core/src/ai/test/fake-gemini.js';
import { startSessionBus, type SessionBus } from '../../../tests/support/session-bus.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const bin = path.join(root, 'apps', 'cli', 'bin', 'koompi.js');
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-e2e-'));

/** A clean environment: no bus to find, a private home, the language given. */
function env(lang = 'en_US.UTF-8', extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env['PATH'],
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    LANG: lang,
    DBUS_SYSTEM_BUS_ADDRESS: 'unix:path=/nonexistent/koompi-e2e-bus',
    DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/koompi-e2e-bus',
    ...extra,
  };
}

function koompi(args: readonly string[], options: { lang?: string; input?: string } | Record<string, string> = {}) {
  const { lang, input, ...extra } = options as { lang?: string; input?: string } & Record<string, string>;
  const result = spawnSync(process.execPath, [bin, ...args], {
    env: env(lang, extra),
    input: input ?? '',
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  // Build the CLI and core the way `npx tsc -b` does, so the test runs what ships.
  execFileSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', 'apps/cli'], {
    cwd: root,
    stdio: 'inherit',
  });
}, 120_000);

afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

describe('koompi, spawned', () => {
  it('prints its version', () => {
    const r = koompi(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^koompi \d+\.\d+\.\d+/);
  });

  it('shows help in Khmer under a Khmer locale and in English otherwise', () => {
    const km = koompi(['--help'], { lang: 'km_KH.UTF-8' });
    expect(km.code).toBe(0);
    expect(km.stdout).toContain('របៀបប្រើ');
    const en = koompi(['package', '--help'], { lang: 'C' });
    expect(en.stdout).toContain('Usage:');
    expect(en.stdout).toContain('koompi package install');
  });

  it('answers `intent --json TEXT` with one JSON object', () => {
    const r = koompi(['intent', '--json', 'ដំឡើង firefox']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ intent: 'package.install', slots: { app: 'firefox' } });
    expect(JSON.parse(lines[0]!).confidence).toBeGreaterThan(0);
  });

  it('reads one sentence per stdin line, answering each in order', () => {
    const r = koompi(['intent', '--json'], { input: 'pls update my pc\nបើកម៉ាស៊ីនគិតលេខ\nwho is online\n' });
    expect(r.code).toBe(0);
    const answers = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(answers.map((a) => a.intent)).toEqual(['system.update', 'app.open', 'classroom.online']);
    expect(answers[1].slots).toEqual({ app: 'calculate' });
  });

  it('answers a stdin line before the next one arrives', async () => {
    const child = spawn(process.execPath, [bin, 'intent', '--json'], { env: env(), stdio: ['pipe', 'pipe', 'pipe'] });
    let seen = '';
    const first = new Promise<string>((resolve) =>
      child.stdout.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if (seen.includes('\n')) resolve(seen);
      }),
    );
    child.stdin.write('lock the screens\n');
    expect(JSON.parse((await first).trim()).intent).toBe('classroom.lock');
    child.stdin.end('unlock the screens\n');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(
      seen
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).intent),
    ).toEqual(['classroom.lock', 'classroom.unlock']);
  });

  it('says in Khmer that the system service is not running, and exits 69', () => {
    const r = koompi(['ដំឡើង firefox', '--yes'], { lang: 'km_KH.UTF-8' });
    expect(r.code).toBe(69);
    expect(r.stdout).toContain('ខ្ញុំនឹងដំឡើង Firefox');
    expect(r.stderr).toContain('koompid');
    expect(r.stderr).toMatch(/មិនកំពុងដំណើរការ/);
    const json = koompi(['package', 'install', 'vlc', '--json']);
    expect(json.code).toBe(69);
    expect(JSON.parse(json.stdout)).toMatchObject({
      error: { code: 'service-not-running', service: 'org.koompi.System1' },
    });
  });

  it('refuses a change without a terminal or --yes, rather than waiting', () => {
    const r = koompi(['switch the language to khmer']);
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('--yes');
  });

  it('saves the language with --yes, keeping the other preferences', () => {
    const file = path.join(home, '.config', 'koompi', 'preferences.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ digits: 'khmer' }));
    const r = koompi(['--yes', 'ប្ដូរភាសាទៅខ្មែរ']);
    expect(r.code).toBe(0);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ digits: 'khmer', language: 'km' });
    expect(koompi(['lang', 'en']).code).toBe(0);
    expect(JSON.parse(koompi(['lang', '--json']).stdout)).toMatchObject({ language: 'en' });
  });

  it('uses meaningful exit codes for usage errors and sentences it cannot understand', () => {
    expect(koompi(['--frobnicate']).code).toBe(2);
    expect(koompi(['info', 'weather']).code).toBe(2);
    expect(koompi(['blue elephant tuesday']).code).toBe(3);
  });

  it('answers `ask` offline and says so, with no key', () => {
    const r = koompi(['ask', '--json', 'how much battery is left?']);
    expect(r.code).toBe(0);
    const answer = JSON.parse(r.stdout);
    expect(answer).toMatchObject({ source: 'offline', intent: 'system.info', slots: { topic: 'battery' } });
    expect(answer.offline.reason).toBe('no-key');
    expect(answer.text).toMatch(/offline/i);
    const km = koompi(['ask', 'តើខ្ញុំវាយអក្សរខ្មែរដោយរបៀបណា?'], { lang: 'km_KH.UTF-8' });
    expect(km.stderr).toContain('ក្រៅបណ្ដាញ');
    expect(km.stdout).toContain('វាយអក្សរខ្មែរ');
  });

  it('answers `ask` from Gemini when a key is set (fake Gemini on 127.0.0.1, real client), with the proposed action', async () => {
    const fake = new FakeGemini();
    const baseUrl = await fake.start();
    fake.script({
      kind: 'answer',
      parts: [
        { text: 'Krita is a good drawing app. ' },
        { functionCall: { name: 'install_package', args: { app: 'krita' } } },
      ],
    });
    try {
      const child = spawn(process.execPath, [bin, 'ask', '--json', 'I want to draw pictures'], {
        env: env('en_US.UTF-8', { KOOMPI_GEMINI_API_KEY: 'k-e2e', KOOMPI_GEMINI_BASE_URL: baseUrl }),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code).toBe(0);
      const answer = JSON.parse(stdout);
      expect(answer.source).toBe('cloud');
      expect(answer.text).toContain('Krita is a good drawing app.');
      expect(answer.action.command).toEqual(['koompi', 'package', 'install', 'krita']);
      expect(fake.requests[0]?.apiKey).toBe('k-e2e');
      expect(stdout).not.toContain('k-e2e');
    } finally {
      await fake.stop();
    }
  });

  it('prints completion scripts for bash, zsh and fish; bash accepts its script', () => {
    for (const shell of ['bash', 'zsh', 'fish']) {
      const r = koompi(['completion', shell]);
      expect(r.code, shell).toBe(0);
      expect(r.stdout, shell).toContain('koompi');
      const file = path.join(home, `koompi.${shell}`);
      fs.writeFileSync(file, r.stdout);
      const checker = spawnSync(shell, ['-n', file], { encoding: 'utf8' });
      if (shell === 'bash') expect(checker.status, checker.stderr).toBe(0);
      else if (!checker.error) expect(checker.status, `${shell}: ${checker.stderr}`).toBe(0);
    }
    const bash = koompi(['completion', 'bash']).stdout;
    expect(bash).toContain('complete -F _koompi koompi');
    expect(bash).toContain('firefox');
  });
});

describe('koompi, with koompid absent from a real bus (no probe: the call itself answers)', () => {
  let bus: SessionBus;
  let activatable: SessionBus;
  let tools: string;
  let marker: string;

  beforeAll(async () => {
    // A `dbus-send` first on PATH that leaves a mark: koompi must not run it (nor any probe) before calling.
    tools = fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-tools-'));
    marker = path.join(tools, 'probed');
    fs.writeFileSync(path.join(tools, 'dbus-send'), `#!/bin/sh\ntouch '${marker}'\n`, { mode: 0o755 });
    bus = await startSessionBus();
    // koompid "installed" for D-Bus activation, but failing to start.
    const services = path.join(tools, 'services');
    fs.mkdirSync(services);
    fs.writeFileSync(
      path.join(services, 'org.koompi.System1.service'),
      '[D-BUS Service]\nName=org.koompi.System1\nExec=/bin/false\n',
    );
    activatable = await startSessionBus(services);
  });

  afterAll(() => {
    bus?.stop();
    activatable?.stop();
    fs.rmSync(tools, { recursive: true, force: true });
  });

  // A home of its own: the other tests save a language preference.
  const on = (address: string, args: string[], lang = 'en_US.UTF-8') =>
    koompi(args, {
      lang,
      HOME: tools,
      XDG_CONFIG_HOME: path.join(tools, 'config'),
      DBUS_SYSTEM_BUS_ADDRESS: address,
      PATH: `${tools}:${process.env['PATH']}`,
    });

  it('turns ServiceUnknown into "koompid is not running" (exit 69), in Khmer too, without spawning a probe', () => {
    const json = on(bus.address, ['snapshot', 'list', '--json']);
    expect(json.code, json.stderr).toBe(69);
    expect(JSON.parse(json.stdout)).toMatchObject({
      error: { code: 'service-not-running', service: 'org.koompi.System1', daemonError: 'unavailable' },
    });
    const km = on(bus.address, ['package', 'install', 'firefox'], 'km_KH.UTF-8');
    expect(km.code).toBe(69);
    expect(km.stderr).toMatch(/koompid.*មិនកំពុងដំណើរការ/);
    expect(fs.existsSync(marker)).toBe(false);
  });

  it('says the same when D-Bus activation cannot start koompid (Spawn.ChildExited)', () => {
    const list = on(activatable.address, ['snapshot', 'list', '--json']);
    expect(list.code, list.stdout).toBe(69);
    expect(JSON.parse(list.stdout)).toMatchObject({
      error: { code: 'service-not-running', daemonError: 'unavailable' },
    });
    const km = on(activatable.address, ['snapshot', 'create'], 'km_KH.UTF-8');
    expect(km.code).toBe(69);
    expect(km.stderr).toMatch(/មិនកំពុងដំណើរការ/);
    expect(fs.existsSync(marker)).toBe(false);
  });
});
