#!/usr/bin/env node
// Builds smart-whisper's native addon (whisper.cpp + ggml + its Node-API glue)
// from the npm package's own sources, with the CPU's SIMD flags.
//
// smart-whisper is not an npm dependency of this workspace, on purpose: its
// install script (`node-gyp rebuild`) would run inside `npm ci`, where the
// repository's node_modules/.bin/node-gyp is node-gyp 7 (pulled in by
// dbus-next's optional usocket), which crashes on Node 20 and fails the whole
// install; and npm 11.19 still runs unapproved install scripts (allowScripts is
// advisory). So this script fetches the two tarballs it needs with the ordinary
// npm client (`npm pack`, npm's cache makes later runs offline), checks them
// against the integrity pinned below, unpacks them into the cache and compiles.
// No install script of smart-whisper ever runs.
//
// The result is cached outside the clone, under
//   $KOOMPI_CACHE_DIR (default ~/.cache/koompi)/whisper-<ver>-node<abi>-<arch>-<flags hash>/
// and copied to bindings/whisper/dist/smart-whisper.node, which core finds as
// @koompi/whisper (node_modules/@koompi/whisper is this folder). Object files
// live in the cache too, named by the hash of their source and flags, so a
// change of flags or patches rebuilds only what it touches. A cold build (no
// ccache) is ~30 s on 2 cores; a second clone installs in a second.
//
//   node bindings/whisper/build.mjs [--quiet] [--force] [--print-key]
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const quiet = process.argv.includes('--quiet');
const log = (msg) => {
  if (!quiet) console.log(`[bindings/whisper] ${msg}`);
};

class BuildError extends Error {}

/** What is fetched, pinned by the registry's sha512 integrity. */
export const TARBALLS = {
  whisper: {
    name: 'smart-whisper',
    version: '0.8.1',
    integrity: 'sha512-0DnhD6Hq7kTpWAJxv057o8rkcZ2Sv2/ZpJZJjj/DT+8Ll/zH5EHQM1lSwk+W15AvfDPD3K2ku+MD2KCXD51z5A==',
  },
  addonApi: {
    name: 'node-addon-api',
    version: '7.1.1',
    integrity: 'sha512-5m3bsyrjFWE1xf7nz7YXdN4udnVtXK6/Yfgn5qnahL6bCkf2yKt4k3nuTKAtT4r3IG8JNR2ncsIMdZuAzJjHQQ==',
  },
};

function integrityOf(file) {
  return `sha512-${createHash('sha512').update(fs.readFileSync(file)).digest('base64')}`;
}

/** The tarball of `spec` in `dir`, fetched with `npm pack` when missing, integrity checked. */
function tarball(spec, dir) {
  const file = path.join(dir, `${spec.name}-${spec.version}.tgz`);
  if (!fs.existsSync(file) || integrityOf(file) !== spec.integrity) {
    fs.mkdirSync(dir, { recursive: true });
    log(`fetching ${spec.name}@${spec.version} with npm pack`);
    const [npm, pre] = process.env.npm_execpath ? [process.execPath, [process.env.npm_execpath]] : ['npm', []];
    try {
      execFileSync(npm, [...pre, 'pack', `${spec.name}@${spec.version}`, '--pack-destination', dir, '--silent'], {
        stdio: ['ignore', 'ignore', 'inherit'],
      });
    } catch (cause) {
      throw new BuildError(`npm pack ${spec.name}@${spec.version} failed (is the npm registry reachable?)`, { cause });
    }
  }
  const got = integrityOf(file);
  if (got !== spec.integrity) throw new BuildError(`${file}: integrity ${got}, expected ${spec.integrity}`);
  return file;
}

/** Unpacks a package tarball once into `dest` (npm tarballs have one top folder, `package/`). */
function unpack(file, dest) {
  const stamp = path.join(dest, '.koompi-unpacked');
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === path.basename(file)) return dest;
  fs.rmSync(dest, { recursive: true, force: true });
  fs.mkdirSync(dest, { recursive: true });
  execFileSync('tar', ['-xzf', file, '-C', dest, '--strip-components=1']);
  fs.writeFileSync(stamp, path.basename(file));
  return dest;
}

/** The sources smart-whisper's binding.gyp compiles on Linux (its dist/build.js `sources`, CPU backend). */
export const SOURCES = [
  'whisper.cpp/src/whisper.cpp',
  'whisper.cpp/ggml/src/ggml.c',
  'whisper.cpp/ggml/src/ggml-alloc.c',
  'whisper.cpp/ggml/src/ggml-backend.c',
  'whisper.cpp/ggml/src/ggml-quants.c',
  'whisper.cpp/ggml/src/ggml-aarch64.c',
  'src/binding/binding.cc',
  'src/binding/common.cc',
  'src/binding/model.cc',
  'src/binding/transcribe.cc',
];

/**
 * Changes KOOMPI makes to smart-whisper's C++ glue, each a literal replacement
 * that must match exactly (a new version fails loudly here, not silently).
 */
