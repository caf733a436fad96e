/**
 * Lessons in, the student's side: an offer is fetched once, by the transport
 * the teacher chose (HTTP; the class swarm with aria2, seeding on for the
 * classmates; multicast with the uftpd receiver, completed over HTTP when it
 * stalls), checked against the signed manifest (`lesson-in.ts`) and reported
 * to the teacher as `arrived`, verified or not.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fromBase64Url } from '../bytes.js';
import type { LessonOffer } from '../lessons.js';
import type { ReceivedLesson } from '../student-state.js';
import { startAria2, type Aria2Transfer } from './aria2.js';
import { lessonToken } from './channel.js';
import { LessonError, fetchOverHttp, verifyAndPlace, waitForFiles } from './lesson-in.js';
import { freePort, type RunningProcess } from './process.js';
import { hostFor } from './store.js';
import type { StudentContext } from './student-context.js';
import { startUftpReceiver, uftpId } from './uftp.js';

/** A finished swarm download keeps seeding this long for the classmates still downloading. */
const SEED_AFTER_MS = 15 * 60_000;

export class LessonReceiver {
  private readonly transfers = new Map<string, Promise<void>>();
  private readonly seeding = new Set<Aria2Transfer>();
  /** Offers whose fetch failed: tried again when the teacher is seen at a new address or offers them again. */
  private readonly failed = new Map<string, LessonOffer>();
  private uftpd?: RunningProcess;

  constructor(private readonly ctx: StudentContext) {}

  receive(offer: LessonOffer): void {
    const { ctx } = this;
    ctx.log(`offered ${offer.share} (${offer.transport.kind})`);
    if (ctx.state.lessons.some((l) => l.share === offer.share)) {
      void ctx.queue({ kind: 'arrived', share: offer.share, verified: true, problem: '' });
      return;
    }
    if (this.transfers.has(offer.share)) return;
    this.failed.delete(offer.share);
    const started = this.fetchLesson(offer)
      .then(async (lesson) => {
        ctx.state.lessons = [...ctx.state.lessons, lesson];
        ctx.save();
        ctx.emit('lesson', lesson);
        await ctx.queue({ kind: 'arrived', share: offer.share, verified: true, problem: '' });
      })
      .catch(async (error: unknown) => {
        ctx.log(`lesson ${offer.share} failed: ${String(error)}`);
        if (!ctx.closed()) this.failed.set(offer.share, offer);
        await ctx.queue({
          kind: 'arrived',
          share: offer.share,
          verified: false,
          problem: String(error).slice(0, 400),
        });
      })
      .finally(() => this.transfers.delete(offer.share));
    this.transfers.set(offer.share, started);
  }

  /** The teacher announced a new address (signed): fetch again what failed. */
  teacherMoved(): void {
    for (const offer of [...this.failed.values()]) this.receive(offer);
  }

  /** Shares whose fetch failed and waits for the teacher (re-offer or new address). */
  failedShares(): string[] {
    return [...this.failed.keys()];
  }

  /** Waits for the lessons being fetched now (tests, shutdown). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.transfers.values()]);
  }

  private async fetchLesson(offer: LessonOffer): Promise<ReceivedLesson> {
    const { ctx } = this;
    const { options } = ctx;
    const m = ctx.state.membership;
    if (!m) throw new LessonError('not joined');
    const incoming = path.join(options.dataDir, 'incoming', offer.share);
    fs.mkdirSync(incoming, { recursive: true });
    const transport = offer.transport;
    const isClosed = (): boolean => ctx.closed();
    const token = (): string => lessonToken(ctx.state.membership?.teacher.classKey ?? '', offer.share);
    let root = incoming;
    // Asked before every attempt: a signed move of the teacher applies to a fetch under way.
    const teacher = (): { host: string; port: number } => ({
      host: ctx.state.membership?.teacherHost ?? m.teacherHost,
      port: ctx.state.membership?.teacher.port ?? m.teacher.port,
    });
    const fetchOptions = {
      ...(options.fetchIdleMs !== undefined ? { idleMs: options.fetchIdleMs } : {}),
      log: (line: string) => ctx.log(line),
    };
    switch (transport.kind) {
      case 'http':
        await fetchOverHttp(teacher, offer, incoming, token(), isClosed, fetchOptions);
        break;
      case 'torrent': {
        if (options.aria2 === false) throw new LessonError('this device has no BitTorrent engine');
        const torrentFile = path.join(options.dataDir, 'incoming', `${offer.share}.torrent`);
        fs.writeFileSync(torrentFile, fromBase64Url(transport.torrent) ?? new Uint8Array());
        const aria = await startAria2({
          torrentFile,
          dir: incoming,
          tracker: `http://${hostFor(m.teacherHost)}:${m.teacher.port}/announce/${transport.token}`,
          seed: false,
          listenPort: options.torrentPort ?? (await freePort('0.0.0.0')),
          ...(typeof options.aria2 === 'string' ? { binary: options.aria2 } : {}),
        });
        try {
          await aria.waitDone();
        } catch (error) {
          await aria.stop();
          throw error;
        }
        // Keep seeding for the classmates still downloading.
        this.seeding.add(aria);
        setTimeout(() => {
          this.seeding.delete(aria);
          void aria.stop();
        }, SEED_AFTER_MS).unref();
        break;
      }
      case 'multicast': {
        root = path.join(options.dataDir, 'incoming', 'multicast', offer.share);
        const tempDir = path.join(options.dataDir, 'incoming', 'multicast-tmp');
        if ((await waitForFiles(root, offer.files, isClosed, tempDir, options.multicastStallMs)) === 'stalled') {
          ctx.log(`multicast of ${offer.share} stalled: fetching the rest from the teacher`);
          await fetchOverHttp(teacher, offer, root, token(), isClosed, fetchOptions);
        }
        break;
      }
    }
    return verifyAndPlace(root, offer, ctx.lessonsDir, ctx.clock());
  }

  /** Starts uftpd for the class (once): it accepts only the teacher's id from the teacher's address. */
  startMulticast(): void {
    const mc = this.ctx.options.multicast;
    const m = this.ctx.state.membership;
    if (this.uftpd || !mc || !m) return;
    const { dataDir } = this.ctx.options;
    this.uftpd = startUftpReceiver({
      dir: path.join(dataDir, 'incoming', 'multicast'),
      tempDir: path.join(dataDir, 'incoming', 'multicast-tmp'),
      port: mc.port,
      group: mc.group,
      clientId: uftpId(this.ctx.deviceId),
      serverId: uftpId(m.teacher.deviceId),
      serverAddress: m.teacherHost,
      ...(mc.binary ? { binary: mc.binary } : {}),
    });
  }

  /** Stops seeding and the multicast receiver. */
  async stop(): Promise<void> {
    await Promise.all([...this.seeding].map((a) => a.stop()));
    await this.uftpd?.stop();
  }
}
