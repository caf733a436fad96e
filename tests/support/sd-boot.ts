// A stand-in for systemd-boot and systemd-bless-boot over an ESP directory,
// for tests of the entries koompid writes (the boot loader itself is the qemu
// boot test's part: iso/boot-test). Its rules, from systemd-boot's manual and
// the Boot Loader Specification: entries with no tries left sort last, entries
// with a sort-key before those without (by key), then the newest version, then
// the file name; loader.conf's `default` glob picks the first match in that
// order (an exact name is booted even with no tries left, as before systemd
// 258); booting a counted entry counts it down (+3 → +2-1 → +1-2 → +0-3);
// blessing drops the counter.
import fs from 'node:fs';
import path from 'node:path';
import { compareVersions } from '@koompi/core';

interface Entry {
  readonly file: string;
  readonly left?: number;
  readonly done: number;
  readonly base: string;
  readonly version: string;
  readonly sortKey?: string;
  readonly subvolume: string;
}

function read(esp: string): Entry[] {
  const dir = path.join(esp, 'loader', 'entries');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.conf'))
    .map((file) => {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      const m = /^(.*)\+(\d+)(?:-(\d+))?\.conf$/.exec(file);
      const sortKey = /^sort-key\s+(\S+)/m.exec(text)?.[1];
      return {
        file,
        ...(m ? { left: Number(m[2]) } : {}),
        done: Number(m?.[3] ?? 0),
        base: m ? m[1]! : file.slice(0, -5),
        version: /^version\s+(\S+)/m.exec(text)?.[1] ?? '',
        ...(sortKey ? { sortKey } : {}),
        subvolume: (/rootflags=(?:\S*,)?subvol=\/?([^,\s]+)/.exec(text)?.[1] ?? '').replace(/^\//, ''),
      };
    });
}

function order(entries: Entry[]): Entry[] {
  return [...entries].sort(
    (a, b) =>
      Number(a.left === 0) - Number(b.left === 0) ||
      Number(!a.sortKey) - Number(!b.sortKey) ||
      (a.sortKey && b.sortKey ? a.sortKey.localeCompare(b.sortKey) || compareVersions(b.version, a.version) : 0) ||
      compareVersions(b.file, a.file),
  );
}

function glob(pattern: string): RegExp {
  const re = pattern
    .replace(/[.+^${}()|\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${re}$`);
}

export interface Booted {
  /** The entry file after counting down, e.g. `koompi-root-1+2-1.conf`. */
  readonly entry: string;
  readonly subvolume: string;
}

/** One power-on: the entry systemd-boot picks, counted down as it does before booting it. */
export function boot(esp: string): Booted {
  const entries = order(read(esp));
  const conf = fs.readFileSync(path.join(esp, 'loader', 'loader.conf'), 'utf8');
  const def = /^default\s+(\S+)/m.exec(conf)?.[1];
  const chosen = (def ? entries.find((e) => glob(def).test(e.file)) : undefined) ?? entries[0];
  if (!chosen) throw new Error('no boot entry');
  let file = chosen.file;
  if (chosen.left !== undefined && chosen.left > 0) {
    file = `${chosen.base}+${chosen.left - 1}-${chosen.done + 1}.conf`;
    fs.renameSync(path.join(esp, 'loader', 'entries', chosen.file), path.join(esp, 'loader', 'entries', file));
  }
  return { entry: file, subvolume: chosen.subvolume };
}

/** systemd-bless-boot after boot-complete.target: the counter leaves the name. Returns the new name. */
export function bless(esp: string, entry: string): string {
  const good = entry.replace(/\+\d+(-\d+)?\.conf$/, '.conf');
  if (good !== entry)
    fs.renameSync(path.join(esp, 'loader', 'entries', entry), path.join(esp, 'loader', 'entries', good));
  return good;
}

/** A mount table whose `/` is `subvolume` on `device`: what the kernel shows after booting that root. */
export function mountinfo(subvolume: string, device = '/dev/sda2'): string {
  return (
    `20 1 0:31 /${subvolume} / ro,noatime shared:1 - btrfs ${device} ro,space_cache=v2,subvol=/${subvolume}\n` +
    `21 20 0:32 /@home /home rw,noatime shared:2 - btrfs ${device} rw,subvol=/@home\n`
  );
}