export const SOURCE_PATCHES = [
  {
    // A failed load set an error that nobody delivered: PromiseWorker has no
    // callback, so the promise never settled. Reject it instead.
    file: 'src/binding/common.h',
    from: '    Napi::Promise Promise();\n',
    to: '    Napi::Promise Promise();\n    // KOOMPI: reject on failure (see bindings/whisper/build.mjs)\n    void OnError(const Napi::Error &e) override { promise.Reject(e.Value()); }\n',
  },
  {
    // whisper_print_timings(nullptr) after a failed load dereferenced null
    // (a crash on any bad model file); the timings are noise anyway.
    file: 'src/binding/model.cc',
    from: '        whisper_print_timings(context);\n',
    to: '        // KOOMPI: no whisper_print_timings (null after a failed load)\n',
  },
  {
    // Only use_gpu was set: flash_attn, gpu_device and the DTW fields were
    // uninitialised stack memory.
    file: 'src/binding/model.cc',
    from: '    whisper_context_params params;\n',
    to: '    whisper_context_params params = whisper_context_default_params(); // KOOMPI\n',
  },
  {
    // whisper.cpp logs every load to stderr; a CLI must not. KOOMPI_WHISPER_LOG=1 shows it.
    file: 'src/binding/binding.cc',
    from: '    if (IsProduction(env.Global())) {\n',
    to: '    if (IsProduction(env.Global()) || getenv("KOOMPI_WHISPER_LOG") == nullptr) { // KOOMPI\n',
  },
  {
    file: 'src/binding/binding.cc',
    from: '#include <napi.h>\n',
    to: '#include <napi.h>\n#include <cstdlib>\n',
  },
];

/** The x86 SIMD extensions ggml uses when compiled for them, and the flags that enable them. */
const SIMD = [
  ['avx', '-mavx'],
  ['avx2', '-mavx2'],
  ['fma', '-mfma'],
  ['f16c', '-mf16c'],
];

/** SIMD flags for this CPU: those of AVX/AVX2/FMA/F16C that /proc/cpuinfo lists. `KOOMPI_WHISPER_SIMD` overrides. */
export function simdFlags(cpuinfo = readCpuinfo()) {
  const override = process.env.KOOMPI_WHISPER_SIMD;
  if (override !== undefined) return override.split(/\s+/).filter(Boolean);
  if (process.arch !== 'x64') return [];
  const line = cpuinfo.split('\n').find((l) => l.startsWith('flags')) ?? '';
  const flags = new Set(line.split(':')[1]?.trim().split(/\s+/) ?? []);
  return SIMD.filter(([flag]) => flags.has(flag)).map(([, option]) => option);
}

function readCpuinfo() {
  try {
    return fs.readFileSync('/proc/cpuinfo', 'utf8');
  } catch {
    return '';
  }
}

function nodeHeaders() {
  const candidates = [
    process.env.KOOMPI_NODE_HEADERS,
    path.resolve(path.dirname(process.execPath), '..', 'include', 'node'),
    path.join(os.homedir(), '.cache', 'node-gyp', process.versions.node, 'include', 'node'),
  ].filter(Boolean);
  const dir = candidates.find((d) => fs.existsSync(path.join(d, 'node_api.h')));
  if (!dir) throw new BuildError(`Node's C headers (node_api.h) not found; looked in: ${candidates.join(', ')}`);
  return dir;
}

