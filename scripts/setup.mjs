#!/usr/bin/env node
// `npm run setup`: makes a fresh Debian 12 or Arch machine (or a fresh clone)
// ready to run KOOMPI's suite and tests. Idempotent: each step checks first and
// does nothing when already done, so `npm start` and `npm test` call it every time.
//
//   1. system packages (apt-get or pacman), only those missing
//   2. npm packages (`npm ci`), only when package-lock.json changed
//   3. native addons, built from source once and cached under ~/.cache/koompi
//   4. TypeScript (`tsc -b`, incremental)
//
// Uses only Node's standard library: it runs before node_modules exists.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const quiet = process.argv.includes('--quiet');
const log = (msg) => {
  if (!quiet) console.log(`[setup] ${msg}`);
};
const fail = (msg) => {
  console.error(`[setup] ${msg}`);
  process.exit(1);
};

/** System packages per distribution: what building and testing the suite needs. */
export const SYSTEM_PACKAGES = {
  debian: [
    // building NodeGui's addon against the system's Qt 6
    'qt6-base-dev',
    'qt6-svg-dev',
    'libgl-dev',
    'cmake',
    'g++',
    'ninja-build',
    'ccache',
    'pkg-config',
    // Khmer fonts: Noto Sans Khmer and Khmer OS
    'fonts-noto-core',
    'fonts-khmeros',
    // a virtual display for `npm start` on a machine without one, and for tests
    // that type into real windows (xdotool) and take screenshots of them (xwd)
    'xvfb',
    'xauth',
    'xdotool',
    'x11-xserver-utils',
    'x11-apps',
    // office: exports checked by LibreOffice and poppler; Khmer shaping compared with hb-shape
    'libreoffice-writer',
    'libreoffice-impress',
    'libreoffice-calc',
    'poppler-utils',
    'libharfbuzz-bin',
    'fontconfig',
    // D-Bus for the desktop integration tests (private session buses)
    'dbus',
    // koompid's real stack in tests: Btrfs on a loop device, system bus, polkit, PackageKit, Flatpak
    'btrfs-progs',
    'dbus-daemon',
    'dbus-bin',
    'polkitd',
    'packagekit',
    'flatpak',
    // the global shortcut (Meta+Space → Chat) is tested against KDE's real kglobalaccel,
    // the tray icon against a real StatusNotifierWatcher and tray host
    'libkf5globalaccel-bin',
    // KRunner itself (Plasma 5.27), which finds and asks KOOMPI's D-Bus runner
    'plasma-workspace',
    'haskell-status-notifier-item-utils',
    'haskell-gtk-sni-tray-utils',
    // a real Secret Service (the wallet) for the personal AI key
    'gnome-keyring',
    'libsecret-tools',
    // classroom: Syncthing for work back, aria2 and uftp for lessons out, Avahi, namespaces
    'syncthing',
    'aria2',
    'uftp',
    'avahi-daemon',
    'iproute2',
    // first boot's PAM tests run in a scratch Debian root (tests/iso/first-boot);
    // the booted test machine (scripts/machine.sh) is a Debian root under nspawn
    'debootstrap',
    'systemd-container',
    // voice: command mode (pocketsphinx), spoken test commands (espeak-ng), audio tools, capture
    'pocketsphinx',
    'pocketsphinx-en-us',
    'espeak-ng',
    'sox',
    'pulseaudio',
    'pulseaudio-utils',
    'python3-tk',
    // the OS image: profile checks (shellcheck, systemd-analyze, desktop and AppStream
    // validators, xmllint) and the qemu boot test of the Btrfs rollback
    'shellcheck',
    'desktop-file-utils',
    'appstream',
    'libxml2-utils',
    'systemd',
    'qemu-system-x86',
    'busybox-static',
    'cpio',
    'linux-image-amd64',
  ],
  arch: [
    'qt6-base',
    'qt6-svg',
    'cmake',
    'gcc',
    'ninja',
    'ccache',
    'pkgconf',
    'noto-fonts',
    'ttf-khmer',
    'xorg-server-xvfb',
    'xorg-xauth',
    'xdotool',
    'xorg-xmodmap',
    'xorg-xwd',
    'libreoffice-fresh',
    'poppler',
    'harfbuzz-utils',
    'fontconfig',
    'dbus',
    'btrfs-progs',
    'polkit',
    'packagekit',
    'flatpak',
    'kglobalaccel',
    'plasma-workspace',
    'gnome-keyring',
    'libsecret',
    'syncthing',
    'aria2',
    'avahi',
    'iproute2',
    // first boot's PAM tests run in a scratch Debian root (tests/iso/first-boot);
    // the booted test machine (scripts/machine.sh) is a Debian root under nspawn
    'debootstrap',
    'espeak-ng',
    'sox',
    'pulseaudio',
    'libpulse',
    'tk',
    'shellcheck',
    'desktop-file-utils',
    'appstream',
    'libxml2',
    'qemu-system-x86',
    'busybox',
    'cpio',
    'linux',
  ],
};

