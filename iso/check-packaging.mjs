// namcap-style sanity for KOOMPI's PKGBUILDs (packaging/*/PKGBUILD), run by
// iso/check.mjs. makepkg and namcap need Arch; this reads each PKGBUILD
// through bash, as makepkg does, and checks what namcap would complain about
// before a build: required variables, version syntax, an SPDX licence, known
// architectures, a package function for every split package, and the
// dependencies the suite needs (the system's Node and Qt).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const VARS = ['pkgname', 'pkgver', 'pkgrel', 'pkgdesc', 'arch', 'url', 'license', 'depends', 'makedepends'];

function readPkgbuild(file) {
  const script = `
    source "$1" || exit 3
    for v in ${VARS.join(' ')}; do
      declare -n ref="$v"; printf 'var\\t%s\\t%s\\n' "$v" "\${ref[*]}"; unset -n ref
    done
    for f in $(declare -F | awk '{print $3}'); do printf 'fn\\t%s\\n' "$f"; done`;
  const r = spawnSync('bash', ['-c', script, 'bash', file], { cwd: path.dirname(file), encoding: 'utf8' });
  const vars = new Map();
  const fns = new Set();
  for (const line of (r.stdout ?? '').split('\n')) {
    const [kind, key, value = ''] = line.split('\t');
    if (kind === 'var' && key) vars.set(key, value);
    if (kind === 'fn' && key) fns.add(key);
  }
  return { ok: r.status === 0, err: r.stderr ?? '', vars, fns };
}

export function checkPackaging(dir, { shellcheck }) {
  const results = [];
  const files = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(dir, e.name, 'PKGBUILD')))
    .map((e) => path.join(dir, e.name, 'PKGBUILD'));
  if (files.length === 0) results.push({ status: 'FAIL', what: `PKGBUILDs in ${dir}`, detail: 'none found' });
  for (const file of files) {
    const rel = path.relative(path.dirname(dir), file);
    const problems = [];
    const syntax = spawnSync('bash', ['-n', file], { encoding: 'utf8' });
    if (syntax.status !== 0) {
      results.push({ status: 'FAIL', what: `${rel} parses (bash -n)`, detail: syntax.stderr });
      continue;
    }
    if (shellcheck) {
      const sc = spawnSync('shellcheck', ['-s', 'bash', file], { encoding: 'utf8' });
      if (sc.status !== 0) results.push({ status: 'FAIL', what: `shellcheck ${rel}`, detail: sc.stdout });
      else results.push({ status: 'ok', what: `shellcheck ${rel}` });
    }
    const p = readPkgbuild(file);
    if (!p.ok) problems.push(`sourcing failed: ${p.err}`);
    for (const v of VARS) if (!p.vars.get(v)) problems.push(`${v} is empty`);
    const names = (p.vars.get('pkgname') ?? '').split(' ').filter(Boolean);
    for (const name of names) {
      if (!/^[a-z0-9@_+][a-z0-9@._+-]*$/.test(name)) problems.push(`invalid package name ${name}`);
      const fn = names.length > 1 ? `package_${name}` : 'package';
      if (!p.fns.has(fn) && !p.fns.has('package')) problems.push(`no ${fn}() function`);
    }
    if (!/^[A-Za-z0-9._+]+$/.test(p.vars.get('pkgver') ?? '')) problems.push(`pkgver has invalid characters`);
    if (!/^[1-9][0-9]*(\.[1-9][0-9]*)?$/.test(p.vars.get('pkgrel') ?? ''))
      problems.push('pkgrel is not a positive number');
    for (const a of (p.vars.get('arch') ?? '').split(' '))
      if (!['x86_64', 'aarch64', 'any'].includes(a)) problems.push(`unknown arch ${a}`);
    if (!/^[A-Za-z0-9.+-]+( (AND|OR|WITH) [A-Za-z0-9.+-]+)*$/.test(p.vars.get('license') ?? ''))
      problems.push('license is not an SPDX expression');
    if ((p.vars.get('pkgdesc') ?? '').length > 120) problems.push('pkgdesc longer than 120 characters');
    const all = `${p.vars.get('depends')} ${p.vars.get('makedepends')}`;
    for (const dep of ['nodejs', 'qt6-base'])
      if (!all.split(' ').some((d) => d.split(/[<>=]/)[0] === dep)) problems.push(`does not use the system's ${dep}`);
    if (/\bnpm (install|i)\b/.test(fs.readFileSync(file, 'utf8')))
      problems.push('uses npm install (use npm ci or the setup script: reproducible)');
    if (problems.length)
      results.push({ status: 'FAIL', what: `${rel}: namcap-style sanity`, detail: problems.join('\n') });
    else results.push({ status: 'ok', what: `${rel}: namcap-style sanity (${names.join(', ')})`, provides: names });
  }
  return results;
}