function has(cmd) {
  try {
    execFileSync('sh', ['-c', 'command -v "$1"', 'sh', cmd], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Compiler flags, one list per language; the cache key hashes them. */
export function compileFlags(addonApi, simd = simdFlags()) {
  const common = [
    '-O3',
    '-DNDEBUG',
    '-fPIC',
    '-pthread',
    '-D_XOPEN_SOURCE=600',
    '-D_GNU_SOURCE',
    '-DNAPI_VERSION=8',
    '-DNAPI_CPP_EXCEPTIONS',
    '-DBUILDING_NODE_EXTENSION',
    ...simd,
  ];
  const includes = [
    `-I${nodeHeaders()}`,
    `-I${addonApi}`,
    '-Iwhisper.cpp/include',
    '-Iwhisper.cpp/ggml/include',
    '-Iwhisper.cpp/ggml/src',
    '-Iwhisper.cpp/examples',
  ];
  return {
    c: ['-std=c11', ...common, ...includes],
    cxx: ['-std=c++17', '-fexceptions', ...common, ...includes],
    link: ['-shared', '-pthread', ...simd],
  };
}

export function addonKey() {
  const simd = simdFlags();
  const recipe = createHash('sha256')
    .update(JSON.stringify({ simd, SOURCES, SOURCE_PATCHES, TARBALLS, cc: compilerVersion() }))
    .digest('hex')
    .slice(0, 12);
  const base = `whisper-${TARBALLS.whisper.version}-node${process.versions.modules}-${process.arch}`;
  return { base, full: `${base}-${recipe}`, version: TARBALLS.whisper.version, simd };
}

function compilerVersion() {
  try {
    return execFileSync('g++', ['-dumpfullversion'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

function applySourcePatches(src) {
  for (const patch of SOURCE_PATCHES) {
    const file = path.join(src, patch.file);
    const text = fs.readFileSync(file, 'utf8');
    if (text.includes(patch.to)) continue; // applied by an earlier build
    if (!text.includes(patch.from)) throw new BuildError(`smart-whisper source changed: cannot patch ${patch.file}`);
    fs.writeFileSync(file, text.replace(patch.from, patch.to));
  }
}

function compileOne(compiler, args, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(compiler[0], [...compiler.slice(1), ...args], { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new BuildError(`${compiler.at(-1)} ${args.at(-1)} exited ${code}`)),
    );
  });
}

async function build(key, cacheRoot) {
  const buildRoot = path.join(cacheRoot, 'build', key.base);
  const obj = path.join(buildRoot, 'obj');
  log(`building ${key.full} from source with ${key.simd.join(' ') || 'no SIMD flags'} (cold: ~30 s on 2 cores)`);
  const downloads = path.join(cacheRoot, 'downloads');
  const src = unpack(tarball(TARBALLS.whisper, downloads), path.join(buildRoot, 'src'));
  const addonApi = unpack(tarball(TARBALLS.addonApi, downloads), path.join(buildRoot, 'node-addon-api'));
  applySourcePatches(src);
  fs.mkdirSync(obj, { recursive: true });

  const flags = compileFlags(addonApi, key.simd);
  const ccache = has('ccache') ? ['ccache'] : [];
  const cc = [...ccache, process.env.CC || 'gcc'];
  const cxx = [...ccache, process.env.CXX || 'g++'];
  const jobs = Math.max(1, Math.min(os.availableParallelism?.() ?? os.cpus().length, 4));
  const headerHash = hashHeaders(src);
  const objects = SOURCES.map((file) => {
    const isC = file.endsWith('.c');
    const args = isC ? flags.c : flags.cxx;
    const digest = createHash('sha256')
      .update(fs.readFileSync(path.join(src, file)))
      .update(headerHash)
      .update(JSON.stringify(args))
      .digest('hex')
      .slice(0, 16);
    const out = path.join(obj, `${path.basename(file).replace(/\.\w+$/, '')}-${digest}.o`);
    return { file, out, compiler: isC ? cc : cxx, args };
  });
  const todo = objects.filter((o) => !fs.existsSync(o.out));
  // Largest first: whisper.cpp and ggml.c dominate, so start them together.
  todo.sort((a, b) => fs.statSync(path.join(src, b.file)).size - fs.statSync(path.join(src, a.file)).size);
  const queue = [...todo];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      log(`compiling ${next.file}`);
      const tmp = `${next.out}.tmp.o`;
      await compileOne(next.compiler, [...next.args, '-c', '-o', tmp, next.file], src);
      fs.renameSync(tmp, next.out);
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  const linked = path.join(buildRoot, 'smart-whisper.node');
  execFileSync(process.env.CXX || 'g++', [...flags.link, '-o', linked, ...objects.map((o) => o.out)], {
    cwd: src,
    stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit',
  });
  return linked;
}

function hashHeaders(src) {
  const hash = createHash('sha256');
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (/\.(h|hpp)$/.test(entry.name)) hash.update(p).update(fs.readFileSync(p));
    }
  };
  for (const dir of ['src/binding', 'whisper.cpp/include', 'whisper.cpp/ggml/include', 'whisper.cpp/ggml/src']) {
    walk(path.join(src, dir));
  }
  return hash.digest('hex');
}

/** Where the built addon is installed: core loads it as @koompi/whisper's dist/smart-whisper.node. */
export const INSTALLED_ADDON = path.join(here, 'dist', 'smart-whisper.node');

async function main() {
  const cacheRoot = process.env.KOOMPI_CACHE_DIR || path.join(os.homedir(), '.cache', 'koompi');
  const key = addonKey();
  if (process.argv.includes('--print-key')) {
    console.log(key.full);
    return;
  }
  const artifactDir = path.join(cacheRoot, key.full);
  const artifact = path.join(artifactDir, 'smart-whisper.node');
  if (!fs.existsSync(artifact) || process.argv.includes('--force')) {
    const built = await build(key, cacheRoot);
    fs.mkdirSync(artifactDir, { recursive: true });
    fs.copyFileSync(built, `${artifact}.tmp`);
    fs.renameSync(`${artifact}.tmp`, artifact);
    log(`cached ${artifact}`);
  }
  const target = INSTALLED_ADDON;
  const same = fs.existsSync(target) && fs.readFileSync(target).equals(fs.readFileSync(artifact));
  if (!same) {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(artifact, `${target}.tmp`);
    fs.renameSync(`${target}.tmp`, target);
    log(`installed ${key.full} into ${path.relative(process.cwd(), target)}`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(`[bindings/whisper] ${error instanceof BuildError ? error.message : error.stack}`);
    process.exitCode = 1;
  });
}
