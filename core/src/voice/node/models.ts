/**
 * Installing and finding whisper models on disk: what `koompi voice model add
 * FILE` and the dictation engine call. The file is read once: hashed while it
 * is copied to a temporary name beside its destination, and renamed into place
 * only when its SHA-256 is a known model's.
 *
 * @example
 * const r = await addModel('/media/usb/ggml-base.bin', { scope: 'user' });
 * if (r.kind === 'installed') console.log(r.model.id, r.path);
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import {
  KNOWN_MODELS,
  MODEL_PREFERENCE,
  identifyModel,
  modelDirs,
  type KnownModel,
  type ModelDirs,
  type ModelId,
  type ModelScope,
} from '../models.js';

export interface ModelStoreOptions {
  /** Defaults to the XDG user folder and /usr/share/koompi/models. */
  readonly dirs?: ModelDirs;
  /** Defaults to KNOWN_MODELS (tests pass a random-weight model's checksum). */
  readonly known?: readonly KnownModel[];
}

export type AddModelResult =
  | { readonly kind: 'installed'; readonly model: KnownModel; readonly path: string; readonly alreadyPresent: boolean }
  | { readonly kind: 'not-found'; readonly file: string }
  | { readonly kind: 'unknown-model'; readonly file: string; readonly sha256: string; readonly bytes: number }
  | { readonly kind: 'permission-denied'; readonly dir: string };

export type FindModelResult =
  | { readonly kind: 'found'; readonly model: KnownModel; readonly path: string; readonly scope: ModelScope }
  | { readonly kind: 'no-model'; readonly searched: readonly string[] };

export function defaultModelDirs(): ModelDirs {
  return modelDirs(process.env, os.homedir());
}

const code = (error: unknown): string | undefined => (error as NodeJS.ErrnoException | undefined)?.code;
const DENIED = new Set(['EACCES', 'EPERM', 'EROFS']);

export async function addModel(
  file: string,
  options: ModelStoreOptions & { readonly scope?: ModelScope } = {},
): Promise<AddModelResult> {
  const dirs = options.dirs ?? defaultModelDirs();
  const known = options.known ?? KNOWN_MODELS;
  const dir = options.scope === 'system' ? dirs.system : dirs.user;
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(file);
  } catch (error) {
    if (code(error) === 'ENOENT' || code(error) === 'ENOTDIR') return { kind: 'not-found', file };
    throw error;
  }
  if (!stat.isFile()) return { kind: 'not-found', file };
  // A file of no known size is not hashed into a temporary copy: say so straight away.
  if (!known.some((m) => m.bytes === stat.size)) {
    return { kind: 'unknown-model', file, sha256: await sha256Of(file), bytes: stat.size };
  }
  try {
    await fs.promises.mkdir(dir, { recursive: true });
  } catch (error) {
    if (DENIED.has(code(error) ?? '')) return { kind: 'permission-denied', dir };
    throw error;
  }
  const tmp = path.join(dir, `.incoming-${process.pid}-${Date.now()}`);
  const hash = createHash('sha256');
  try {
    await pipeline(
      fs.createReadStream(file),
      new Transform({
        transform(chunk: Buffer, _encoding, done) {
          hash.update(chunk);
          done(null, chunk);
        },
      }),
      fs.createWriteStream(tmp, { mode: 0o644 }),
    );
  } catch (error) {
    await fs.promises.rm(tmp, { force: true });
    if (DENIED.has(code(error) ?? '')) return { kind: 'permission-denied', dir };
    throw error;
  }
  const sha256 = hash.digest('hex');
  const model = identifyModel(stat.size, sha256, known);
  if (!model) {
    await fs.promises.rm(tmp, { force: true });
    return { kind: 'unknown-model', file, sha256, bytes: stat.size };
  }
  const target = path.join(dir, model.file);
  const alreadyPresent = await sameSize(target, model.bytes);
  await fs.promises.rename(tmp, target);
  return { kind: 'installed', model, path: target, alreadyPresent };
}

/**
 * The model dictation uses: the user's folder first, then the system's, each
 * in MODEL_PREFERENCE order (or only `id` when given). A file counts when its
 * size is right; its checksum was checked when it was added.
 */
export async function findModel(options: ModelStoreOptions & { readonly id?: ModelId } = {}): Promise<FindModelResult> {
  const dirs = options.dirs ?? defaultModelDirs();
  const known = options.known ?? KNOWN_MODELS;
  const order = options.id ? [options.id] : MODEL_PREFERENCE;
  for (const [scope, dir] of [
    ['user', dirs.user],
    ['system', dirs.system],
  ] as const) {
    for (const id of order) {
      const model = known.find((m) => m.id === id);
      if (model && (await sameSize(path.join(dir, model.file), model.bytes))) {
        return { kind: 'found', model, path: path.join(dir, model.file), scope };
      }
    }
  }
  return { kind: 'no-model', searched: [dirs.user, dirs.system] };
}

/** Every installed model, user folder first. */
export async function listModels(
  options: ModelStoreOptions = {},
): Promise<Array<{ readonly model: KnownModel; readonly path: string; readonly scope: ModelScope }>> {
  const dirs = options.dirs ?? defaultModelDirs();
  const known = options.known ?? KNOWN_MODELS;
  const out: Array<{ model: KnownModel; path: string; scope: ModelScope }> = [];
  for (const [scope, dir] of [
    ['user', dirs.user],
    ['system', dirs.system],
  ] as const) {
    for (const model of known) {
      const p = path.join(dir, model.file);
      if (await sameSize(p, model.bytes)) out.push({ model, path: p, scope });
    }
  }
  return out;
}

async function sameSize(file: string, bytes: number): Promise<boolean> {
  try {
    const s = await fs.promises.stat(file);
    return s.isFile() && s.size === bytes;
  } catch {
    return false;
  }
}

export async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest('hex');
}
