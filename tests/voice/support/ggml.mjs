// Writes a valid whisper.cpp ggml model file with random weights, in the real
// shapes of whisper's tiny / base / small multilingual models. No whisper
// weights can be downloaded here; a file of the right shape loads and runs
// through whisper.cpp with the real compute cost, so tests exercise
// load → transcribe → free through the real binding and the bench measures
// real-time factors. What it transcribes is noise, of course.
//
//   node tests/voice/support/ggml.mjs tiny OUT.bin
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Hyper-parameters of whisper's multilingual models (whisper.cpp's table). */
export const SHAPES = {
  tiny: { state: 384, heads: 6, layers: 4 },
  base: { state: 512, heads: 8, layers: 6 },
  small: { state: 768, heads: 12, layers: 12 },
};

const N_VOCAB = 51865; // multilingual
const N_VOCAB_IN_FILE = 50257; // the byte-level BPE tokens; whisper.cpp adds the special ones
const N_AUDIO_CTX = 1500;
const N_TEXT_CTX = 448;
const N_MELS = 80;
const N_FFT = 201;
const GGML_MAGIC = 0x67676d6c;
const F32 = 0;
const F16 = 1;

/** A small, fast, seeded PRNG (xorshift32), so a seed always gives the same file. */
function rng(seed) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4294967296;
  };
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
/** IEEE half from a float (round toward zero; values here are small and finite). */
function toHalf(value) {
  f32[0] = value;
  const bits = u32[0];
  const sign = (bits >>> 16) & 0x8000;
  const exp = ((bits >>> 23) & 0xff) - 127 + 15;
  if (exp <= 0) return sign; // flush tiny values to zero
  if (exp >= 31) return sign | 0x7bff;
  return sign | (exp << 10) | ((bits >>> 13) & 0x3ff);
}

/** Every tensor whisper.cpp expects, with its ggml shape (ne0 first) and type. */
export function tensorsOf(shapeName) {
  const shape = SHAPES[shapeName];
  if (!shape) throw new Error(`unknown shape ${shapeName} (tiny, base, small)`);
  const s = shape.state;
  const list = [
    ['encoder.positional_embedding', [s, N_AUDIO_CTX], F32, 'embed'],
    ['encoder.conv1.weight', [3, N_MELS, s], F16, 'weight'],
    ['encoder.conv1.bias', [1, s], F32, 'zero'],
    ['encoder.conv2.weight', [3, s, s], F16, 'weight'],
    ['encoder.conv2.bias', [1, s], F32, 'zero'],
    ['encoder.ln_post.weight', [s], F32, 'one'],
    ['encoder.ln_post.bias', [s], F32, 'zero'],
  ];
  const block = (prefix, cross) => {
    const attn = (name) => [
      [`${prefix}.${name}_ln.weight`, [s], F32, 'one'],
      [`${prefix}.${name}_ln.bias`, [s], F32, 'zero'],
      [`${prefix}.${name}.query.weight`, [s, s], F16, 'weight'],
      [`${prefix}.${name}.query.bias`, [s], F32, 'zero'],
      [`${prefix}.${name}.key.weight`, [s, s], F16, 'weight'],
      [`${prefix}.${name}.value.weight`, [s, s], F16, 'weight'],
      [`${prefix}.${name}.value.bias`, [s], F32, 'zero'],
      [`${prefix}.${name}.out.weight`, [s, s], F16, 'weight'],
      [`${prefix}.${name}.out.bias`, [s], F32, 'zero'],
    ];
    return [
      [`${prefix}.mlp_ln.weight`, [s], F32, 'one'],
      [`${prefix}.mlp_ln.bias`, [s], F32, 'zero'],
      [`${prefix}.mlp.0.weight`, [s, 4 * s], F16, 'weight'],
      [`${prefix}.mlp.0.bias`, [4 * s], F32, 'zero'],
      [`${prefix}.mlp.2.weight`, [4 * s, s], F16, 'weight'],
      [`${prefix}.mlp.2.bias`, [s], F32, 'zero'],
      ...attn('attn'),
      ...(cross ? attn('cross_attn') : []),
    ];
  };
  for (let i = 0; i < shape.layers; i++) list.push(...block(`encoder.blocks.${i}`, false));
  list.push(
    ['decoder.positional_embedding', [s, N_TEXT_CTX], F32, 'embed'],
    ['decoder.token_embedding.weight', [s, N_VOCAB], F16, 'embed'],
    ['decoder.ln.weight', [s], F32, 'one'],
    ['decoder.ln.bias', [s], F32, 'zero'],
  );
  for (let i = 0; i < shape.layers; i++) list.push(...block(`decoder.blocks.${i}`, true));
  return list.map(([name, dims, type, init]) => ({ name, dims, type, init }));
}

