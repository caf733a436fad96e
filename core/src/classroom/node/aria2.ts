/**
 * aria2 as the swarming engine for lessons: the teacher seeds, every student
 * downloads and seeds what it has to the others. Settings measured here
 * (FINDINGS): private torrent, the teacher's own tracker, DHT/LPD/PEX off,
 * seed until stopped, the teacher seeds without re-hashing. Measured for this
 * project: no peer limit and a 2 s tracker interval took 10 students × 100 MB
 * on 50 Mbit/s links from 2.0× to 1.7× size ÷ rate (a late student no longer
 * waits for the next announce to find its classmates); 128 KiB pieces did not help. Progress and
 * completion come from aria2's JSON-RPC on loopback (with a secret). The
 * secret is never on aria2's command line (/proc/<pid>/cmdline is readable by
 * every user): it is in a private option file (`--conf-path`, mode 0600 in a
 * 0700 folder) that is removed once aria2 has read it.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EngineError, freePort, sleep, startProcess, type RunningProcess } from './process.js';

export interface Aria2Options {
  readonly torrentFile: string;
  /** Where the torrent's content is (seeder) or goes (downloader). */
  readonly dir: string;
  /** Tracker URL to use instead of the one in the torrent (the teacher's address as this device sees it). */
  readonly tracker: string;
  readonly seed: boolean;
  readonly listenPort?: number;
  readonly binary?: string;
  /** The IP address peers should reach us at, where it differs from what the tracker sees. */
  readonly externalIp?: string;
}

export interface Aria2Status {
  readonly completed: number;
  readonly total: number;
  /** True once every piece is here (for a seeder from the start). */
  readonly done: boolean;
  readonly uploaded: number;
  readonly connections: number;
  readonly error?: string;
}

export interface Aria2Transfer {
  readonly pid: number;
  status(): Promise<Aria2Status>;
  /** Resolves when the download is complete (it keeps seeding until stopped). */
  waitDone(pollMs?: number): Promise<void>;
  stop(): Promise<void>;
}

const COMMON = [
  '--enable-dht=false',
  '--enable-dht6=false',
  '--bt-enable-lpd=false',
  '--enable-peer-exchange=false',
  '--seed-ratio=0.0',
  '--bt-tracker-interval=2',
  '--bt-max-peers=0',
  '--bt-request-peer-speed-limit=100M',
  '--file-allocation=none',
  '--follow-torrent=false',
  '--console-log-level=warn',
  '--summary-interval=0',
  '--show-console-readout=false',
  '--auto-save-interval=1',
  '--disable-ipv6=true',
  '--bt-detach-seed-only=true',
  '--max-overall-upload-limit=0',
];

export async function startAria2(options: Aria2Options): Promise<Aria2Transfer> {
  const rpcPort = await freePort();
  const secret = crypto.randomBytes(16).toString('hex');
  const confDir = fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-aria2-')); // mode 0700
  const confFile = path.join(confDir, 'aria2.conf');
  fs.writeFileSync(confFile, `rpc-secret=${secret}\n`, { mode: 0o600 });
  const forget = (): void => fs.rmSync(confDir, { recursive: true, force: true });
  const args = [
    `--conf-path=${confFile}`,
    ...COMMON,
    '--enable-rpc=true',
    '--rpc-listen-all=false',
    `--rpc-listen-port=${rpcPort}`,
    `--dir=${options.dir}`,
    `--bt-tracker=${options.tracker}`,
    '--bt-exclude-tracker=*',
    `--listen-port=${options.listenPort ?? 6881}`,
    ...(options.externalIp ? [`--bt-external-ip=${options.externalIp}`] : []),
    ...(options.seed ? ['--bt-seed-unverified=true', '--check-integrity=false'] : ['--check-integrity=true']),
    '--',
    options.torrentFile,
  ];
  let proc: RunningProcess;
  try {
    proc = startProcess(options.binary ?? 'aria2c', args);
  } catch (error) {
    forget();
    throw error;
  }
  const call = async (method: string, params: unknown[] = []): Promise<unknown> => {
    const res = await fetch(`http://127.0.0.1:${rpcPort}/jsonrpc`, {
      method: 'POST',
      body: JSON.stringify({ jsonrpc: '2.0', id: '1', method, params: [`token:${secret}`, ...params] }),
      signal: AbortSignal.timeout(5000),
    });
    const body = (await res.json()) as { result?: unknown; error?: { message: string } };
    if (body.error) throw new EngineError(`aria2 ${method}: ${body.error.message}`);
    return body.result;
  };
  let exited = false;
  void proc.exited.then(() => {
    exited = true;
  });

  const status = async (): Promise<Aria2Status> => {
    if (exited)
      return { completed: 0, total: 0, done: false, uploaded: 0, connections: 0, error: proc.output().slice(-500) };
    const list = (await call('aria2.tellActive', [
      ['completedLength', 'totalLength', 'uploadLength', 'connections', 'seeder', 'status'],
    ])) as Array<Record<string, string>>;
    const first = list[0];
    if (!first) return { completed: 0, total: 0, done: false, uploaded: 0, connections: 0 };
    const completed = Number(first['completedLength']);
    const total = Number(first['totalLength']);
    return {
      completed,
      total,
      done: first['seeder'] === 'true' || (total > 0 && completed === total),
      uploaded: Number(first['uploadLength']),
      connections: Number(first['connections']),
    };
  };

  // Wait for the RPC port: aria2 starts in a few ms.
  for (let i = 0; ; i++) {
    try {
      await call('aria2.getVersion');
      forget(); // read: the secret now lives only in aria2 and here
      break;
    } catch (error) {
      if (exited || i > 100) {
        forget();
        await proc.stop();
        throw new EngineError(`aria2 did not start: ${proc.output().slice(-500)}`, { cause: error });
      }
      await sleep(50);
    }
  }

  return {
    pid: proc.pid,
    status,
    async waitDone(pollMs = 200) {
      for (;;) {
        let s: Aria2Status | undefined;
        try {
          s = await status();
        } catch {
          // aria2 busy: ask again.
        }
        if (s?.done) return;
        if (exited) throw new EngineError(`aria2 stopped before the lesson was complete: ${proc.output().slice(-500)}`);
        await sleep(pollMs);
      }
    },
    stop: () => {
      forget();
      return proc.stop();
    },
  };
}
