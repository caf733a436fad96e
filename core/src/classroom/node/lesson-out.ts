/**
 * A lesson leaving the teacher: its manifest (every file hashed, every name
 * checked) and the two engines that need setting up before students are told,
 * the BitTorrent seeder (with the torrent registered at the teacher's tracker)
 * and the uftp multicast sender.
 */
import path from 'node:path';
import { toBase64Url } from '../bytes.js';
import type { LessonTransport, ManifestFile } from '../lessons.js';
import { checkRelativePath } from '../names.js';
import { startAria2, type Aria2Transfer } from './aria2.js';
import { freePort, type RunningProcess } from './process.js';
import { sha256File, writeDurable } from './store.js';
import { listLessonFiles, makeTorrent, type TorrentFile } from './torrent.js';
import type { TrackerHandler } from './tracker.js';
import { sendUftp } from './uftp.js';

export class ShareError extends Error {
  override readonly name = 'ShareError';
}

export interface PreparedLesson {
  /** The file or folder's own name: what the lesson's files sit under. */
  readonly name: string;
  /** Its parent folder (where the seeder and the sender read from). */
  readonly baseDir: string;
  readonly files: readonly TorrentFile[];
  readonly manifest: readonly ManifestFile[];
  /** Absolute file on the teacher's disk, by manifest path. */
  readonly sources: Readonly<Record<string, string>>;
  readonly bytes: number;
}

export async function prepareLesson(source: string): Promise<PreparedLesson> {
  const abs = path.resolve(source);
  const { name, files } = listLessonFiles(abs);
  if (files.length === 0) throw new ShareError(`nothing to share in ${abs}`);
  const manifest: ManifestFile[] = [];
  const sources: Record<string, string> = {};
  for (const f of files) {
    const check = checkRelativePath(f.path);
    if (check.kind !== 'ok') throw new ShareError(`cannot share ${f.path}: ${check.reason}`);
    manifest.push({ path: f.path, size: f.size, sha256: await sha256File(f.absolute) });
    sources[f.path] = f.absolute;
  }
  return {
    name,
    baseDir: path.dirname(abs),
    files,
    manifest,
    sources,
    bytes: manifest.reduce((n, f) => n + f.size, 0),
  };
}

export interface TorrentSeedOptions {
  readonly lesson: PreparedLesson;
  readonly shareId: string;
  readonly torrentDir: string;
  readonly tracker: TrackerHandler;
  /** The teacher's control port, where the tracker answers. */
  readonly port: number;
  readonly trackerToken: string;
  readonly aria2?: string | false;
  readonly torrentPort?: number;
}

export async function startTorrentSeed(
  options: TorrentSeedOptions,
): Promise<{ transport: LessonTransport; seeder: Aria2Transfer }> {
  // Our own seeder announces over loopback; the tracker gives students the address they reached us at.
  const announce = `http://127.0.0.1:${options.port}/announce/${options.trackerToken}`;
  const made = await makeTorrent(options.lesson.name, options.lesson.files, announce);
  const torrentFile = path.join(options.torrentDir, `${options.shareId}.torrent`);
  writeDurable(torrentFile, made.torrent, 0o644);
  options.tracker.register(made.infoHash);
  const seeder = await startAria2({
    torrentFile,
    dir: options.lesson.baseDir,
    tracker: announce,
    seed: true,
    listenPort: options.torrentPort ?? (await freePort('0.0.0.0')),
    ...(typeof options.aria2 === 'string' ? { binary: options.aria2 } : {}),
  });
  return { transport: { kind: 'torrent', torrent: toBase64Url(made.torrent), token: options.trackerToken }, seeder };
}

export interface MulticastConfig {
  readonly group: string;
  readonly port: number;
  readonly binary?: string;
  readonly interfaceAddress?: string;
}

/** Sends the lesson once to the students' uftp ids, at 92% of the link rate (what uftp kept up without loss here). */
export function startMulticastSend(
  lesson: PreparedLesson,
  shareId: string,
  mc: MulticastConfig,
  serverId: string,
  clients: readonly string[],
  linkBitsPerSecond: number,
): RunningProcess {
  return sendUftp({
    files: lesson.files.map((f) => f.absolute),
    baseDir: lesson.baseDir,
    destName: shareId,
    port: mc.port,
    group: mc.group,
    serverId,
    clients,
    rateKbps: Math.floor((linkBitsPerSecond / 1000) * 0.92),
    ...(mc.interfaceAddress ? { interfaceAddress: mc.interfaceAddress } : {}),
    ...(mc.binary ? { binary: mc.binary } : {}),
  });
}
