// aria2's RPC secret is never on its command line (/proc/<pid>/cmdline is
// world-readable): a classmate logged in on the same machine can't take over
// the download.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startAria2 } from './aria2.js';
import { freePort } from './process.js';
import { makeTorrent } from './torrent.js';

const hasAria2 = spawnSync('aria2c', ['--version']).status === 0;

describe.skipIf(!hasAria2)('aria2', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-aria2-test-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('keeps its RPC secret off argv, and the RPC refuses a call without it', async () => {
    const file = path.join(root, 'lesson.txt');
    fs.writeFileSync(file, 'សួស្តី\n'.repeat(1000));
    const made = await makeTorrent(
      'lesson.txt',
      [{ path: 'lesson.txt', absolute: file, size: fs.statSync(file).size }],
      'http://127.0.0.1:1/announce',
    );
    const torrentFile = path.join(root, 'lesson.torrent');
    fs.writeFileSync(torrentFile, made.torrent);
    const tmpBefore = new Set(fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('koompi-aria2-')));
    const transfer = await startAria2({
      torrentFile,
      dir: root,
      tracker: 'http://127.0.0.1:1/announce',
      seed: true,
      listenPort: await freePort(),
    });
    try {
      const argv = fs.readFileSync(`/proc/${transfer.pid}/cmdline`, 'utf8').split('\0');
      expect(argv.some((a) => /secret/i.test(a))).toBe(false);
      // The option file that carried it is gone once aria2 has read it.
      const conf = argv.find((a) => a.startsWith('--conf-path='))!.slice('--conf-path='.length);
      expect(fs.existsSync(conf)).toBe(false);
      const now = fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('koompi-aria2-') && !tmpBefore.has(n));
      expect(now).toEqual([]);
      // A secret is in force all the same: with it the transfer answers, without it aria2 refuses.
      expect((await transfer.status()).total).toBe(fs.statSync(file).size);
      const port = argv.find((a) => a.startsWith('--rpc-listen-port='))!.split('=')[1];
      const res = await fetch(`http://127.0.0.1:${port}/jsonrpc`, {
        method: 'POST',
        body: JSON.stringify({ jsonrpc: '2.0', id: '1', method: 'aria2.tellActive', params: [] }),
      });
      expect(((await res.json()) as { error?: { message: string } }).error?.message).toMatch(/Unauthorized/);
    } finally {
      await transfer.stop();
    }
  });
});
