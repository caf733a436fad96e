// `koompi voice` end to end: a command spoken by espeak-ng, recognised in
// command mode (pocketsphinx with the grammar from the catalog) and routed;
// dictation with no model says so plainly; model add refuses an unknown file.
import { spawnSync } from 'node:child_process';
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
