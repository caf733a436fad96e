#!/usr/bin/env node
// `npm run check:iso`: validates KOOMPI's archiso profile (iso/) and its
// PKGBUILDs (packaging/) on any machine, without Arch's mirrors:
//   node iso/check.mjs [--profile DIR] [--packaging DIR] [--scripts FILE...]
// - profiledef.sh parses (bash -n) and defines what mkarchiso needs;
// - every shell script passes shellcheck;
// - packages.x86_64 is one valid, unique Arch package name a line and has
//   what KOOMPI needs; pacman.conf keeps the package database in @;
// - systemd units pass `systemd-analyze verify` (binaries that only the image
//   has are replaced by stand-ins, and said so);
// - every executable file in airootfs has its file_permissions entry;
// - the Khmer defaults (locale, fcitx5 keyboard-kh, fontconfig, kdeglobals);
// - the PKGBUILDs parse and pass namcap-style sanity checks.
// Prints one line per check and a summary; exits 1 if any check fails.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkPackaging } from './check-packaging.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Packages the image must have (besides every koompi-* package packaging/ builds). */
export const REQUIRED_PACKAGES = [
  'linux-lts',
  'systemd',
  'btrfs-progs',
  'snapper',
  'plasma-desktop',
  'fcitx5',
  'noto-fonts',
  'syncthing',
  'avahi',
  'pocketsphinx',
  'nodejs',
  'koompi-suite',
  'koompi-daemon',
  'koompi-cli',
];
const PROFILE_VARS = [
  'iso_name',
  'iso_label',
  'iso_publisher',
  'iso_application',
  'iso_version',
  'install_dir',
  'buildmodes',
  'bootmodes',
  'arch',
  'pacman_conf',
  'airootfs_image_type',
];
/** Arch package names: lower case, digits, @._+-, not starting with - or . */
const PACKAGE_NAME = /^[a-z0-9@_+][a-z0-9@._+-]*$/;

export function has(cmd) {
  return spawnSync('sh', ['-c', 'command -v "$1"', 'sh', cmd], { stdio: 'ignore' }).status === 0;
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...opts });
  return { status: r.status ?? 1, out: `${r.stdout ?? ''}${r.stderr ?? ''}`.trim() };
}

function walk(dir) {
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...walk(p));
    else found.push(p);
  }
  return found;
}

function isShellScript(file) {
  const st = fs.lstatSync(file);
  if (!st.isFile()) return false;
  if (file.endsWith('.sh') || path.basename(file) === 'PKGBUILD') return true;
  const head = fs.readFileSync(file, { encoding: 'latin1' }).slice(0, 64);
  return /^#!\s*\S*\/(env\s+)?(ba)?sh\b/.test(head);
}

/** Reads profiledef.sh through bash: its variables and file_permissions. */
function readProfile(file) {
  const script = `
    declare -A file_permissions=()
    source "$1" || exit 3
    for v in ${PROFILE_VARS.join(' ')}; do
      if declare -p "$v" >/dev/null 2>&1; then
        declare -n ref="$v"; printf 'var\\t%s\\t%s\\n' "$v" "\${ref[*]}"; unset -n ref
      fi
    done
    for k in "\${!file_permissions[@]}"; do printf 'perm\\t%s\\t%s\\n' "$k" "\${file_permissions[$k]}"; done`;
  const r = run('bash', ['-c', script, 'bash', file], { cwd: path.dirname(file) });
  const vars = new Map();
  const perms = new Map();
  for (const line of r.out.split('\n')) {
    const [kind, key, value = ''] = line.split('\t');
    if (kind === 'var' && key) vars.set(key, value);
    if (kind === 'perm' && key) perms.set(key, value);
  }
  return { ok: r.status === 0, out: r.out, vars, perms };
}

/**
 * Runs `systemd-analyze verify` on a copy of a unit. ExecStart binaries that
 * exist in airootfs are pointed there; those that the image's packages install
 * are replaced by /bin/true; units it depends on that only the image has get
 * empty stand-ins. Returns what was replaced so the report can say so.
 */
