/**
 * WAV in and out, pure. `decodeWav` reads the RIFF/WAVE files people record
 * (PCM 8/16/24/32-bit or 32-bit float, any channel count, any rate) and gives a
 * mono 16 kHz clip; `encodeWav` writes 16-bit PCM, what pocketsphinx reads.
 */
import { SAMPLE_RATE, type AudioClip, type InvalidAudioReason } from './types.js';

export type DecodeWavResult =
  | { readonly kind: 'ok'; readonly clip: AudioClip }
  | { readonly kind: 'invalid-audio'; readonly reason: InvalidAudioReason };

const FORMAT_PCM = 1;
const FORMAT_FLOAT = 3;
const FORMAT_EXTENSIBLE = 0xfffe;

function ascii(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(bytes[at] ?? 0, bytes[at + 1] ?? 0, bytes[at + 2] ?? 0, bytes[at + 3] ?? 0);
}

export function decodeWav(bytes: Uint8Array): DecodeWavResult {
  const fail = (reason: InvalidAudioReason): DecodeWavResult => ({ kind: 'invalid-audio', reason });
  if (bytes.length < 12 || ascii(bytes, 0) !== 'RIFF') return fail('not-riff');
  if (ascii(bytes, 8) !== 'WAVE') return fail('not-wave');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let format: { tag: number; channels: number; rate: number; bits: number } | undefined;
  let data: Uint8Array | undefined;
  for (let at = 12; at + 8 <= bytes.length;) {
    const id = ascii(bytes, at);
    const size = view.getUint32(at + 4, true);
    const body = at + 8;
    if (id === 'fmt ' && size >= 16) {
      let tag = view.getUint16(body, true);
      if (tag === FORMAT_EXTENSIBLE && size >= 40) tag = view.getUint16(body + 24, true);
      format = {
        tag,
        channels: view.getUint16(body + 2, true),
        rate: view.getUint32(body + 4, true),
        bits: view.getUint16(body + 14, true),
      };
    } else if (id === 'data') {
      // Streams written while recording may leave the size at 0 or 0xFFFFFFFF: take what is there.
      const end = size === 0 || body + size > bytes.length ? bytes.length : body + size;
      data = bytes.subarray(body, end);
      break;
    }
    at = body + size + (size % 2);
  }
  if (!format) return fail('no-format');
  if (!data) return fail('no-data');
  if (format.channels < 1 || format.channels > 32) return fail('bad-channels');
  if (format.rate < 4000 || format.rate > 384000) return fail('bad-sample-rate');
  const read = sampleReader(format.tag, format.bits);
  if (!read) return fail('unsupported-encoding');
  const frameBytes = (format.bits / 8) * format.channels;
  const frames = Math.floor(data.length / frameBytes);
  if (frames === 0) return fail('empty');
  const dataView = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const mono = new Float32Array(frames);
  for (let f = 0; f < frames; f++) {
    let sum = 0;
    for (let c = 0; c < format.channels; c++) sum += read(dataView, f * frameBytes + (c * format.bits) / 8);
    mono[f] = sum / format.channels;
  }
  return { kind: 'ok', clip: { samples: resample(mono, format.rate, SAMPLE_RATE), sampleRate: SAMPLE_RATE } };
}

type Reader = (view: DataView, at: number) => number;

function sampleReader(tag: number, bits: number): Reader | undefined {
  if (tag === FORMAT_FLOAT && bits === 32) return (v, at) => v.getFloat32(at, true);
  if (tag === FORMAT_FLOAT && bits === 64) return (v, at) => v.getFloat64(at, true);
  if (tag !== FORMAT_PCM) return undefined;
  switch (bits) {
    case 8:
      return (v, at) => (v.getUint8(at) - 128) / 128;
    case 16:
      return (v, at) => v.getInt16(at, true) / 32768;
    case 24:
      return (v, at) => {
        const value = v.getUint8(at) | (v.getUint8(at + 1) << 8) | (v.getInt8(at + 2) << 16);
        return value / 8388608;
      };
    case 32:
      return (v, at) => v.getInt32(at, true) / 2147483648;
    default:
      return undefined;
  }
}

/**
 * Resamples with a windowed-sinc low-pass when going down (so 44.1/48 kHz
 * recordings do not alias into the speech band) and linear interpolation when
 * going up. Quality is plenty for speech recognition.
 */
export function resample(input: Float32Array, from: number, to: number): Float32Array {
  if (from === to) return input;
  const ratio = from / to;
  const length = Math.max(1, Math.floor(input.length / ratio));
  const out = new Float32Array(length);
  if (ratio < 1) {
    for (let i = 0; i < length; i++) {
      const x = i * ratio;
      const i0 = Math.floor(x);
      const a = input[i0] ?? 0;
      const b = input[Math.min(i0 + 1, input.length - 1)] ?? a;
      out[i] = a + (b - a) * (x - i0);
    }
    return out;
  }
  const cutoff = 1 / ratio; // of the input's Nyquist
  const half = Math.ceil(8 * ratio); // taps on each side
  for (let i = 0; i < length; i++) {
    const centre = i * ratio;
    const first = Math.max(0, Math.ceil(centre - half));
    const last = Math.min(input.length - 1, Math.floor(centre + half));
    let sum = 0;
    let weights = 0;
    for (let j = first; j <= last; j++) {
      const t = j - centre;
      const sinc = t === 0 ? 1 : Math.sin(Math.PI * cutoff * t) / (Math.PI * cutoff * t);
      const window = 0.5 + 0.5 * Math.cos((Math.PI * t) / half);
      const w = sinc * window;
      sum += (input[j] ?? 0) * w;
      weights += w;
    }
    out[i] = weights === 0 ? 0 : sum / weights;
  }
  return out;
}

/** A 16-bit PCM mono WAV file of the clip. */
export function encodeWav(clip: AudioClip): Uint8Array {
  const n = clip.samples.length;
  const bytes = new Uint8Array(44 + 2 * n);
  const view = new DataView(bytes.buffer);
  const text = (at: number, s: string): void => {
    for (let i = 0; i < s.length; i++) bytes[at + i] = s.charCodeAt(i);
  };
  text(0, 'RIFF');
  view.setUint32(4, 36 + 2 * n, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, FORMAT_PCM, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, clip.sampleRate, true);
  view.setUint32(28, clip.sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  text(36, 'data');
  view.setUint32(40, 2 * n, true);
  for (let i = 0; i < n; i++) {
    const s = Math.max(-1, Math.min(1, clip.samples[i] ?? 0));
    view.setInt16(44 + 2 * i, Math.round(s * 32767), true);
  }
  return bytes;
}

/** Signed 16-bit little-endian PCM (what parec and pw-record give) as float samples. */
export function pcm16ToFloat(bytes: Uint8Array): Float32Array {
  const n = Math.floor(bytes.length / 2);
  const view = new DataView(bytes.buffer, bytes.byteOffset, n * 2);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = view.getInt16(2 * i, true) / 32768;
  return out;
}
