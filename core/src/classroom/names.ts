/**
 * What a file name from another device may look like before it touches our
 * disk: relative, no `..`, no control or bidi-override characters, no
 * Syncthing-internal names, within Linux's limits. Also the display form of a
 * name a peer chose (a student's name, a lesson title).
 */
import { utf8 } from './bytes.js';

export type PathRefusal = 'empty' | 'absolute' | 'traversal' | 'control-characters' | 'too-long' | 'reserved';

export type PathCheck = { kind: 'ok'; path: string } | { kind: 'refused'; reason: PathRefusal };

// C0, DEL, C1, and the bidi controls that make a name read differently than it is stored.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;
const RESERVED = /^(\.stfolder|\.stignore|\.stversions|\.stkeep|\.syncthing\..*|~syncthing~.*|\.aria2.*)$/;

/** Checks a `/`-separated path relative to a folder. Backslashes are refused too. */
export function checkRelativePath(path: string): PathCheck {
  if (path.length === 0) return { kind: 'refused', reason: 'empty' };
  if (CONTROL.test(path)) return { kind: 'refused', reason: 'control-characters' };
  if (path.startsWith('/') || path.startsWith('\\') || /^[A-Za-z]:/.test(path))
    return { kind: 'refused', reason: 'absolute' };
  if (path.includes('\\')) return { kind: 'refused', reason: 'traversal' };
  const parts = path.split('/');
  for (const part of parts) {
    if (part === '..') return { kind: 'refused', reason: 'traversal' };
    if (part === '' || part === '.') return { kind: 'refused', reason: 'empty' };
    if (utf8(part).length > 255) return { kind: 'refused', reason: 'too-long' };
    if (RESERVED.test(part)) return { kind: 'refused', reason: 'reserved' };
  }
  if (utf8(path).length > 1024) return { kind: 'refused', reason: 'too-long' };
  return { kind: 'ok', path: path.normalize('NFC') };
}

/**
 * A peer-chosen name fit for display: control characters dropped, whitespace
 * collapsed, cut to `max` characters (whole code points). Empty stays empty.
 */
export function displayName(raw: string, max = 60): string {
  const cleaned = raw.replace(new RegExp(CONTROL.source, 'g'), '').replace(/\s+/g, ' ').trim();
  return Array.from(cleaned).slice(0, max).join('');
}

/** True when a one-segment name is safe as a folder name (for a student's submissions folder). */
export function isSafeSegment(name: string): boolean {
  return !name.includes('/') && checkRelativePath(name).kind === 'ok';
}

/**
 * Syncthing ignore patterns that let through exactly the given files and ignore
 * everything else. Syncthing applies the first matching pattern, and a pattern
 * also covers a folder's contents, so parents are not listed (the puller
 * creates them); `\` escapes glob characters on Linux.
 */
export function syncthingAllowList(paths: readonly string[]): string {
  const escape = (p: string): string => p.replace(/[\\*?[\]{}]/g, (c) => `\\${c}`);
  return [...new Set(paths.map((p) => `!/${escape(p)}`)), '*', ''].join('\n');
}
