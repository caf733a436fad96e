/**
 * Command mode: short spoken commands recognised by pocketsphinx (Debian's
 * `pocketsphinx` + `pocketsphinx-en-us`, Arch's `pocketsphinx`) against a JSGF
 * grammar generated from the intent router's catalog (grammar.ts). Needs no
 * whisper model. The grammar and a pronunciation dictionary cut down to its
 * words are written once per grammar to ~/.cache/koompi/voice/; each
 * transcription runs `pocketsphinx_batch` on a WAV file with an argument array
 * (no shell).
 *
 * @example
 * const opened = await openCommandMode();
 * if (opened.kind === 'ok') {
 *   const r = await opened.transcriber.transcribe(clip);
 *   if (r.kind === 'ok') router.route(r.transcript.text);
 * }
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCatalog } from '../../catalog/catalog.js';
import { writeAtomic } from '../../fs/node/atomic.js';
import { TranscriptionError } from '../errors.js';
import { buildCommandGrammar, type CommandGrammar, type CommandVocabularySource } from '../grammar.js';
import { EXTRA_PRONUNCIATIONS } from '../pronunciations.js';
import { clipSeconds, type AudioClip, type TranscribeResult, type Transcriber } from '../types.js';
import { encodeWav } from '../wav.js';

export interface CommandModeOptions {
  /** Where the apps and kinds of app come from; the intent router's catalog by default. */
  readonly catalog?: CommandVocabularySource;
  /** The acoustic model and dictionary folder (`en-us/` and `cmudict-en-us.dict` inside). */
  readonly modelDir?: string;
  readonly binary?: string;
  /** Where the generated grammar and dictionary are kept. */
  readonly cacheDir?: string;
}

export type OpenCommandModeResult =
  | { readonly kind: 'ok'; readonly transcriber: PocketsphinxTranscriber }
  | { readonly kind: 'engine-missing'; readonly engine: 'pocketsphinx'; readonly detail: string };

export const DEFAULT_POCKETSPHINX_MODEL = '/usr/share/pocketsphinx/model/en-us';

export async function openCommandMode(options: CommandModeOptions = {}): Promise<OpenCommandModeResult> {
  const modelDir = options.modelDir ?? DEFAULT_POCKETSPHINX_MODEL;
  const hmm = path.join(modelDir, 'en-us');
  const dictFile = path.join(modelDir, 'cmudict-en-us.dict');
  const binary = options.binary ?? 'pocketsphinx_batch';
  const missing = (detail: string): OpenCommandModeResult => ({
    kind: 'engine-missing',
    engine: 'pocketsphinx',
    detail,
  });
  if (!fs.existsSync(path.join(hmm, 'mdef')) || !fs.existsSync(dictFile)) {
    return missing(`no en-us model in ${modelDir} (install pocketsphinx-en-us)`);
  }
  if (!(await runs(binary))) return missing(`${binary} not found (install pocketsphinx)`);

  const dictionary = await readDictionary(dictFile);
  const grammar = buildCommandGrammar(options.catalog ?? createCatalog(), (w) => dictionary.has(w));
  const dictText = grammar.words
    .flatMap((w) => dictionary.get(w) ?? (EXTRA_PRONUNCIATIONS[w] ? [`${w} ${EXTRA_PRONUNCIATIONS[w]}`] : []))
    .join('\n');
  const key = createHash('sha256').update(grammar.jsgf).update(dictText).digest('hex').slice(0, 16);
  const dir = path.join(options.cacheDir ?? path.join(os.homedir(), '.cache', 'koompi', 'voice'), `commands-${key}`);
  const gram = path.join(dir, 'commands.gram');
  const dict = path.join(dir, 'commands.dict');
  if (!fs.existsSync(dict)) {
    await fs.promises.mkdir(dir, { recursive: true });
    await writeAtomic(gram, grammar.jsgf);
    await writeAtomic(dict, `${dictText}\n`);
  }
  return { kind: 'ok', transcriber: new PocketsphinxTranscriber({ binary, hmm, gram, dict }, grammar) };
}

interface Files {
  readonly binary: string;
  readonly hmm: string;
  readonly gram: string;
  readonly dict: string;
}

export class PocketsphinxTranscriber implements Transcriber {
  readonly engine = 'pocketsphinx' as const;

