/**
 * Whisper models KOOMPI accepts, and where they live. Schools cannot rely on
 * downloading weights, so a model arrives as a file (a USB stick, the image's
 * package) and `koompi voice model add FILE` installs it after checking its
 * SHA-256 against this list: only files we know are whisper.cpp's published
 * ggml models get in. All are multilingual (Khmer needs that). Pure.
 */

export type ModelId = 'tiny' | 'base' | 'small';
export type ModelScope = 'user' | 'system';

export interface KnownModel {
  readonly id: ModelId;
  /** The file name it is installed under. */
  readonly file: string;
  readonly bytes: number;
  readonly sha256: string;
}

/** whisper.cpp's multilingual f16 ggml models (ggerganov/whisper.cpp on Hugging Face), smallest first. */
export const KNOWN_MODELS: readonly KnownModel[] = [
  {
    id: 'tiny',
    file: 'ggml-tiny.bin',
    bytes: 77_691_713,
    sha256: 'be07e048e1e599ad46341c8d2a135645097a538221678b7acdd1b1919c6e1b21',
  },
  {
    id: 'base',
    file: 'ggml-base.bin',
    bytes: 147_951_465,
    sha256: '60ed5bc3dd14eea856493d334349b405782ddcaf0028d4b5df4088345fba2efe',
  },
  {
    id: 'small',
    file: 'ggml-small.bin',
    bytes: 487_601_967,
    sha256: '1be3a9b2063867b937e64e2ec7483364a79917e157fa98c5d94b5c1fffea987b',
  },
];

/** The model a file is, by size and SHA-256; undefined when it is none of `known`. */
export function identifyModel(
  bytes: number,
  sha256: string,
  known: readonly KnownModel[] = KNOWN_MODELS,
): KnownModel | undefined {
  return known.find((m) => m.bytes === bytes && m.sha256 === sha256.toLowerCase());
}

export interface ModelDirs {
  readonly user: string;
  readonly system: string;
}

/**
 * `~/.local/share/koompi/models` (or `$XDG_DATA_HOME/koompi/models`) for one
 * person, `/usr/share/koompi/models` for everyone (the image's package).
 */
export function modelDirs(env: Readonly<Record<string, string | undefined>>, home: string): ModelDirs {
  const dataHome =
    env['XDG_DATA_HOME'] && env['XDG_DATA_HOME'].startsWith('/') ? env['XDG_DATA_HOME'] : `${home}/.local/share`;
  return { user: `${dataHome}/koompi/models`, system: '/usr/share/koompi/models' };
}

/** Which model to prefer when several are installed: the biggest one the machine can run fast enough. */
export const MODEL_PREFERENCE: readonly ModelId[] = ['base', 'tiny', 'small'];
