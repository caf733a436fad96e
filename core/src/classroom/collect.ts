/**
 * Which of a student's announced files the teacher lets in: checked names,
 * a size limit per file and a quota per student. Pure: the collector feeds it
 * what Syncthing's global index says the student has.
 */
import { checkRelativePath, displayName, type PathRefusal } from './names.js';

export interface SubmissionLimits {
  /** Largest single file taken from a student. */
  readonly maxFileBytes: number;
  /** Most a student may have in their Submit folder in all. */
  readonly maxStudentBytes: number;
  /** Most files taken from one student's folder; empty files count like any other. */
  readonly maxStudentFiles: number;
  /** Most versions of one file kept from one student (a file sent again with new content is a new version). */
  readonly maxVersions: number;
}

export const DEFAULT_LIMITS: SubmissionLimits = {
  maxFileBytes: 200 * 1024 * 1024,
  maxStudentBytes: 1024 * 1024 * 1024,
  maxStudentFiles: 500,
  maxVersions: 10,
};

export type SubmissionRefusal = PathRefusal | 'too-large' | 'over-quota' | 'too-many-files' | 'too-many-versions';

export interface RefusedFile {
  /** The name as announced, cleaned for display. */
  readonly path: string;
  readonly reason: SubmissionRefusal;
}

/**
 * Files are taken in name order until the quota (bytes, then files) is used,
 * so the outcome does not depend on announce order. An empty file takes one
 * of the student's files like any other: thousands of them are refused too.
 */
export function vetSubmissions(
  files: ReadonlyArray<{ readonly path: string; readonly size: number }>,
  limits: SubmissionLimits,
): { allowed: string[]; refused: RefusedFile[] } {
  const allowed: string[] = [];
  const refused: RefusedFile[] = [];
  let total = 0;
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const check = checkRelativePath(f.path);
    if (check.kind !== 'ok') refused.push({ path: displayName(f.path, 120), reason: check.reason });
    else if (f.size > limits.maxFileBytes) refused.push({ path: f.path, reason: 'too-large' });
    else if (total + f.size > limits.maxStudentBytes) refused.push({ path: f.path, reason: 'over-quota' });
    else if (allowed.length >= limits.maxStudentFiles) refused.push({ path: f.path, reason: 'too-many-files' });
    else {
      total += f.size;
      allowed.push(f.path);
    }
  }
  return { allowed, refused };
}