function has(cmd) {
  return spawnSync('sh', ['-c', 'command -v "$1"', 'sh', cmd], { stdio: 'ignore' }).status === 0;
}

function distro() {
  if (has('apt-get') && has('dpkg-query')) return 'debian';
  if (has('pacman')) return 'arch';
  return undefined;
}

function missingPackages(kind) {
  return SYSTEM_PACKAGES[kind].filter((pkg) => {
    if (kind === 'debian') {
      const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
      return r.status !== 0 || !r.stdout.includes('install ok installed');
    }
    return spawnSync('pacman', ['-Q', pkg], { stdio: 'ignore' }).status !== 0;
  });
}

function privileged(cmd, args, env = {}) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const [bin, argv] = isRoot ? [cmd, args] : ['sudo', ['--preserve-env=DEBIAN_FRONTEND', cmd, ...args]];
  if (!isRoot && !has('sudo')) fail(`need root to run: ${cmd} ${args.join(' ')} (run as root, or install sudo)`);
  const r = spawnSync(bin, argv, {
    stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit',
    env: { ...process.env, ...env },
  });
  if (r.status !== 0) fail(`failed: ${cmd} ${args.join(' ')}`);
}

function systemPackages() {
  if (process.env.KOOMPI_SKIP_SYSTEM_PACKAGES === '1')
    return log('system packages: skipped (KOOMPI_SKIP_SYSTEM_PACKAGES=1)');
  const kind = distro();
  if (!kind) {
    log(
      `system packages: unknown distribution; make sure these (Debian names) are installed: ${SYSTEM_PACKAGES.debian.join(' ')}`,
    );
    return;
  }
  const missing = missingPackages(kind);
  if (missing.length === 0) return log('system packages: all present');
  log(`system packages: installing ${missing.join(' ')}`);
  if (kind === 'debian') {
    const env = { DEBIAN_FRONTEND: 'noninteractive' };
    privileged('apt-get', ['update', '-qq'], env);
    privileged('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], env);
  } else {
    privileged('pacman', ['-S', '--needed', '--noconfirm', ...missing]);
  }
}

function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    fail(`Node ${process.versions.node} is too old: KOOMPI needs Node 20.19 or newer (with its headers).`);
  }
  // The native addons use Node-API only (node_api.h, and uv.h for the Qt pump).
  const headers = [path.resolve(path.dirname(process.execPath), '..', 'include', 'node', 'node_api.h')];
  if (!headers.some((h) => fs.existsSync(h)) && !process.env.KOOMPI_NODE_HEADERS) {
    fail(
      `Node's headers are missing (looked for ${headers[0]}). Install them with your Node ` +
        `(Debian: the nodejs or libnode-dev package; Arch: nodejs), or set KOOMPI_NODE_HEADERS.`,
    );
  }
}

function npmPackages() {
  const lock = path.join(root, 'package-lock.json');
  const stamp = path.join(root, 'node_modules', '.koompi-lock-sha256');
  const hash = createHash('sha256').update(fs.readFileSync(lock)).update(process.version).digest('hex');
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === hash) return log('npm packages: up to date');
  log('npm packages: npm ci');
  const npm = process.env.npm_execpath ? [process.execPath, [process.env.npm_execpath]] : ['npm', []];
  const r = spawnSync(npm[0], [...npm[1], 'ci', '--no-audit', '--no-fund'], {
    cwd: root,
    stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit',
    // NodeGui's own install script would download Qt and a prebuilt addon:
    // point it at the system's Qt and skip its build (bindings/qt builds it).
    env: { ...process.env, QT_INSTALL_DIR: '/usr', SKIP_BUILD: '1' },
  });
  if (r.status !== 0) fail('npm ci failed');
  fs.writeFileSync(stamp, hash);
}

/** Every bindings/<addon>/build.mjs: each builds from source once, caches, installs. Qt first. */
function nativeAddons() {
  const dirs = fs
    .readdirSync(path.join(root, 'bindings'))
    .filter((d) => fs.existsSync(path.join(root, 'bindings', d, 'build.mjs')))
    .sort((a, b) => (a === 'qt' ? -1 : b === 'qt' ? 1 : a.localeCompare(b)));
  for (const dir of dirs) {
    const args = [path.join(root, 'bindings', dir, 'build.mjs')];
    if (quiet) args.push('--quiet');
    const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) fail(`building the native addon in bindings/${dir} failed (see above)`);
  }
}

function typescript() {
  log('TypeScript: tsc -b, then bundle the apps');
  try {
    execFileSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b'], {
      cwd: root,
      stdio: 'inherit',
    });
    execFileSync(process.execPath, [path.join(root, 'scripts', 'bundle.mjs')], { cwd: root, stdio: 'inherit' });
  } catch {
    fail('TypeScript build failed (see above)');
  }
}

checkNode();
systemPackages();
npmPackages();
nativeAddons();
typescript();
log('ready');
