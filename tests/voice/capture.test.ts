// The microphone path against a real, private PulseAudio server: a spoken
// command is played into a null sink, recorded from its monitor with parec,
// cut by the VAD, recognised by pocketsphinx and routed by the intent router.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createIntentRouter,
  listenAndTranscribe,
  listenForUtterance,
  openCommandMode,
  openMicrophone,
} from '@koompi/core';
import { devSet } from './support/devset.js';

let home: string;
let server: ChildProcess | undefined;
let env: Record<string, string | undefined>;

function waitForServer(socket: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = (): void => {
      const r = spawnSync('pactl', ['info'], { env: { ...process.env, ...env }, stdio: 'ignore' });
      if (r.status === 0 && fs.existsSync(socket)) return resolve();
      if (Date.now() - started > timeoutMs) return reject(new Error('PulseAudio did not start'));
      setTimeout(poll, 100);
    };
    poll();
  });
}

beforeAll(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-pulse-'));
  const socket = path.join(home, 'native');
  env = { PULSE_SERVER: `unix:${socket}`, PULSE_RUNTIME_PATH: path.join(home, 'runtime'), HOME: home };
  server = spawn(
    'pulseaudio',
    [
      '-n',
      '--daemonize=no',
      '--exit-idle-time=-1',
      '--use-pid-file=no',
      '--log-target=stderr',
      '-L',
      'module-null-sink sink_name=classroom rate=16000 channels=1',
      '-L',
      `module-native-protocol-unix socket=${socket} auth-anonymous=1`,
    ],
    { env: { ...process.env, ...env, DBUS_SESSION_BUS_ADDRESS: 'disabled:' }, stdio: 'ignore' },
  );
  await waitForServer(socket, 10_000);
});

afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((done) => server!.once('exit', done));
    server.kill('SIGTERM');
    await exited;
  }
  fs.rmSync(home, { recursive: true, force: true });
});

describe('capture through PulseAudio', () => {
  it('hears a spoken command, stops at the end of speech, and recognises it', async () => {
    const command = devSet().find((u) => u.text === 'take a snapshot')!;
    const opened = await openCommandMode({ cacheDir: path.join(home, 'grammar') });
    if (opened.kind !== 'ok') throw new Error(opened.detail);

    // Playback starts once the recorder runs, so nothing is missed.
    const recording = listenForUtterance({
      backend: 'pulse',
      device: 'classroom.monitor',
      env: { ...process.env, ...env },
      timeoutMs: 15_000,
    });
    await new Promise((r) => setTimeout(r, 300));
    const player = spawn('paplay', ['--device=classroom', command.wav], {
      env: { ...process.env, ...env },
      stdio: 'ignore',
    });
    const result = await recording;
    player.kill();
    expect(result.kind).toBe('ok');
    if (result.kind !== 'ok') return;
    const seconds = result.clip.samples.length / result.clip.sampleRate;
    expect(seconds).toBeGreaterThan(0.5);
    expect(seconds).toBeLessThan(4);
    const text = await opened.transcriber.transcribe(result.clip);
    expect(text.kind).toBe('ok');
    if (text.kind === 'ok') expect(createIntentRouter().route(text.transcript.text).intent).toBe(command.intent);
  });

  it('gives one spoken turn as text, and how long the person waited after speaking', async () => {
    const command = devSet().find((u) => u.text === 'who is online')!;
    const opened = await openCommandMode({ cacheDir: path.join(home, 'grammar') });
    if (opened.kind !== 'ok') throw new Error(opened.detail);
    const turn = listenAndTranscribe(opened.transcriber, {
      backend: 'pulse',
      device: 'classroom.monitor',
      env: { ...process.env, ...env },
      timeoutMs: 15_000,
    });
    await new Promise((r) => setTimeout(r, 300));
    const player = spawn('paplay', ['--device=classroom', command.wav], {
      env: { ...process.env, ...env },
      stdio: 'ignore',
    });
    const result = await turn;
    player.kill();
    expect(result.kind).toBe('ok');
    if (result.kind !== 'ok') return;
    expect(result.transcript.engine).toBe('pocketsphinx');
    expect(createIntentRouter().route(result.transcript.text).intent).toBe(command.intent);
    expect(result.latencySeconds).toBeGreaterThan(0);
  });

  it('returns no-speech when nobody talks before the timeout', async () => {
    const result = await listenForUtterance({
      backend: 'pulse',
      device: 'classroom.monitor',
      env: { ...process.env, ...env },
      timeoutMs: 800,
    });
    expect(result).toEqual({ kind: 'no-speech' });
  });

  it('says no-microphone when there is no sound server or no such device', async () => {
    const noServer = await openMicrophone({
      backend: 'pulse',
      env: { ...process.env, PULSE_SERVER: `unix:${path.join(home, 'nothing-here')}` },
    });
    expect(noServer.kind).toBe('no-microphone');
    const noDevice = await openMicrophone({
      backend: 'pulse',
      device: 'no-such-source',
      env: { ...process.env, ...env },
    });
    expect(noDevice.kind).toBe('no-microphone');
  });
});
