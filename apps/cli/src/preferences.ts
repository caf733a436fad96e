/**
 * The person's KOOMPI preferences file, `~/.config/koompi/preferences.json`
 * (`$XDG_CONFIG_HOME` honoured). `koompi lang` writes its `language` key and
 * keeps every other key (`digits`, …) as it was.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface PreferencesStore {
  readonly file: string;
  read(): Record<string, unknown>;
  /** Sets one key, keeping the others; creates the folder and file when needed. */
  set(key: string, value: unknown): void;
}

export function preferencesFile(env: Readonly<Record<string, string | undefined>>): string {
  const configHome = env['XDG_CONFIG_HOME'] || path.join(env['HOME'] || os.homedir(), '.config');
  return path.join(configHome, 'koompi', 'preferences.json');
}

export function createPreferencesStore(file: string): PreferencesStore {
  const read = (): Record<string, unknown> => {
    try {
      const value = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
      return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  };
  return {
    file,
    read,
    set(key, value) {
      const next = { ...read(), [key]: value };
      fs.mkdirSync(path.dirname(file), { recursive: true });
      // Write beside, then rename: a crash never leaves half a file.
      const temp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(temp, `${JSON.stringify(next, null, 2)}\n`);
      fs.renameSync(temp, file);
    },
  };
}
