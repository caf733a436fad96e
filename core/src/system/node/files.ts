/**
 * Finds files by name under a folder (the person's home by default), skipping
 * hidden folders and stopping after a fixed number of entries so a search never
 * hangs on a huge disk.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { nameMatches, queryWords, type FileFinder, type FoundFile } from '../files.js';

export interface DiskFileFinderOptions {
  readonly home?: string;
  /** Entries looked at, at most, per search. */
  readonly budget?: number;
}

export function createDiskFileFinder(options: DiskFileFinderOptions = {}): FileFinder {
  const budget = options.budget ?? 50_000;
  return {
    async find(query, { root, limit = 20 } = {}) {
      const words = queryWords(query);
      if (words.length === 0) return [];
      const found: FoundFile[] = [];
      const queue = [root ?? options.home ?? os.homedir()];
      let seen = 0;
      while (queue.length > 0 && seen < budget) {
        const dir = queue.shift()!;
        let entries: fs.Dirent[];
        try {
          entries = await fs.promises.readdir(dir, { withFileTypes: true });
        } catch {
          continue;
        }
        for (const entry of entries) {
          seen++;
          if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
          const full = path.join(dir, entry.name);
          if (entry.isDirectory()) queue.push(full);
          else if (entry.isFile() && nameMatches(entry.name, words)) {
            try {
              const stat = await fs.promises.stat(full);
              found.push({ path: full, sizeBytes: stat.size, modified: stat.mtime });
            } catch {
              // Gone or unreadable between listing and stat: skip it.
            }
          }
        }
      }
      return found.sort((a, b) => b.modified.getTime() - a.modified.getTime()).slice(0, limit);
    },
  };
}