function verifyUnit(unitFile, airootfs) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-unit-'));
  try {
    const name = path.basename(unitFile);
    const standIns = [];
    const text = fs
      .readFileSync(unitFile, 'utf8')
      .replace(/^(Exec(?:Start|StartPre|StartPost|Stop|Reload)=[-@:+!]*)(\/\S+)/gm, (_m, key, bin) => {
        if (fs.existsSync(bin)) return `${key}${bin}`;
        const inImage = path.join(airootfs, bin);
        if (fs.existsSync(inImage)) return `${key}${inImage}`;
        standIns.push(bin);
        return `${key}/bin/true`;
      });
    fs.writeFileSync(path.join(tmp, name), text);
    for (let attempt = 0; attempt < 8; attempt++) {
      const r = run('systemd-analyze', ['verify', '--man=no', path.join(tmp, name)], {
        env: { ...process.env, SYSTEMD_LOG_COLOR: '0' },
      });
      const missing = /Unit (\S+) not found/.exec(r.out);
      if (missing?.[1] && !fs.existsSync(path.join(tmp, missing[1]))) {
        fs.writeFileSync(path.join(tmp, missing[1]), '[Unit]\nDescription=stand-in\n[Service]\nExecStart=/bin/true\n');
        standIns.push(missing[1]);
        continue;
      }
      const warnings = r.out
        .split('\n')
        .filter((l) => /Unknown (key|section|lvalue)|Failed to parse|[Ii]nvalid|not a valid|Missing '='/.test(l));
      return { ok: r.status === 0 && warnings.length === 0, out: r.out, standIns };
    }
    return { ok: false, out: 'too many missing units', standIns };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

export function checkProfile({ profile, packaging, scripts }) {
  const results = [];
  const pass = (what) => results.push({ status: 'ok', what });
  const fail = (what, detail = '') => results.push({ status: 'FAIL', what, detail });
  const skip = (what, detail = '') => results.push({ status: 'skip', what, detail });
  const note = (what, detail = '') => results.push({ status: 'note', what, detail });
  const airootfs = path.join(profile, 'airootfs');

  // profiledef.sh
  const profiledef = path.join(profile, 'profiledef.sh');
  let perms = new Map();
  if (!fs.existsSync(profiledef)) fail('profiledef.sh exists');
  else {
    const syntax = run('bash', ['-n', profiledef]);
    if (syntax.status !== 0) fail('profiledef.sh parses (bash -n)', syntax.out);
    else {
      pass('profiledef.sh parses (bash -n)');
      const p = readProfile(profiledef);
      perms = p.perms;
      const missing = PROFILE_VARS.filter((v) => !p.vars.get(v));
      if (!p.ok || missing.length) fail('profiledef.sh defines the profile', `missing: ${missing.join(' ')} ${p.out}`);
      else pass(`profiledef.sh defines ${PROFILE_VARS.length} variables`);
      if (!/^[a-z0-9]{1,8}$/.test(p.vars.get('install_dir') ?? ''))
        fail('install_dir is 1-8 of [a-z0-9]', p.vars.get('install_dir'));
      if (p.vars.get('arch') !== 'x86_64') fail('arch is x86_64', p.vars.get('arch'));
      const conf = path.join(profile, p.vars.get('pacman_conf') ?? 'pacman.conf');
      if (!fs.existsSync(conf)) fail(`${p.vars.get('pacman_conf')} exists`);
    }
  }

  // pacman.conf
  const pacmanConf = path.join(profile, 'pacman.conf');
  if (fs.existsSync(pacmanConf)) {
    const text = fs.readFileSync(pacmanConf, 'utf8');
    if (/^\s*DBPath\s*=\s*\/usr\/lib\/pacman\/?\s*$/m.test(text)) pass('pacman.conf: DBPath in /usr (inside @)');
    else fail('pacman.conf: DBPath = /usr/lib/pacman/');
    const sections = ['options', 'core', 'extra', 'koompi'].filter((s) => !text.includes(`[${s}]`));
    if (sections.length) fail('pacman.conf sections', `missing: ${sections.join(' ')}`);
  }

  // packages.x86_64
  const pkgFile = path.join(profile, 'packages.x86_64');
  if (!fs.existsSync(pkgFile)) fail('packages.x86_64 exists');
  else {
    const problems = [];
    const seen = new Set();
    fs.readFileSync(pkgFile, 'utf8')
      .split('\n')
      .forEach((raw, i) => {
        const line = raw.replace(/#.*/, '');
        if (line.trim() === '') return;
        if (line !== line.trim() || /\s/.test(line.trim()))
          problems.push(`line ${i + 1}: one name a line, no spaces: "${raw}"`);
        const name = line.trim();
        if (!PACKAGE_NAME.test(name)) problems.push(`line ${i + 1}: not a valid package name: "${name}"`);
        if (seen.has(name)) problems.push(`line ${i + 1}: duplicate: ${name}`);
        seen.add(name);
      });
    const required = REQUIRED_PACKAGES.filter((p) => !seen.has(p));
    if (!seen.has('fcitx5-configtool') && !seen.has('fcitx5-qt')) required.push('fcitx5-configtool or fcitx5-qt');
    if (required.length) problems.push(`missing: ${required.join(', ')}`);
    if (problems.length) fail('packages.x86_64 is well formed and complete', problems.join('\n'));
    else pass(`packages.x86_64: ${seen.size} packages, well formed, all required present`);
    // The test machine's table (scripts/machine.sh): every Arch package has its Debian line.
    const tableFile = path.join(profile, 'packages.debian.tsv');
    if (fs.existsSync(tableFile)) {
      const mapped = new Set(
        fs
          .readFileSync(tableFile, 'utf8')
          .split('\n')
          .filter((l) => l && !l.startsWith('#'))
          .map((l) => l.split('\t')[0]),
      );
      const unmapped = [...seen].filter((p) => !mapped.has(p));
      if (unmapped.length) fail('packages.debian.tsv maps every Arch package', `no line for: ${unmapped.join(', ')}`);
      else pass(`packages.debian.tsv: all ${seen.size} Arch packages mapped for the test machine`);
    }
    results.packages = seen;
  }

  // shell scripts
  const shellFiles = [
    ...(fs.existsSync(profiledef) ? [profiledef] : []),
    ...(fs.existsSync(airootfs) ? walk(airootfs).filter(isShellScript) : []),
    ...(fs.existsSync(path.join(profile, 'boot-test'))
      ? walk(path.join(profile, 'boot-test')).filter(isShellScript)
      : []),
    ...scripts.filter((f) => fs.existsSync(f)),
  ];
  if (!has('shellcheck')) fail('shellcheck on shell scripts', 'shellcheck is not installed (Debian/Arch: shellcheck)');
  else {
    for (const file of shellFiles) {
      const rel = path.relative(profile, file);
      const r = run('shellcheck', ['-s', 'bash', '-x', file], { cwd: path.dirname(file) });
      if (r.status === 0) pass(`shellcheck ${rel}`);
      else fail(`shellcheck ${rel}`, r.out);
    }
  }

  if (fs.existsSync(airootfs)) {
    // file_permissions for every executable (or script) file
    for (const file of walk(airootfs)) {
      const st = fs.lstatSync(file);
      if (!st.isFile()) continue;
      const abs = `/${path.relative(airootfs, file)}`;
      const needsExec = (st.mode & 0o111) !== 0 || (isShellScript(file) && !file.endsWith('.sh'));
      if (!needsExec) continue;
      const entry = perms.get(abs);
      if (!entry) fail(`file_permissions has ${abs}`, 'executable in airootfs but not in profiledef.sh');
      else if (!/^\d+:\d+:0?[0-7]*[1357][0-7]*$/.test(entry) || !/[1357]/.test(entry.split(':')[2] ?? ''))
        fail(`file_permissions makes ${abs} executable`, entry);
      else pass(`file_permissions: ${abs} ${entry}`);
    }
    for (const abs of perms.keys()) {
      if (!fs.existsSync(path.join(airootfs, abs))) fail(`file_permissions entry ${abs} exists in airootfs`);
    }

    // systemd units
    const unitDir = path.join(airootfs, 'etc/systemd/system');
    const units = fs.existsSync(unitDir)
      ? walk(unitDir).filter((f) => /\.(service|mount|target|timer|socket|path)$/.test(f))
      : [];
    for (const unit of units) {
      const rel = path.relative(airootfs, unit);
      if (fs.lstatSync(unit).isSymbolicLink()) {
        const target = fs.readlinkSync(unit);
        if (path.basename(target) !== path.basename(unit) && path.basename(unit) !== 'display-manager.service')
          fail(`${rel}: link names its unit`, target);
        else if (target.startsWith('/')) note(`${rel} → ${target}`, 'installed by a package on the image');
        else if (!fs.existsSync(path.resolve(path.dirname(unit), target))) fail(`${rel}: link target exists`, target);
        else pass(`${rel} → ${target}`);
        continue;
      }
      if (!has('systemd-analyze')) {
        skip(`systemd-analyze verify ${rel}`, 'systemd-analyze is not installed');
        continue;
      }
      const r = verifyUnit(unit, airootfs);
      if (!r.ok) fail(`systemd-analyze verify ${rel}`, r.out);
      else pass(`systemd-analyze verify ${rel}`);
      if (r.standIns.length)
        note(`  ${path.basename(unit)}: stand-ins for what only the image has`, r.standIns.join(', '));
    }

    // Khmer first
    const expectations = [
      ['etc/locale.conf', /^LANG=km_KH\.UTF-8$/m, 'Khmer is the system language'],
      ['etc/locale.gen', /^km_KH\.UTF-8 UTF-8$/m, 'the Khmer locale is generated'],
      ['etc/skel/.config/fcitx5/profile', /^Name=keyboard-kh$/m, 'fcitx5 has the Khmer keyboard (keyboard-kh)'],
      ['etc/environment', /^XMODIFIERS=@im=fcitx$/m, 'fcitx5 is the input method'],
      ['etc/xdg/kdeglobals', /^font=Noto Sans,/m, 'kdeglobals sets Khmer-capable fonts'],
      [
        'etc/sysusers.d/koompi.conf',
        /^g koompi-admin\b[\s\S]*^g koompi-teacher\b[\s\S]*^g koompi-student\b[\s\S]*^g koompi-guest\b[\s\S]*koompi-ai\b/m,
        'sysusers makes the role groups and koompi-ai',
      ],
      [
        'usr/share/koompi/install/fstab',
        /^\S+\s+\/\s+btrfs\s+ro,[\s\S]*subvol=\/@home[\s\S]*subvol=\/@var[\s\S]*subvol=\/@snapshots/m,
        'fstab: / read-only, @home @var @snapshots',
      ],
      [
        'usr/share/koompi/install/pacman.conf',
        /^DBPath\s*=\s*\/usr\/lib\/pacman\/?$/m,
        'installed pacman.conf keeps the database in @',
      ],
    ];
    for (const [rel, re, what] of expectations) {
      const file = path.join(airootfs, rel);
      if (fs.existsSync(file) && re.test(fs.readFileSync(file, 'utf8'))) pass(what);
      else fail(what, `${rel}: expected ${re}`);
    }
    const fontconf = path.join(airootfs, 'etc/fonts/conf.d');
    for (const file of fs.existsSync(fontconf) ? walk(fontconf).filter((f) => f.endsWith('.conf')) : []) {
      const rel = path.relative(airootfs, file);
      if (!/<string>km<\/string>[\s\S]*Noto Sans Khmer/.test(fs.readFileSync(file, 'utf8')))
        fail(`${rel} prefers Noto Sans Khmer for lang=km`);
      else if (has('xmllint')) {
        const r = run('xmllint', ['--noout', file]);
        if (r.status === 0) pass(`${rel}: well-formed, Khmer rule present`);
        else fail(`${rel}: well-formed XML`, r.out);
      } else pass(`${rel}: Khmer rule present (xmllint not installed: XML not parsed)`);
    }
  }

  // PKGBUILDs
  if (packaging && fs.existsSync(packaging)) {
    const built = new Set();
    for (const r of checkPackaging(packaging, { shellcheck: has('shellcheck') })) {
      results.push(r);
      for (const name of r.provides ?? []) built.add(name);
    }
    const koompiPackages = [...(results.packages ?? [])].filter((p) => p.startsWith('koompi-'));
    const unbuilt = koompiPackages.filter((p) => !built.has(p));
    if (unbuilt.length) fail('every koompi-* package is built by a PKGBUILD', unbuilt.join(', '));
    else if (koompiPackages.length)
      pass(`every koompi-* package is built by a PKGBUILD (${koompiPackages.join(', ')})`);
  }
  return results;
}

function main(argv) {
  const opt = (name, fallback) => {
    const i = argv.indexOf(name);
    return i >= 0 && argv[i + 1] ? path.resolve(argv[i + 1]) : fallback;
  };
  const profile = opt('--profile', here);
  const packaging = opt('--packaging', path.resolve(here, '..', 'packaging'));
  const scriptsAt = argv.indexOf('--scripts');
  const scripts =
    scriptsAt >= 0
      ? argv.slice(scriptsAt + 1).map((f) => path.resolve(f))
      : [path.resolve(here, '..', 'scripts', 'build-iso.sh')];
  const results = checkProfile({ profile, packaging, scripts });
  for (const r of results) {
    console.log(`${r.status.padEnd(4)} ${r.what}`);
    if (r.detail && r.status !== 'ok') console.log(r.detail.replace(/^/gm, '       '));
  }
  const count = (s) => results.filter((r) => r.status === s).length;
  const failed = count('FAIL');
  console.log(
    `\ncheck:iso ${failed ? 'FAILED' : 'passed'}: ${count('ok')} ok, ${failed} failed, ${count('skip')} skipped, ${count('note')} notes (profile ${profile})`,
  );
  return failed ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
