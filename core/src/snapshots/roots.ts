// Which root is running, which roots boot next, and which may go: the pure
// rules behind rollback staging (node/boot-staging.ts does the file work).

/** The root the installer makes; koompid never deletes it. */
export const INSTALLED_ROOT = '@';
/** Every staging gets a fresh root `@root-<n>` … */
export const ROOT_PREFIX = '@root-';
/** … and its own boot entry `koompi-root-<n>+3.conf` (`koompi-root-<n>.conf` once blessed). */
export const ROOT_ENTRY_PREFIX = 'koompi-root-';
/** Staged roots of earlier versions of koompid (one `@staged`, entry `koompi-staged*.conf`). */
export const LEGACY_STAGED_ROOT = '@staged';
/**
 * loader.conf `default` while a staged root waits: every KOOMPI entry, so that
 * systemd-boot takes the first in its order (a counted entry with tries left,
 * highest version) and, once that entry has no tries left (it sorts last),
 * the newest good root. An exact default would be booted even with no tries
 * left by systemd-boot before 258, and would never let a staged entry boot.
 */
export const PENDING_DEFAULT = 'koompi*.conf';
/** A sort-key on every entry koompid writes: systemd-boot orders entries with one before those without. */
export const SORT_KEY = 'koompi';

const ROOT_NAME = /^@root-([1-9][0-9]{0,9})$/;
const ROOT_ENTRY = /^koompi-root-([1-9][0-9]{0,9})\.conf$/;
const GENERATION = /\.r([0-9]{1,10})$/;

/**
 * The subvolume mounted at `/` according to /proc/self/mountinfo, relative to
 * the Btrfs top level (`@`, `@root-3`), or undefined when `/` is not a Btrfs
 * subvolume other than the top level. The last mount at `/` wins (it is the
 * one on top); the `subvol=` option names the subvolume, the root field is the
 * fallback (it also holds a directory when `/` is a bind mount inside one).
 */
export function runningSubvolume(mountinfo: string): string | undefined {
  let found: string | undefined | null = null;
  for (const line of mountinfo.split('\n')) {
    const fields = line.trim().split(' ');
    const dash = fields.indexOf('-', 6);
    if (dash < 0 || fields.length < dash + 3) continue;
    if (unescape(fields[4] ?? '') !== '/') continue;
    if (fields[dash + 1] !== 'btrfs') {
      found = undefined;
      continue;
    }
    const options = (fields[dash + 3] ?? '').split(',');
    const subvol = options.find((o) => o.startsWith('subvol='))?.slice('subvol='.length);
    found = normalSubvolume(unescape(subvol ?? fields[3] ?? ''));
  }
  return found ?? undefined;
}

function normalSubvolume(p: string): string | undefined {
  const parts = p.split('/').filter((s) => s !== '');
  if (parts.length === 0 || parts.some((s) => s === '.' || s === '..')) return undefined;
  return parts.join('/');
}

/** mountinfo escapes space, tab, newline and backslash as octal (`\040`). */
function unescape(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}

/**
 * Orders two entry versions the way systemd-boot does for the versions koompid
 * writes (`2026.11.0`, `2026.11.0.r3`): runs of digits compare as numbers, runs
 * of letters as text, digits are newer than letters, and a version that goes
 * on where the other ends is newer. Negative when `a` is older.
 */
export function compareVersions(a: string, b: string): number {
  const ta = a.match(/[0-9]+|[A-Za-z]+/g) ?? [];
  const tb = b.match(/[0-9]+|[A-Za-z]+/g) ?? [];
  for (let i = 0; i < Math.max(ta.length, tb.length); i++) {
    const x = ta[i];
    const y = tb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const dx = /^[0-9]/.test(x);
    const dy = /^[0-9]/.test(y);
    if (dx !== dy) return dx ? 1 : -1;
    const c = dx ? compareDigits(x, y) : x < y ? -1 : x > y ? 1 : 0;
    if (c !== 0) return c;
  }
  return 0;
}

