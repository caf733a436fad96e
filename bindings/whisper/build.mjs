#!/usr/bin/env node
// Builds smart-whisper's native addon (whisper.cpp + ggml + its Node-API glue)
// from the npm package's own sources, with the CPU's SIMD flags. Nothing is
// downloaded. smart-whisper's own install script (`node-gyp rebuild`) builds
// offline on Debian and Arch (node-gyp finds Node's headers in /usr/include/node)
// but without SIMD flags (~10× slower) and in ~1 min; run `npm ci` with
// BYOL=-lm (smart-whisper's "bring your own library" switch) and it compiles
// only its four glue files (~7 s): that throwaway addon is then replaced here.
// npm 11.19 still runs unapproved install scripts (allowScripts is advisory),
// and does not pass npm_config_node_gyp to them, so neither can skip it.
//
// The result is cached outside the clone, under
//   $KOOMPI_CACHE_DIR (default ~/.cache/koompi)/whisper-<ver>-node<abi>-<arch>-<flags hash>/
// and copied to node_modules/smart-whisper/build/Release/, so a second clone
// installs in a second. Object files live in the cache too, named by the hash of
// their source and flags, so a change of flags or patches rebuilds only what it
// touches. A cold build (no ccache) is ~30 s on 2 cores.
//
//   node bindings/whisper/build.mjs [--quiet] [--force] [--print-key]
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, 'package.json'));
const quiet = process.argv.includes('--quiet');
const log = (msg) => {
  if (!quiet) console.log(`[bindings/whisper] ${msg}`);
};

class BuildError extends Error {}

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

function packageDir() {
  try {
    return path.dirname(require.resolve('smart-whisper/package.json'));
  } catch (cause) {
    throw new BuildError('smart-whisper is not installed: run `npm ci` (bindings/whisper depends on it)', { cause });
  }
}

/** Compiler flags, one list per language; the cache key hashes them. */
export function compileFlags(pkgDir, simd = simdFlags()) {
  const addonApi = path.dirname(
    createRequire(path.join(pkgDir, 'package.json')).resolve('node-addon-api/package.json'),
  );
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

export function addonKey(pkgDir = packageDir()) {
  const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
  const simd = simdFlags();
  const recipe = createHash('sha256')
    .update(JSON.stringify({ simd, SOURCES, SOURCE_PATCHES, cc: compilerVersion() }))
    .digest('hex')
    .slice(0, 12);
  const base = `whisper-${pkg.version}-node${process.versions.modules}-${process.arch}`;
  return { base, full: `${base}-${recipe}`, version: pkg.version, simd };
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

async function build(pkgDir, key, cacheRoot) {
  const buildRoot = path.join(cacheRoot, 'build', key.base);
  const src = path.join(buildRoot, 'src');
  const obj = path.join(buildRoot, 'obj');
  log(`building ${key.full} from source with ${key.simd.join(' ') || 'no SIMD flags'} (cold: ~30 s on 2 cores)`);
  if (!fs.existsSync(path.join(src, '.koompi-copied'))) {
    fs.rmSync(src, { recursive: true, force: true });
    fs.mkdirSync(src, { recursive: true });
    for (const dir of ['src', 'whisper.cpp'])
      fs.cpSync(path.join(pkgDir, dir), path.join(src, dir), { recursive: true });
    fs.writeFileSync(path.join(src, '.koompi-copied'), key.version);
  }
  applySourcePatches(src);
  fs.mkdirSync(obj, { recursive: true });

  const flags = compileFlags(pkgDir, key.simd);
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

/** Where the installed addon goes: where smart-whisper's own loader looks for it. */
export function installedAddonPath(pkgDir = packageDir()) {
  return path.join(pkgDir, 'build', 'Release', 'smart-whisper.node');
}

/** True when the root package.json lists bindings/whisper as a workspace (so npm installs smart-whisper). */
function isWorkspace() {
  try {
    const rootPkg = JSON.parse(fs.readFileSync(path.resolve(here, '..', '..', 'package.json'), 'utf8'));
    return (rootPkg.workspaces ?? []).includes('bindings/whisper');
  } catch {
    return false;
  }
}

async function main() {
  const cacheRoot = process.env.KOOMPI_CACHE_DIR || path.join(os.homedir(), '.cache', 'koompi');
  let pkgDir;
  try {
    pkgDir = packageDir();
  } catch (error) {
    // Before the root package.json lists this workspace, npm has not installed
    // smart-whisper: skip (dictation then reports engine-missing) rather than
    // fail everyone's setup. Once listed, a missing package is an error.
    if (!isWorkspace()) {
      log('skipped: bindings/whisper is not in the root workspaces yet, so smart-whisper is not installed');
      return;
    }
    throw error;
  }
  const key = addonKey(pkgDir);
  if (process.argv.includes('--print-key')) {
    console.log(key.full);
    return;
  }
  const artifactDir = path.join(cacheRoot, key.full);
  const artifact = path.join(artifactDir, 'smart-whisper.node');
  if (!fs.existsSync(artifact) || process.argv.includes('--force')) {
    const built = await build(pkgDir, key, cacheRoot);
    fs.mkdirSync(artifactDir, { recursive: true });
    fs.copyFileSync(built, `${artifact}.tmp`);
    fs.renameSync(`${artifact}.tmp`, artifact);
    log(`cached ${artifact}`);
  }
  const target = installedAddonPath(pkgDir);
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
