/**
 * What a file on disk is now, as one string (modification time, size,
 * inode): the office apps keep it when they open or save a file and compare
 * before saving over it, so a file another program changed meanwhile is
 * never replaced without asking. Undefined when the file is gone.
 */
import fs from 'node:fs';

export function fileStamp(file: string): string | undefined {
  try {
    const st = fs.statSync(file);
    return `${st.mtimeMs}:${st.size}:${st.ino}`;
  } catch {
    return undefined;
  }
}