function compareDigits(x: string, y: string): number {
  const a = x.replace(/^0+/, '');
  const b = y.replace(/^0+/, '');
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A KOOMPI boot entry as systemd-boot sees it. */
export interface BootEntry {
  /** The file name in loader/entries/, counter included: `koompi-root-3+2-1.conf`. */
  readonly file: string;
  /** The name without the counter, which the entry gets once blessed: `koompi-root-3.conf`. */
  readonly id: string;
  /** Tries left; undefined when the name has no counter (a good entry). */
  readonly triesLeft?: number;
  readonly triesDone?: number;
  /** The root it boots (`rootflags=subvol=`, without a leading `/`). */
  readonly subvolume?: string;
  readonly version: string;
  readonly sortKey?: string;
}

/** Parses an entry file (name and content); undefined for files that are not KOOMPI entries. */
export function parseBootEntry(file: string, content: string): BootEntry | undefined {
  if (!file.startsWith('koompi') || !file.endsWith('.conf')) return undefined;
  const stem = file.slice(0, -'.conf'.length);
  const m = /^(.*)\+([0-9]+)(?:-([0-9]+))?$/.exec(stem);
  const key = (name: string): string | undefined =>
    new RegExp(`^[ \\t]*${name}[ \\t]+(.+?)[ \\t]*$`, 'm').exec(content)?.[1];
  const options = content
    .split('\n')
    .filter((l) => /^\s*options\s/.test(l))
    .flatMap((l) => l.trim().split(/\s+/).slice(1));
  const rootflags = options.filter((o) => o.startsWith('rootflags=')).pop();
  const subvol = rootflags
    ?.slice('rootflags='.length)
    .split(',')
    .find((f) => f.startsWith('subvol='))
    ?.slice('subvol='.length);
  const subvolume = subvol === undefined ? undefined : normalSubvolume(subvol);
  const sortKey = key('sort-key');
  return {
    file,
    id: m ? `${m[1]}.conf` : file,
    ...(m ? { triesLeft: Number(m[2]), triesDone: Number(m[3] ?? '0') } : {}),
    ...(subvolume ? { subvolume } : {}),
    version: key('version') ?? '',
    ...(sortKey ? { sortKey } : {}),
  };
}

/** good: blessed or never counted; pending: tries left; bad: no tries left (systemd-boot sorts it last). */
export function entryState(entry: BootEntry): 'good' | 'pending' | 'bad' {
  if (entry.triesLeft === undefined) return 'good';
  return entry.triesLeft > 0 ? 'pending' : 'bad';
}

/** systemd-boot's order: bad entries last, entries with a sort-key first (by key), then newest version, then name. */
export function bootOrder(entries: readonly BootEntry[]): BootEntry[] {
  return [...entries].sort((a, b) => {
    const bad = Number(entryState(a) === 'bad') - Number(entryState(b) === 'bad');
    if (bad !== 0) return bad;
    const keyed = Number(!a.sortKey) - Number(!b.sortKey);
    if (keyed !== 0) return keyed;
    if (a.sortKey && b.sortKey) {
      if (a.sortKey !== b.sortKey) return a.sortKey < b.sortKey ? -1 : 1;
      const v = compareVersions(b.version, a.version);
      if (v !== 0) return v;
    }
    return compareVersions(b.id, a.id);
  });
}

/** A staged root koompid made and may delete again (never `@`, never anything else). */
export function isStagedRoot(subvolume: string): boolean {
  return ROOT_NAME.test(subvolume) || subvolume === LEGACY_STAGED_ROOT;
}

/** What the ESP says about the roots, and the root running now. */
export interface RootsView {
  /** KOOMPI entries (parseBootEntry). */
  readonly entries: readonly BootEntry[];
  /** loader.conf's `default`, if any. */
  readonly loaderDefault?: string;
  /** The subvolume running as `/`. */
  readonly running: string;
}

export interface LastGood {
  /** The root that boots when no staged root is waiting (or once it has failed): the promoted one. */
  readonly current?: BootEntry;
  /** The root before it, kept until the next promotion. */
  readonly fallback?: BootEntry;
}

/**
 * The last good root and the one before it. The current one is loader.conf's
 * exact default when that names a good entry (set at promotion), else the
 * good entry systemd-boot puts first; the fallback is the next good entry on
 * another root, in systemd-boot's order.
 */
export function lastGood(view: RootsView): LastGood {
  const good = bootOrder(view.entries).filter((e) => entryState(e) === 'good' && e.subvolume);
  const exact = view.loaderDefault && !/[*?[]/.test(view.loaderDefault) ? view.loaderDefault : undefined;
  const current = good.find((e) => e.file === exact) ?? good[0];
  const fallback = good.find((e) => e !== current && e.subvolume !== current?.subvolume);
  return { ...(current ? { current } : {}), ...(fallback ? { fallback } : {}) };
}

/** The blessed entry of the running root: it is the one that booted and was kept. */
export function runningEntry(view: RootsView): BootEntry | undefined {
  const mine = view.entries.filter((e) => e.subvolume === view.running);
  return (
    mine.find((e) => entryState(e) === 'good' && e.file === view.loaderDefault) ??
    bootOrder(mine).find((e) => entryState(e) === 'good')
  );
}

export interface Promotion {
  /** loader.conf's new `default`: the running root's entry. */
  readonly default: string;
  readonly entry: BootEntry;
  /** A version above every other entry's when the promoted entry's is not (it was chosen by hand in the menu). */
  readonly version?: string;
}

/**
 * Promotion: when the root running was booted from a blessed entry (boot
 * assessment passed and systemd-bless-boot dropped the counter) and is not the
 * default yet, its entry becomes loader.conf's `default`; the root that was
 * current becomes the fallback. A root still being assessed is not promoted.
 */
export function promotion(view: RootsView): Promotion | undefined {
  const entry = runningEntry(view);
  if (!entry || view.loaderDefault === entry.file) return undefined;
  // A root staged while this one was being assessed must still boot first: an
  // exact default would hide it. Its own boot promotes it, or this one once it has failed.
  if (view.entries.some((e) => entryState(e) === 'pending')) return undefined;
  const others = view.entries.filter((e) => e !== entry && entryState(e) === 'good');
  const behind = !entry.sortKey || others.some((e) => compareVersions(e.version, entry.version) >= 0);
  return { default: entry.file, entry, ...(behind ? { version: nextVersion(view.entries) } : {}) };
}

/**
 * A version above every KOOMPI entry's: the highest base version (without
 * koompid's `.r<n>` suffix) with the next generation, e.g. `2026.11.0.r4`.
 */
export function nextVersion(entries: readonly BootEntry[]): string {
  let base = '';
  let generation = 0;
  for (const e of entries) {
    const m = GENERATION.exec(e.version);
    if (m) generation = Math.max(generation, Number(m[1]));
    const b = m ? e.version.slice(0, m.index) : e.version;
    if (b && (base === '' || compareVersions(b, base) > 0)) base = b;
  }
  return `${base || '0'}.r${generation + 1}`;
}

/** The number of the next staged root: above every `@root-<n>` and `koompi-root-<n>` there is or was half-made. */
export function nextRootNumber(subvolumes: readonly string[], entries: readonly BootEntry[]): number {
  let n = 0;
  for (const s of subvolumes) {
    const m = ROOT_NAME.exec(s.replace(/^\.(.*)\.partial$/, '$1'));
    if (m) n = Math.max(n, Number(m[1]));
  }
  for (const e of entries) {
    const m = ROOT_ENTRY.exec(e.id);
    if (m) n = Math.max(n, Number(m[1]));
  }
  return n + 1;
}

export interface Cleanup {
  /** Entry files to remove (before their subvolumes, so no entry ever names a missing root). */
  readonly entries: string[];
  readonly subvolumes: string[];
}

/**
 * Staged roots that may go: neither running, nor current, nor the fallback,
 * nor in `keep` (the root just staged). `@` and anything koompid did not make
 * stay; so does the running root's entry, whatever it is named.
 */
export function cleanup(view: RootsView, subvolumes: readonly string[], keep: readonly string[]): Cleanup {
  const { current, fallback } = lastGood(view);
  const kept = new Set([view.running, ...keep]);
  if (current?.subvolume) kept.add(current.subvolume);
  if (fallback?.subvolume) kept.add(fallback.subvolume);
  const entries = view.entries
    .filter((e) => {
      const root = e.subvolume ?? '';
      const ours =
        isStagedRoot(root) ||
        (!e.subvolume && (e.id.startsWith(ROOT_ENTRY_PREFIX) || e.id.startsWith('koompi-staged')));
      return ours && !kept.has(root);
    })
    .map((e) => e.file);
  return { entries, subvolumes: subvolumes.filter((s) => isStagedRoot(s) && !kept.has(s)) };
}

/** loader.conf with `default` set to `value` (the other settings kept). */
export function withLoaderDefault(loaderConf: string, value: string): string {
  const lines = loaderConf.split('\n').filter((l, i, all) => !(l === '' && i === all.length - 1));
  const out: string[] = [];
  let set = false;
  for (const line of lines) {
    if (/^\s*default(\s|$)/.test(line)) {
      if (!set) out.push(`default ${value}`);
      set = true;
      continue;
    }
    out.push(line);
  }
  if (!set) out.push(`default ${value}`);
  return out.join('\n') + '\n';
}

/** loader.conf's `default` value, if set. */
export function loaderDefault(loaderConf: string): string | undefined {
  return /^\s*default\s+(\S+)\s*$/m.exec(loaderConf)?.[1];
}