  constructor(
    private readonly files: Files,
    /** The grammar in use, for callers that show what can be said. */
    readonly grammar: CommandGrammar,
  ) {}

  async transcribe(clip: AudioClip): Promise<TranscribeResult> {
    const audioSeconds = clipSeconds(clip);
    if (clip.samples.length === 0) return { kind: 'no-speech' };
    const started = performance.now();
    const tmp = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'koompi-voice-'));
    try {
      await fs.promises.writeFile(path.join(tmp, 'utterance.wav'), encodeWav(padWithSilence(clip)));
      await fs.promises.writeFile(path.join(tmp, 'utterance.ctl'), 'utterance\n');
      const hyp = path.join(tmp, 'utterance.hyp');
      const { hmm, gram, dict } = this.files;
      // pocketsphinx_batch, not _continuous: one utterance per run, so its
      // cepstral mean is computed over the utterance itself (-cmn batch). The
      // live estimate _continuous starts from is wrong for a fresh process and
      // made a third of commands fail to match the grammar at all.
      const args = [
        ...[
          '-ctl',
          path.join(tmp, 'utterance.ctl'),
          '-cepdir',
          tmp,
          '-cepext',
          '.wav',
          '-adcin',
          'yes',
          '-adchdr',
          '44',
        ],
        ...['-cmn', 'batch', '-jsgf', gram, '-dict', dict, '-hmm', hmm, '-hyp', hyp, '-logfn', '/dev/null'],
        // wider beams than the defaults: a pruned grammar path gives no result at all
        ...['-beam', '1e-80', '-pbeam', '1e-80', '-wbeam', '1e-60'],
      ];
      const { stderr, exitCode } = await run(this.files.binary, args);
      if (exitCode !== 0) {
        throw new TranscriptionError('pocketsphinx', `exited with ${exitCode}: ${stderr.trim().slice(-500)}`);
      }
      const text = parseHypothesis(await fs.promises.readFile(hyp, 'utf8').catch(() => ''));
      if (text === '') return { kind: 'no-speech' };
      return {
        kind: 'ok',
        transcript: {
          text,
          engine: 'pocketsphinx',
          language: 'en',
          seconds: (performance.now() - started) / 1000,
          audioSeconds,
        },
      };
    } finally {
      await fs.promises.rm(tmp, { recursive: true, force: true });
    }
  }

  async close(): Promise<void> {
    // Nothing stays running between transcriptions.
  }
}

/**
 * Half a second of quiet before and after: pocketsphinx's own voice detector
 * needs silence to find where speech starts and ends, and a clip cut tightly
 * (a synthesised command, a VAD without pre-roll) otherwise gives no result.
 */
export function padWithSilence(clip: AudioClip, seconds = 0.5): AudioClip {
  const pad = Math.round(clip.sampleRate * seconds);
  const samples = new Float32Array(clip.samples.length + 2 * pad);
  samples.set(clip.samples, pad);
  return { samples, sampleRate: clip.sampleRate };
}

/** The text of pocketsphinx_batch's `-hyp` line: `open firefox (utterance -1234)`. */
export function parseHypothesis(hyp: string): string {
  const line = hyp.split('\n')[0] ?? '';
  const open = line.lastIndexOf(' (');
  return (open >= 0 ? line.slice(0, open) : line).trim();
}

/** word → its dictionary lines (alternates `word(2)` included). */
async function readDictionary(file: string): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  for (const line of (await fs.promises.readFile(file, 'utf8')).split('\n')) {
    const space = line.indexOf(' ');
    if (space <= 0) continue;
    const word = line.slice(0, space).replace(/\(\d+\)$/, '');
    const lines = map.get(word);
    if (lines) lines.push(line);
    else map.set(word, [line]);
  }
  return map;
}

function run(binary: string, args: readonly string[]): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', (error) =>
      reject(new TranscriptionError('pocketsphinx', `could not run ${binary}`, { cause: error })),
    );
    child.on('close', (exitCode) => resolve({ stdout, stderr, exitCode: exitCode ?? -1 }));
  });
}

/** True when `binary` can be started (pocketsphinx_batch prints its usage and exits). */
function runs(binary: string): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(binary, ['-h'], { stdio: 'ignore' });
    child.on('error', () => resolve(false));
    child.on('close', () => resolve(true));
  });
}
