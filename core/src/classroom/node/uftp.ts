/**
 * Multicast lessons with uftp (Debian's `uftp`/`uftpd`): the teacher sends once
 * and every student on the segment receives, which is what beats N × size ÷
 * rate on one shared medium (FINDINGS). The receiver runs for the session and
 * accepts only the teacher's server id from the teacher's address (SSM);
 * files land in a temp folder and move
 * in when complete; the signed manifest's hashes decide whether they count.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { startProcess, type RunningProcess } from './process.js';

export interface UftpReceiverOptions {
  readonly dir: string;
  readonly tempDir: string;
  readonly port: number;
  readonly group: string;
  /** Our client id (32-bit, hex with 0x). */
  readonly clientId: string;
  /** Only this server id, sending from this address, is accepted (source-specific multicast). */
  readonly serverId: string;
  readonly serverAddress: string;
  readonly binary?: string;
}

/** Source-specific multicast groups (232/8): with a server list uftpd accepts only these. */
export const UFTP_PUBLIC_GROUP = '232.4.4.1';
const UFTP_PRIVATE_GROUP = '232.5.5.x';

export function startUftpReceiver(options: UftpReceiverOptions): RunningProcess {
  fs.mkdirSync(options.dir, { recursive: true });
  fs.mkdirSync(options.tempDir, { recursive: true });
  const servers = path.join(options.tempDir, '..', 'uftp-servers.txt');
  fs.writeFileSync(servers, `${options.serverId}|${options.serverAddress}\n`);
  return startProcess(options.binary ?? 'uftpd', [
    '-d',
    '-x',
    '1',
    '-p',
    String(options.port),
    '-M',
    options.group,
    '-U',
    options.clientId,
    '-S',
    servers,
    '-D',
    options.dir,
    '-T',
    options.tempDir,
    '-B',
    String(4 * 1024 * 1024),
  ]);
}

export interface UftpSendOptions {
  /** Files (absolute) under `baseDir`; their paths relative to it are kept. */
  readonly files: readonly string[];
  readonly baseDir: string;
  /** Folder name the files land in on each student. */
  readonly destName: string;
  readonly port: number;
  readonly group: string;
  readonly serverId: string;
  /** Students to wait for (closed group); empty for an open group. */
  readonly clients: readonly string[];
  readonly rateKbps: number;
  readonly interfaceAddress?: string;
  readonly binary?: string;
}

export function sendUftp(options: UftpSendOptions): RunningProcess {
  const args = [
    '-x',
    '1',
    '-p',
    String(options.port),
    '-M',
    options.group,
    '-P',
    UFTP_PRIVATE_GROUP,
    '-U',
    options.serverId,
    '-R',
    String(options.rateKbps),
    '-C',
    'none',
    '-B',
    String(4 * 1024 * 1024),
    '-b',
    '1400',
    '-o',
    '-D',
    options.destName,
    '-E',
    options.baseDir,
    ...(options.interfaceAddress ? ['-I', options.interfaceAddress] : []),
    ...(options.clients.length ? ['-H', options.clients.join(',')] : []),
    ...options.files,
  ];
  return startProcess(options.binary ?? 'uftp', args);
}

/** A uftp client or server id from a device id: 32 bits, never zero or all ones. */
export function uftpId(deviceId: string): string {
  const n = crypto.createHash('sha256').update(deviceId).digest().readUInt32BE(0);
  const id = n === 0 || n === 0xffffffff ? 1 : n;
  return `0x${id.toString(16).padStart(8, '0')}`;
}
