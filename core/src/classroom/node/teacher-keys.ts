/**
 * Teacher keys provisioned by the school: a roster file on each student
 * machine (`/etc/koompi/classroom/teachers`, carried by the image or put
 * there by the admin), one base64url Ed25519 public key a line, `#` starts a
 * comment. A student joins a teacher whose key is listed without typing its
 * fingerprint. The file counts only when it and its folder belong to root
 * and nobody else may write them; otherwise it is ignored (and logged), so a
 * student cannot add a classmate's key.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fromBase64Url } from '../bytes.js';

export const DEFAULT_TEACHER_ROSTER = '/etc/koompi/classroom/teachers';

export type TeacherRoster =
  { kind: 'ok'; keys: ReadonlySet<string> } | { kind: 'absent' } | { kind: 'untrusted'; reason: string };

function trusted(st: fs.Stats, owner: number): string | undefined {
  if (st.uid !== owner) return `owned by uid ${st.uid}`;
  if ((st.mode & 0o022) !== 0) return `writable by others (mode ${(st.mode & 0o777).toString(8)})`;
  return undefined;
}

/** Reads the roster; `owner` is the uid that must own it (root; tests pass their own). */
export function readTeacherRoster(file = DEFAULT_TEACHER_ROSTER, owner = 0): TeacherRoster {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'absent' };
    return { kind: 'untrusted', reason: `cannot open ${file}: ${code ?? String(error)}` };
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) return { kind: 'untrusted', reason: `${file} is not a file` };
    const fileProblem = trusted(st, owner);
    if (fileProblem) return { kind: 'untrusted', reason: `${file} ${fileProblem}` };
    const dirProblem = trusted(fs.statSync(path.dirname(file)), owner);
    if (dirProblem) return { kind: 'untrusted', reason: `${path.dirname(file)} ${dirProblem}` };
    const keys = new Set<string>();
    for (const line of fs.readFileSync(fd, 'utf8').split('\n')) {
      const word = line.replace(/#.*/, '').trim();
      const key = word ? fromBase64Url(word) : undefined;
      if (key?.length === 32) keys.add(word);
    }
    return { kind: 'ok', keys };
  } finally {
    fs.closeSync(fd);
  }
}
