/** Finding a person's files by name, offline. The port; `node/files.ts` walks the disk. */

export interface FoundFile {
  readonly path: string;
  readonly sizeBytes: number;
  readonly modified: Date;
}

export interface FileFinder {
  /**
   * Files under `root` whose name contains every word of `query` (case and
   * accents ignored), most recently modified first, at most `limit`.
   */
  find(query: string, options?: { readonly root?: string; readonly limit?: number }): Promise<FoundFile[]>;
}

/** Splits a query into the words a file name must contain. */
export function queryWords(query: string): string[] {
  return query
    .normalize('NFC')
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w !== '');
}

export function nameMatches(name: string, words: readonly string[]): boolean {
  const lower = name.normalize('NFC').toLowerCase();
  return words.every((w) => lower.includes(w));
}
