// The office apps' .desktop files: desktop-file-validate (desktop-file-utils)
// reports nothing, not even a hint; each names its app in Khmer, starts the
// bin its package declares, and uses the reverse-DNS id the window uses.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/qt-env.js';

const APPS = ['Write', 'Present', 'Calculate'] as const;
const file = (app: string) => path.join(repoRoot, 'plasma-integration', 'applications', `org.koompi.${app}.desktop`);

function entries(app: string): Map<string, string> {
  const lines = fs.readFileSync(file(app), 'utf8').split('\n');
  return new Map(
    lines.filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
}

describe('office .desktop files', () => {
  it('pass desktop-file-validate with no errors, warnings or hints', () => {
    const r = spawnSync('desktop-file-validate', APPS.map(file), { encoding: 'utf8' });
    if (r.error) throw new Error(`desktop-file-validate: ${r.error.message} (Debian: desktop-file-utils)`);
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it.each(APPS)(
    'org.koompi.%s: Khmer name, comment and keywords; the package bin with %%F and the types it opens; the window id',
    (app) => {
      const e = entries(app);
      const lower = app.toLowerCase();
      for (const key of ['Name[km]', 'Comment[km]', 'Keywords[km]']) expect(e.get(key)).toMatch(/[\u1780-\u17FF]/);
      const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'apps', lower, 'package.json'), 'utf8')) as {
        bin: Record<string, string>;
      };
      // the files Dolphin opens with it (issue 16) come as arguments
      expect(e.get('Exec')).toBe(`${Object.keys(pkg.bin)[0]} %F`);
      expect(e.get('MimeType')).toMatch(/^([\w.+-]+\/[\w.+-]+;)+$/);
      expect(e.get('Icon')).toBe(`org.koompi.${app}`);
      const window = fs.readFileSync(path.join(repoRoot, 'apps', lower, 'src', 'ui', `${lower}-window.ts`), 'utf8');
      expect(window).toContain(`setObjectName('org.koompi.${app}')`);
    },
  );
});
