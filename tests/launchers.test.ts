// The apps' bin/ launchers are the one template of scripts/launchers.mjs:
// every bundled app's launcher is exactly what the script writes (a
// hand-edited copy fails here), the template picks the bundle only when it is
// newer than the TypeScript build, and every command npm and the PKGBUILD
// install points at a launcher that exists.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '..');
const script = path.join(repoRoot, 'scripts', 'launchers.mjs');
const APPS = ['calculate', 'chat', 'classroom', 'cli', 'present', 'write'];

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-launchers-'));
  temps.push(dir);
  return dir;
}

function check(root: string) {
  return spawnSync(process.execPath, [script, '--check', '--root', root], { encoding: 'utf8' });
}

function pkg(app: string): { bin: Record<string, string>; koompi?: { bundle?: boolean } } {
  return JSON.parse(fs.readFileSync(path.join(repoRoot, 'apps', app, 'package.json'), 'utf8'));
}

/** A copy of apps/<app>/package.json and bin/ for each app, under a new root. */
function copyApps(): string {
  const root = tempDir();
  for (const app of fs.readdirSync(path.join(repoRoot, 'apps'))) {
    const from = path.join(repoRoot, 'apps', app);
    if (!fs.existsSync(path.join(from, 'package.json'))) continue;
    fs.mkdirSync(path.join(root, 'apps', app), { recursive: true });
    fs.copyFileSync(path.join(from, 'package.json'), path.join(root, 'apps', app, 'package.json'));
    fs.cpSync(path.join(from, 'bin'), path.join(root, 'apps', app, 'bin'), { recursive: true });
  }
  return root;
}

describe('bin/ launchers', () => {
  it("every Qt app's and the CLI's launcher is the one scripts/launchers.mjs writes", () => {
    expect(APPS.filter((app) => pkg(app).koompi?.bundle === true)).toEqual(APPS);
    const r = check(repoRoot);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('reports a hand-edited launcher, and writing them puts the template back', () => {
    const root = copyApps();
    const chat = path.join(root, 'apps', 'chat', 'bin', 'koompi-chat.js');
    fs.writeFileSync(chat, fs.readFileSync(chat, 'utf8').replace('../dist/main.js', '../dist/main-old.js'));
    fs.rmSync(path.join(root, 'apps', 'write', 'bin', 'koompi-write.js'));
    const drifted = check(root);
    expect(drifted.status).toBe(1);
    expect(drifted.stderr).toContain(path.join('apps', 'chat', 'bin', 'koompi-chat.js'));
    expect(drifted.stderr).toContain(path.join('apps', 'write', 'bin', 'koompi-write.js'));
    expect(drifted.stderr).not.toContain('koompi-present');

    const written = spawnSync(process.execPath, [script, '--root', root], { encoding: 'utf8' });
    expect(written.status).toBe(0);
    expect(check(root).status).toBe(0);
    expect(fs.readFileSync(chat, 'utf8')).toBe(
      fs.readFileSync(path.join(repoRoot, 'apps', 'chat', 'bin', 'koompi-chat.js'), 'utf8'),
    );
    expect(fs.statSync(path.join(root, 'apps', 'write', 'bin', 'koompi-write.js')).mode & 0o111).toBe(0o111);
  });

  it('runs the bundle when it is newer than the TypeScript build, else dist/main.js', () => {
    const root = tempDir();
    const app = path.join(root, 'apps', 'write');
    fs.mkdirSync(path.join(app, 'bin'), { recursive: true });
    fs.mkdirSync(path.join(app, 'dist'), { recursive: true });
    fs.mkdirSync(path.join(root, 'core'), { recursive: true });
    const launcher = path.join(app, 'bin', 'koompi-write.js');
    fs.copyFileSync(path.join(repoRoot, 'apps', 'write', 'bin', 'koompi-write.js'), launcher);
    fs.writeFileSync(path.join(app, 'dist', 'main.js'), "console.log('main', process.argv.slice(2).join(' '));\n");
    fs.writeFileSync(path.join(app, 'package.json'), '{"type":"module"}\n');
    const bundle = path.join(app, 'dist', 'koompi-write.bundle.mjs');
    const run = () => spawnSync(process.execPath, [launcher, '--version'], { encoding: 'utf8' }).stdout.trim();
    const touch = (file: string, seconds: number) => {
      if (!fs.existsSync(file)) fs.writeFileSync(file, '');
      fs.utimesSync(file, seconds, seconds);
    };

    expect(run()).toBe('main --version');
    fs.writeFileSync(bundle, "console.log('bundle', process.argv.slice(2).join(' '));\n");
    touch(bundle, 2_000);
    touch(path.join(app, 'tsconfig.tsbuildinfo'), 1_000);
    touch(path.join(root, 'core', 'tsconfig.tsbuildinfo'), 1_000);
    expect(run()).toBe('bundle --version');
    // core rebuilt after the bundle: the bundle is stale.
    touch(path.join(root, 'core', 'tsconfig.tsbuildinfo'), 3_000);
    expect(run()).toBe('main --version');
  });

  it("every command in the apps' package.json is installed by the PKGBUILD's _bin, from a launcher that exists", () => {
    const pkgbuild = fs.readFileSync(path.join(repoRoot, 'packaging', 'koompi', 'PKGBUILD'), 'utf8');
    const installed = [...pkgbuild.matchAll(/^\s*_bin (\S+) (\S+)$/gm)].map((m) => `${m[2]}/bin/${m[1]}.js`).sort();
    const commands = fs
      .readdirSync(path.join(repoRoot, 'apps'))
      .filter((app) => fs.existsSync(path.join(repoRoot, 'apps', app, 'package.json')))
      .flatMap((app) => Object.entries(pkg(app).bin).map(([name, file]) => ({ app, name, file })));
    // _bin execs apps/<app>/bin/<name>.js: each command's file must be that path.
    for (const { app, name, file } of commands) expect(`${app}/${file}`).toBe(`${app}/bin/${name}.js`);
    expect(installed).toEqual(commands.map(({ app, file }) => `${app}/${file}`).sort());
    for (const file of installed) expect(fs.existsSync(path.join(repoRoot, 'apps', file)), file).toBe(true);
  });
});
