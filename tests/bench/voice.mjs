#!/usr/bin/env node
// `npm run bench:voice`: speech-to-text figures on this machine.
//
//  1. whisper (through bindings/whisper) with random-weight models of the tiny
//     and base shapes — real compute cost, nonsense text — on a 5 s utterance,
//     at the full 30 s encoder window and at the window cut to the clip
//     (`audio_ctx`), each in its own process: real-time factor and peak RSS.
//     The decoder is capped at a realistic sentence length (random weights
//     never emit end-of-text by themselves).
//  2. command mode (pocketsphinx + the catalog grammar) on the espeak-ng dev
//     set: word error rate, intent accuracy, real-time factor.
//  3. end-of-speech → text latency for a 5 s utterance: the VAD's hangover
//     (fixed by its settings) plus the engine's time, for dictation and commands.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const core = await import(path.join(root, 'core', 'dist', 'index.js'));
const { writeGgmlModel } = await import(path.join(root, 'tests', 'voice', 'support', 'ggml.mjs'));
const { wordErrorRate } = await import(path.join(root, 'tests', 'voice', 'support', 'wer.mjs'));
const cache = path.join(process.env.KOOMPI_CACHE_DIR || path.join(os.homedir(), '.cache', 'koompi'), 'bench', 'voice');
fs.mkdirSync(cache, { recursive: true });

/** A ~5 s English sentence from espeak-ng, padded with 1 s of silence each side. */
function utterance() {
  const wav = path.join(cache, 'five-seconds.wav');
  if (!fs.existsSync(wav)) {
    const raw = path.join(cache, 'five-seconds.raw.wav');
    const text = 'please open the drawing program and then share this lesson with all of the students in my class';
    execFileSync('espeak-ng', ['-v', 'en-us', '-s', '175', '-w', raw, text]);
    execFileSync('sox', [raw, '-r', '16000', '-c', '1', '-b', '16', wav, 'pad', '1', '1']);
  }
  const decoded = core.decodeWav(fs.readFileSync(wav));
  if (decoded.kind !== 'ok') throw new Error(`bad bench audio: ${decoded.reason}`);
  return decoded.clip;
}

/** Child mode: one whisper configuration, printed as JSON. */
async function whisperChild(shape, policy, threads) {
  const model = path.join(cache, `random-${shape}.bin`);
  if (!fs.existsSync(model)) writeGgmlModel(model, shape, 1);
  const clip = utterance();
  const speech = trimmedToSpeech(clip);
  const opened = await core.openWhisper(model, {
    threads: Number(threads),
    audioContext: policy,
    maxTokensPerSecond: 3,
  });
  if (opened.kind !== 'ok') throw new Error(`whisper unavailable: ${opened.detail}`);
  await opened.transcriber.transcribe(speech, { language: 'en' }); // warm-up: first-run allocations
  const runs = [];
  for (let i = 0; i < 5; i++) {
    const r = await opened.transcriber.transcribe(speech, { language: 'en' });
    runs.push(r.transcript.seconds);
  }
  await opened.transcriber.close();
  // The minimum is the machine's cost; the median shows what other load did to it.
  runs.sort((a, b) => a - b);
  const seconds = runs[0];
  const median = runs[Math.floor(runs.length / 2)];
  const audio = speech.samples.length / speech.sampleRate;
  const peakRssMB = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ seconds, median, audio, rtf: seconds / audio, peakRssMB }));
}

/** The utterance as the VAD hands it over: speech plus its pre-roll and a little tail. */
function trimmedToSpeech(clip) {
  const vad = core.createVoiceActivityDetector();
  const found = [...vad.push(clip.samples), ...vad.flush()].find((e) => e.kind === 'utterance');
  return found ? found.clip : clip;
}

