// Every .desktop file passes desktop-file-validate with nothing to say, every
// app's AppStream metainfo passes `appstreamcli validate --no-net` and shares
// its reverse-DNS id with its .desktop file, and the Plasma defaults pin the
// five apps and give dictation Meta+H.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const pi = path.resolve(import.meta.dirname, '..', '..', 'plasma-integration');
const has = (cmd: string) => spawnSync('sh', ['-c', 'command -v "$1"', 'sh', cmd]).status === 0;
const APPS = ['Chat', 'Write', 'Present', 'Calculate', 'Classroom'];
const desktopFiles = ['applications', 'krunner'].flatMap((dir) =>
  fs
    .readdirSync(path.join(pi, dir))
    .filter((f) => f.endsWith('.desktop'))
    .map((f) => path.join(dir, f)),
);
const metainfoFiles = fs.readdirSync(path.join(pi, 'metainfo')).filter((f) => f.endsWith('.metainfo.xml'));
const read = (rel: string) => fs.readFileSync(path.join(pi, rel), 'utf8');

describe('.desktop files', () => {
  it.skipIf(!has('desktop-file-validate'))('pass desktop-file-validate without errors, warnings or hints', () => {
    for (const rel of desktopFiles) {
      const r = spawnSync('desktop-file-validate', [path.join(pi, rel)], { encoding: 'utf8' });
      expect({ rel, out: `${r.stdout}${r.stderr}`.trim(), code: r.status }).toEqual({ rel, out: '', code: 0 });
    }
  });

  it('exist for every app and say Name[km] and Comment[km]', () => {
    for (const app of [...APPS, 'Dictation']) {
      const text = read(`applications/org.koompi.${app}.desktop`);
      expect(text).toMatch(/^Name\[km\]=\S/m);
      expect(text).toMatch(/^Comment\[km\]=\S/m);
    }
  });

  it('give dictation Meta+H, in the .desktop file and in kglobalshortcutsrc', () => {
    expect(read('applications/org.koompi.Dictation.desktop')).toMatch(/^X-KDE-Shortcuts=Meta\+H$/m);
    expect(read('plasma/kglobalshortcutsrc')).toMatch(
      /^\[services\]\[org\.koompi\.Dictation\.desktop\]\n_launch=Meta\+H$/m,
    );
  });
});

describe('AppStream metainfo', () => {
  it.skipIf(!has('appstreamcli'))('passes appstreamcli validate --no-net', () => {
    for (const file of metainfoFiles) {
      const r = spawnSync('appstreamcli', ['validate', '--no-net', path.join(pi, 'metainfo', file)], {
        encoding: 'utf8',
      });
      expect({ file, code: r.status, out: r.status === 0 ? '' : r.stdout }).toEqual({ file, code: 0, out: '' });
    }
  });

  it('exists for every app with the .desktop file id, Khmer name and summary, licence and content rating', () => {
    expect(metainfoFiles.sort()).toEqual(APPS.map((a) => `org.koompi.${a}.metainfo.xml`).sort());
    for (const app of APPS) {
      const xml = read(`metainfo/org.koompi.${app}.metainfo.xml`);
      expect(xml).toContain(`<id>org.koompi.${app}</id>`);
      expect(xml).toContain(`<launchable type="desktop-id">org.koompi.${app}.desktop</launchable>`);
      expect(fs.existsSync(path.join(pi, 'applications', `org.koompi.${app}.desktop`))).toBe(true);
      expect(xml).toMatch(/<name xml:lang="km">[^<]*\p{Script=Khmer}/u);
      expect(xml).toMatch(/<summary xml:lang="km">[^<]*\p{Script=Khmer}/u);
      expect(xml).toMatch(/<summary>[A-Za-z]/);
      expect(xml).toContain('<project_license>GPL-3.0-or-later</project_license>');
      expect(xml).toMatch(/<content_rating type="oars-1\.[01]"/);
    }
  });
});

describe('Plasma layout', () => {
  const layout = 'plasma/look-and-feel/org.koompi.desktop/contents/layouts/org.kde.plasma.desktop-layout.js';

  it('parses and pins the five apps in the panel', () => {
    const r = spawnSync(process.execPath, ['--check', path.join(pi, layout)], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const pinned = [...read(layout).matchAll(/'applications:(org\.koompi\.\w+)\.desktop'/g)].map((m) => m[1]);
    expect(pinned).toEqual(APPS.map((a) => `org.koompi.${a}`));
    const meta = JSON.parse(read('plasma/look-and-feel/org.koompi.desktop/metadata.json')) as {
      KPlugin: { Id: string };
    };
    expect(meta.KPlugin.Id).toBe('org.koompi.desktop');
  });
});