/**
 * The bytes of a ggml model of the given shape with random weights.
 * @param {'tiny'|'base'|'small'} shapeName
 * @param {number} [seed]
 * @returns {Buffer[]} chunks to write in order
 */
export function ggmlChunks(shapeName, seed = 1) {
  const shape = SHAPES[shapeName];
  if (!shape) throw new Error(`unknown shape ${shapeName} (tiny, base, small)`);
  const random = rng(seed);
  const chunks = [];
  const ints = (...values) => {
    const b = Buffer.alloc(4 * values.length);
    values.forEach((v, i) => b.writeInt32LE(v, 4 * i));
    chunks.push(b);
  };
  const header = Buffer.alloc(4);
  header.writeUInt32LE(GGML_MAGIC, 0);
  chunks.push(header);
  // hparams: vocab, audio ctx/state/head/layer, text ctx/state/head/layer, mels, ftype (1 = f16)
  ints(N_VOCAB, N_AUDIO_CTX, shape.state, shape.heads, shape.layers, N_TEXT_CTX, shape.state, shape.heads);
  ints(shape.layers, N_MELS, F16);
  // mel filter bank: triangular filters over the FFT bins, like the real one's shape
  ints(N_MELS, N_FFT);
  const filters = new Float32Array(N_MELS * N_FFT);
  for (let m = 0; m < N_MELS; m++) {
    const centre = 1 + Math.round((m + 1) * ((N_FFT - 2) / (N_MELS + 1)));
    for (let k = Math.max(0, centre - 3); k <= Math.min(N_FFT - 1, centre + 3); k++) {
      filters[m * N_FFT + k] = 0.01 * (1 - Math.abs(k - centre) / 4);
    }
  }
  chunks.push(Buffer.from(filters.buffer));
  // vocabulary: short ASCII words, so decoded noise is printable
  ints(N_VOCAB_IN_FILE);
  const vocab = [];
  for (let i = 0; i < N_VOCAB_IN_FILE; i++) {
    const word = Buffer.from(i < 256 ? String.fromCharCode(32 + (i % 95)) : ` w${i.toString(36)}`, 'latin1');
    const len = Buffer.alloc(4);
    len.writeUInt32LE(word.length, 0);
    vocab.push(len, word);
  }
  chunks.push(Buffer.concat(vocab));
  for (const t of tensorsOf(shapeName)) {
    const name = Buffer.from(t.name, 'utf8');
    ints(t.dims.length, name.length, t.type, ...t.dims);
    chunks.push(name);
    const n = t.dims.reduce((a, b) => a * b, 1);
    const scale = t.init === 'embed' ? 0.1 : 0.02;
    if (t.type === F32) {
      const data = new Float32Array(n);
      if (t.init === 'one') data.fill(1);
      else if (t.init !== 'zero') for (let i = 0; i < n; i++) data[i] = (random() * 2 - 1) * scale;
      chunks.push(Buffer.from(data.buffer));
    } else {
      const data = new Uint16Array(n);
      for (let i = 0; i < n; i++) data[i] = toHalf((random() * 2 - 1) * scale);
      chunks.push(Buffer.from(data.buffer));
    }
  }
  return chunks;
}

/** Writes a random-weight model of `shapeName` to `file` (atomically) and returns its size in bytes. */
export function writeGgmlModel(file, shapeName = 'tiny', seed = 1) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = fs.openSync(tmp, 'w');
  let size = 0;
  try {
    for (const chunk of ggmlChunks(shapeName, seed)) {
      fs.writeSync(fd, chunk);
      size += chunk.length;
    }
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  return size;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [shapeName = 'tiny', out = `ggml-random-${shapeName}.bin`] = process.argv.slice(2);
  const size = writeGgmlModel(out, /** @type {'tiny'} */ (shapeName));
  console.log(`${out}: ${(size / 1e6).toFixed(1)} MB (${shapeName} shape, random weights)`);
}
