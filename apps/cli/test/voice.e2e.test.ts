// `koompi voice` end to end: a command spoken by espeak-ng, recognised in
// command mode (pocketsphinx with the grammar from the catalog) and routed;
// dictation with no model says so plainly; model add refuses an unknown file.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../tests/support/qt-env.js';

const bin = path.join(repoRoot, 'apps', 'cli', 'bin', 'koompi.js');
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-voice-'));
const env = (lang = 'en_US.UTF-8') => ({
  PATH: process.env['PATH'],
  HOME: home,
  XDG_DATA_HOME: path.join(home, 'data'),
  XDG_CONFIG_HOME: path.join(home, 'config'),
  LANG: lang,
});
const koompi = (args: string[], lang?: string) =>
  spawnSync(process.execPath, [bin, ...args], { env: env(lang), encoding: 'utf8', timeout: 60_000 });

afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

describe('koompi voice', () => {
  it('recognises a spoken command in command mode and routes it', () => {
    const wav = path.join(home, 'install firefox.wav');
    const said = spawnSync('espeak-ng', ['-v', 'en-us', '-s', '150', '-w', wav, 'install firefox'], {
      encoding: 'utf8',
    });
    expect(said.status, said.stderr).toBe(0);
    const r = koompi(['voice', 'transcribe', '--mode', 'command', '--json', wav]);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.engine).toBe('pocketsphinx');
    expect(out.text).toBe('install firefox');
    expect(out.intent).toBe('package.install');
    expect(typeof out.seconds).toBe('number');
  });

  it('says in Khmer that no dictation model is installed (exit 69), and refuses a file that is not audio', () => {
    const wav = path.join(home, 'hello.wav');
    spawnSync('espeak-ng', ['-w', wav, 'hello']);
    const r = koompi(['voice', 'transcribe', wav], 'km_KH.UTF-8');
    expect(r.status).toBe(69);
    expect(r.stderr).toMatch(/[\u1780-\u17FF]/);
    const notAudio = path.join(home, 'notes.wav');
    fs.writeFileSync(notAudio, 'not a wave file');
    expect(koompi(['voice', 'transcribe', notAudio]).status).toBe(2);
    expect(koompi(['voice', 'transcribe', path.join(home, 'missing.wav')]).status).toBe(2);
  });

  it('refuses to install a model file it does not know, and lists none', () => {
    const fake = path.join(home, 'ggml-tiny.bin');
    fs.writeFileSync(fake, Buffer.alloc(1024, 7));
    const r = koompi(['voice', 'model', 'add', fake, '--json']);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).error.code).toBe('unknown-model');
    expect(JSON.parse(koompi(['voice', 'model', 'list', '--json']).stdout)).toEqual({ models: [] });
  });
});

describe('koompi voice dictate (the Meta+H tool), through a real PulseAudio server', () => {
  it('hears one utterance from the microphone, stops when the speaker pauses, and prints it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-dictate-'));
    const socket = path.join(dir, 'native');
    const pulseEnv = { PULSE_SERVER: `unix:${socket}`, PULSE_RUNTIME_PATH: path.join(dir, 'runtime') };
    const server = spawn(
      'pulseaudio',
      [
        '-n',
        '--daemonize=no',
        '--exit-idle-time=-1',
        '--use-pid-file=no',
        '-L',
        'module-null-sink sink_name=mic rate=16000 channels=1',
        '-L',
        `module-native-protocol-unix socket=${socket} auth-anonymous=1`,
      ],
      { env: { ...process.env, ...pulseEnv, HOME: dir, DBUS_SESSION_BUS_ADDRESS: 'disabled:' }, stdio: 'ignore' },
    );
    try {
      for (
        let i = 0;
        i < 100 && spawnSync('pactl', ['info'], { env: { ...process.env, ...pulseEnv } }).status !== 0;
        i++
      ) {
        await new Promise((r) => setTimeout(r, 100));
      }
      const wav = path.join(home, 'take a snapshot.wav');
      spawnSync('espeak-ng', ['-v', 'en-us', '-s', '140', '-w', wav, 'take a snapshot']);
      const dictate = spawn(
        process.execPath,
        [bin, 'voice', 'dictate', '--mode', 'command', '--device', 'mic.monitor', '--json'],
        {
          env: { ...env(), ...pulseEnv },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let out = '';
      dictate.stdout.on('data', (d: Buffer) => (out += d.toString()));
      // Speak once the recorder is listening; it waits up to 8 s for speech.
      await new Promise((r) => setTimeout(r, 1500));
      spawnSync('paplay', ['--device=mic', wav], { env: { ...process.env, ...pulseEnv } });
      const code = await new Promise<number | null>((resolve) => dictate.on('exit', resolve));
      expect(code).toBe(0);
      const heard = JSON.parse(out);
      expect(heard.text).toBe('take a snapshot');
      expect(heard.engine).toBe('pocketsphinx');
      expect(heard.typed).toBe(false);
    } finally {
      server.kill('SIGTERM');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says in Khmer that there is no microphone when there is no sound server (exit 69)', () => {
    const r = spawnSync(process.execPath, [bin, 'voice', 'dictate', '--mode', 'command'], {
      env: { ...env('km_KH.UTF-8'), PULSE_SERVER: 'unix:/nonexistent/koompi-pulse' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(69);
    expect(r.stderr).toMatch(/[\u1780-\u17FF]/);
  });
});