function runChild(shape, policy, threads) {
  const args = [fileURLToPath(import.meta.url), '--whisper-child', shape, policy, String(threads)];
  const r = spawnSync(process.execPath, args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (r.status !== 0) return undefined;
  return JSON.parse(r.stdout.trim().split('\n').at(-1));
}

async function main() {
  const fmt = (x, d = 2) => x.toFixed(d);
  console.log(
    `voice bench — ${os.cpus()[0]?.model ?? 'cpu'}, ${os.availableParallelism()} cores, Node ${process.version}`,
  );
  // Timings on a busy machine are inflated (ggml's threads spin-wait for each other): say how busy it was.
  console.log(
    `load average before: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  const clip = trimmedToSpeech(utterance());
  const speechSeconds = clip.samples.length / clip.sampleRate;
  console.log(`utterance after VAD: ${fmt(speechSeconds)} s of audio`);

  console.log('\nwhisper, random weights (decoder capped at a sentence):');
  console.log('  model  audio_ctx  threads    RTF   min time   median    peak RSS');
  const whisper = {};
  const cores = os.availableParallelism();
  for (const shape of ['tiny', 'base']) {
    const chosen = core.defaultWhisperThreads();
    for (const [policy, threads] of [
      ['full', chosen],
      ['fit', chosen],
      ['fit', cores],
    ]) {
      const r = runChild(shape, policy, threads);
      const ctx = policy === 'full' ? 1500 : core.audioContextFor(speechSeconds);
      const label = `  ${shape.padEnd(6)} ${String(ctx).padEnd(10)} ${String(threads).padEnd(7)}`;
      if (!r) {
        console.log(`${label} (failed: is bindings/whisper built?)`);
        continue;
      }
      if (policy === 'fit' && threads === chosen) whisper[shape] = r;
      console.log(
        `${label} ${fmt(r.rtf).padStart(5)} ${fmt(r.seconds).padStart(8)} s ${fmt(r.median).padStart(6)} s ${fmt(r.peakRssMB, 0).padStart(7)} MB`,
      );
    }
  }

  console.log('\ncommand mode (pocketsphinx, catalog grammar), espeak-ng dev set:');
  const opened = await core.openCommandMode({ cacheDir: path.join(cache, 'grammar') });
  if (opened.kind !== 'ok') {
    console.log(`  unavailable: ${opened.detail}`);
    return;
  }
  const router = core.createIntentRouter();
  const lines = fs
    .readFileSync(path.join(root, 'tests', 'voice', 'dev', 'commands.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  const pairs = [];
  let intents = 0;
  let engineSeconds = 0;
  let audioSeconds = 0;
  const misses = [];
  for (const u of lines) {
    const decoded = core.decodeWav(fs.readFileSync(path.join(root, 'tests', 'voice', 'dev', `${u.id}.wav`)));
    const r = await opened.transcriber.transcribe(decoded.clip);
    const text = r.kind === 'ok' ? r.transcript.text : '';
    if (r.kind === 'ok') engineSeconds += r.transcript.seconds;
    audioSeconds += decoded.clip.samples.length / decoded.clip.sampleRate;
    pairs.push([u.text, text]);
    if (router.route(text).intent === u.intent) intents++;
    if (text !== u.text) misses.push(`${u.id} (${u.voice}) "${u.text}" → "${text}"`);
  }
  console.log(`  utterances   ${lines.length}`);
  console.log(`  WER          ${fmt(100 * wordErrorRate(pairs), 1)} %   (target ≤ 5 %)`);
  console.log(`  sentences    ${lines.length - misses.length}/${lines.length} exact`);
  console.log(`  intents      ${intents}/${lines.length} routed right (${fmt((100 * intents) / lines.length, 1)} %)`);
  console.log(`  RTF          ${fmt(engineSeconds / audioSeconds, 3)} (process start and model load included)`);
  for (const m of misses) console.log(`    ${m}`);

  const hangover = core.DEFAULT_VAD.endSilenceMs / 1000;
  console.log(`\nend of speech → text, ${fmt(speechSeconds, 1)} s utterance (VAD hangover ${hangover} s + engine):`);
  for (const [name, r] of Object.entries(whisper)) {
    console.log(
      `  dictation, whisper ${name.padEnd(5)} ${fmt(hangover + r.seconds)} s (median ${fmt(hangover + r.median)} s)   (target < 2 s)`,
    );
  }
  const command = await opened.transcriber.transcribe(clip);
  if (command.kind === 'ok')
    console.log(`  command mode, pocketsphinx  ${fmt(hangover + command.transcript.seconds)} s`);
  const load = os.loadavg().map((l) => l.toFixed(1));
  console.log(`\nload average after: ${load.join(' ')}`);
}

if (process.argv[2] === '--whisper-child') await whisperChild(process.argv[3], process.argv[4], process.argv[5]);
else await main();
