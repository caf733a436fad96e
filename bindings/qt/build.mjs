#!/usr/bin/env node
// Builds NodeGui's native addon (nodegui_core.node) from the npm package's own
// C++ sources against the system's Qt 6 and Node-API's headers, with KOOMPI's
// qode shim (shim/qode_shim.cpp) compiled in. Nothing is downloaded.
//
// Both NodeGui (node-addon-api) and the shim use Node-API only, pinned to
// version NAPI_VERSION below, so one build loads on every Node major that
// has that version (20, 22, 24, ...). The result is cached outside the clone, under
//   $KOOMPI_CACHE_DIR (default ~/.cache/koompi)/nodegui-<ver>-qt<ver>-napi<N>-<arch>-<shim hash>/
// and copied to node_modules/@nodegui/nodegui/build/Release/, so a second clone
// installs in seconds. The CMake/Ninja build tree also lives in the cache (one per
// NodeGui/Qt/Node-API version/arch), so changing the shim rebuilds one file.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const quiet = process.argv.includes('--quiet');
const log = (msg) => {
  if (!quiet) console.log(`[bindings/qt] ${msg}`);
};

function fail(msg) {
  console.error(`[bindings/qt] ${msg}`);
  process.exit(1);
}

function run(cmd, args, opts = {}) {
  execFileSync(cmd, args, { stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit', ...opts });
}

function qtVersion() {
  for (const q of ['qmake6', 'qtpaths6', '/usr/lib/qt6/bin/qmake', '/usr/lib/qt6/bin/qtpaths']) {
    try {
      const args = q.includes('qtpaths') ? ['--qt-query', 'QT_VERSION'] : ['-query', 'QT_VERSION'];
      const v = execFileSync(q, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
      if (/^6\.\d+\.\d+/.test(v)) return v;
    } catch {
      // try the next name
    }
  }
  fail('Qt 6 development files not found (qmake6). Run `npm run setup` to install them.');
}

/**
 * The Node-API version the addon is compiled for (NodeGui's CMake passes it on
 * as NAPI_VERSION). 8 is in every Node from 12.22 on; the addon then loads on
 * any of them that also has libuv 1.x (the shim drives Node's loop directly).
 */
export const NAPI_VERSION = 8;

// node_api.h and uv.h; the shim needs nothing else of Node's (no node.h, no v8.h).
function nodeHeaders() {
  const candidates = [
    process.env.KOOMPI_NODE_HEADERS,
    path.resolve(path.dirname(process.execPath), '..', 'include', 'node'),
    path.join(os.homedir(), '.cache', 'node-gyp', process.versions.node, 'include', 'node'),
  ].filter(Boolean);
  const dir = candidates.find((d) => fs.existsSync(path.join(d, 'node_api.h')) && fs.existsSync(path.join(d, 'uv.h')));
  if (!dir) fail(`Node's C headers (node_api.h, uv.h) not found; looked in: ${candidates.join(', ')}`);
  return dir;
}

/**
 * Changes KOOMPI makes to NodeGui's C++ sources, each a literal replacement that
 * must match exactly (a new NodeGui version fails loudly here, not silently).
 */
export const SOURCE_PATCHES = [
  {
    file: 'src/cpp/main.cpp',
    // The shim needs the module's napi_env (for Node's loop, callbacks and
    // cleanup hooks); qode's InjectCustomRunLoop does not pass one.
    from: 'void InitPrivateHelpers(Napi::Env env) { qodeIntegration::integrate(); }\n',
    to:
      '// KOOMPI: give the qode shim (bindings/qt/shim) the env before Qt starts.\n' +
      'namespace qode { void KoompiAttachEnv(napi_env env); }\n' +
      'void InitPrivateHelpers(Napi::Env env) {\n' +
      '  qode::KoompiAttachEnv(env);\n' +
      '  qodeIntegration::integrate();\n' +
      '}\n',
  },
  {
    file: 'src/cpp/lib/core/Integration/integration.cpp',
    // A global shared OpenGL context makes Qt load Mesa at start-up: +57 MB RSS
    // and ~50 ms on xcb, for no widget NodeGui wraps (no QOpenGLWidget).
    from: '  QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);\n',
    to: '  // KOOMPI: no Qt::AA_ShareOpenGLContexts (see bindings/qt/build.mjs)\n',
  },
];

function applySourcePatches(src) {
  for (const patch of SOURCE_PATCHES) {
    const file = path.join(src, patch.file);
    const text = fs.readFileSync(file, 'utf8');
    if (text.includes(patch.to)) continue; // applied by an earlier build
    if (!text.includes(patch.from)) fail(`NodeGui source changed: cannot patch ${patch.file}`);
    fs.writeFileSync(file, text.replace(patch.from, patch.to));
  }
}

/**
 * The cache key promises one build for every Node major: fail if the addon
 * links against V8 or Node's C++ API (what node.h/v8.h would bring back), or
 * if a qode symbol the shim should define is left unresolved (a shared library
 * links with it and fails only when loaded). Skipped when binutils' nm is absent.
 */
function assertNodeApiOnly(file) {
  let undefinedSymbols;
  try {
    undefinedSymbols = execFileSync('nm', ['-u', '-D', file], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return;
  }
  const tied = undefinedSymbols.split('\n').filter((line) => /\b_ZN(2v8|4node|4qode)\d/.test(line));
  if (tied.length > 0) {
    fail(
      `${file} needs V8/Node C++ or unresolved qode symbols (it would load on one Node ABI, or none):\n${tied.slice(0, 5).join('\n')}`,
    );
  }
}

export function addonKey() {
  const ngPkg = require('@nodegui/nodegui/package.json');
  const shimHash = createHash('sha256')
    .update(fs.readFileSync(path.join(here, 'shim', 'qode_shim.cpp')))
    .update(fs.readFileSync(path.join(here, 'shim', 'CMakeLists.koompi.txt')))
    .update(JSON.stringify(SOURCE_PATCHES))
    .digest('hex')
    .slice(0, 12);
  const base = `nodegui-${ngPkg.version}-qt${qtVersion()}-napi${NAPI_VERSION}-${process.arch}`;
  return { base, full: `${base}-${shimHash}`, version: ngPkg.version };
}

function main() {
  const cacheRoot = process.env.KOOMPI_CACHE_DIR || path.join(os.homedir(), '.cache', 'koompi');
  const ngDir = path.dirname(require.resolve('@nodegui/nodegui/package.json'));
  const target = path.join(ngDir, 'build', 'Release', 'nodegui_core.node');
  const key = addonKey();
  const artifactDir = path.join(cacheRoot, key.full);
  const artifact = path.join(artifactDir, 'nodegui_core.node');

  if (!fs.existsSync(artifact) || process.argv.includes('--force')) {
    const buildRoot = path.join(cacheRoot, 'build', key.base);
    const src = path.join(buildRoot, 'src');
    const out = path.join(buildRoot, 'out');
    log(`building ${key.full} from source (cold: up to ~30 min on 2 cores; later rebuilds are incremental)`);
    fs.mkdirSync(buildRoot, { recursive: true });
    if (!fs.existsSync(path.join(src, '.koompi-copied'))) {
      fs.rmSync(src, { recursive: true, force: true });
      fs.cpSync(ngDir, src, {
        recursive: true,
        filter: (p) => !/[/\\](node_modules|build|dist)$/.test(p) || p === ngDir,
      });
      fs.appendFileSync(
        path.join(src, 'CMakeLists.txt'),
        '\ninclude("${CMAKE_SOURCE_DIR}/koompi/CMakeLists.koompi.txt")\n',
      );
      fs.writeFileSync(path.join(src, '.koompi-copied'), key.version);
    }
    applySourcePatches(src);
    // The shim and its CMake fragment are copied on every build: a change to them
    // rebuilds one translation unit.
    fs.mkdirSync(path.join(src, 'koompi'), { recursive: true });
    for (const f of ['qode_shim.cpp', 'CMakeLists.koompi.txt']) {
      const from = path.join(here, 'shim', f);
      const to = path.join(src, 'koompi', f);
      if (!fs.existsSync(to) || !fs.readFileSync(to).equals(fs.readFileSync(from))) fs.copyFileSync(from, to);
    }
    const env = {
      ...process.env,
      QT_INSTALL_DIR: process.env.QT_INSTALL_DIR || '/usr',
      // NodeGui's CMake asks Node for node-addon-api's include dir.
      NODE_PATH: [path.join(ngDir, 'node_modules'), path.resolve(ngDir, '..', '..')].join(path.delimiter),
      CCACHE_BASEDIR: buildRoot,
    };
    const headers = nodeHeaders();
    const jobs = String(Math.max(1, Math.min(os.availableParallelism?.() ?? os.cpus().length, 4)));
    run(
      'cmake',
      [
        '-S',
        src,
        '-B',
        out,
        '-G',
        'Ninja',
        '-DCMAKE_BUILD_TYPE=Release',
        `-DCMAKE_JS_INC=${headers}`,
        `-Dnapi_build_version=${NAPI_VERSION}`,
        `-DCMAKE_LIBRARY_OUTPUT_DIRECTORY=${path.join(out, 'Release')}`,
        '-DCMAKE_CXX_FLAGS=-O2',
      ],
      { env },
    );
    run('cmake', ['--build', out, '--', '-j', jobs], { env });
    const built = path.join(out, 'Release', 'nodegui_core.node');
    if (!fs.existsSync(built)) fail(`build finished but ${built} is missing`);
    assertNodeApiOnly(built);
    fs.mkdirSync(artifactDir, { recursive: true });
    fs.copyFileSync(built, artifact + '.tmp');
    fs.renameSync(artifact + '.tmp', artifact);
    log(`cached ${artifact}`);
  }

  // --no-install: leave this checkout's addon alone (scripts/machine.sh builds
  // one for a desktop root's Qt this way); --print-artifact: its path, last line.
  if (process.argv.includes('--print-artifact')) console.log(artifact);
  if (process.argv.includes('--no-install')) return;
  const same = fs.existsSync(target) && fs.readFileSync(target).equals(fs.readFileSync(artifact));
  if (!same) {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(artifact, target);
    log(`installed ${key.full} into ${path.relative(process.cwd(), target)}`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
