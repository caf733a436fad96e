/**
 * Lessons out, the teacher's side: a share is hashed into a manifest, sent
 * by the transport the plan picks, and offered to every student with a
 * signed `receive`. Offers that did not reach a student are sent again; a
 * student back online is offered what it missed.
 */
import path from 'node:path';
import { toBase64Url } from '../bytes.js';
import { planDistribution, type LessonOffer, type LessonTransport } from '../lessons.js';
import type { CommandReport, ShareProgress } from '../teacher-state.js';
import type { Aria2Transfer } from './aria2.js';
import { trackerToken } from './channel.js';
import { ShareError, prepareLesson, startMulticastSend, startTorrentSeed, type PreparedLesson } from './lesson-out.js';
import { sleep, type RunningProcess } from './process.js';
import type { TeacherContext } from './teacher-context.js';
import type { TrackerHandler } from './tracker.js';
import { uftpId } from './uftp.js';

/** How long the offers may take before a multicast starts without the students that have not answered. */
const OFFER_WAIT_MS = 1_500;

export interface ShareOptions {
  readonly title?: string;
  readonly transport?: LessonTransport['kind'];
}

export class LessonSharing {
  private readonly seeders = new Map<string, Aria2Transfer>();
  private readonly senders = new Set<RunningProcess>();
  /** `<student> <share>`: offers that did not reach the student. */
  private readonly undelivered = new Set<string>();
  private lastOfferRetry = 0;

  constructor(
    private readonly ctx: TeacherContext,
    private readonly tracker: () => TrackerHandler | undefined,
  ) {}

  shares(): ShareProgress[] {
    return this.ctx.state.shares.map((s) => s.progress);
  }

  async share(source: string, options: ShareOptions = {}): Promise<ShareProgress> {
    const { ctx } = this;
    const lesson = await prepareLesson(source);
    const { bytes } = lesson;
    const t0 = ctx.clock();
    const students = Object.keys(ctx.state.students);
    const plan = this.plan(bytes, students.length);
    const kind = options.transport ?? plan.transport;
    const shareId = toBase64Url(ctx.crypto.randomBytes(9));
    const { transport, afterOffer } = await this.transport(kind, lesson, shareId);
    const offer: LessonOffer = {
      share: shareId,
      title: options.title ?? lesson.name,
      files: lesson.manifest,
      transport,
    };
    const progress: ShareProgress = {
      share: shareId,
      title: offer.title,
      bytes,
      transport: kind,
      plan,
      startedAt: ctx.clock(),
      students: Object.fromEntries(
        students.map((id) => [id, { state: 'offered' as const, at: ctx.clock(), problem: '' }]),
      ),
    };
    ctx.state.shares = [...ctx.state.shares, { offer, progress, sources: { ...lesson.sources } }];
    ctx.save();
    // Multicast starts once the students who answer at once have the offer: one device that is
    // off must not hold the class up (it gets the lesson later, by retry and HTTP).
    const results: Record<string, CommandReport[string]> = {};
    const all = Promise.all(
      students.map(async (id) => {
        results[id] = await ctx.command(id, { kind: 'receive', offer });
      }),
    );
    await Promise.race([all, sleep(OFFER_WAIT_MS)]);
    afterOffer?.(Object.keys(results).filter((id) => results[id]?.kind === 'done'));
    await all;
    ctx.rosterChanged();
    ctx.log(`share ${shareId} (${kind}): offers out ${ctx.clock() - t0} ms after hashing`);
    for (const [id, r] of Object.entries(results)) {
      if (r.kind === 'done') continue;
      ctx.log(`offer to ${id}: ${r.kind}`);
      // Retried from tick() until the student takes it (it may be off or out of reach now).
      if (r.kind === 'unreachable') this.undelivered.add(`${id} ${shareId}`);
    }
    return progress;
  }

  private plan(bytes: number, students: number) {
    const { options } = this.ctx;
    const network = options.network ?? {
      medium: 'switched',
      multicast: Boolean(options.multicast),
      swarm: options.aria2 !== false,
    };
    return planDistribution(bytes, students, options.linkBitsPerSecond ?? 100e6, {
      ...network,
      multicast: network.multicast && Boolean(options.multicast),
      swarm: network.swarm && options.aria2 !== false,
    });
  }

  /** Sets up the engine for `kind`; multicast is started once the offers are out (`afterOffer`). */
  private async transport(
    kind: LessonTransport['kind'],
    lesson: PreparedLesson,
    shareId: string,
  ): Promise<{ transport: LessonTransport; afterOffer?: (reached: readonly string[]) => void }> {
    const { ctx } = this;
    const { options } = ctx;
    switch (kind) {
      case 'http':
        return { transport: { kind: 'http', url: `http://teacher:${ctx.port()}/lesson/${shareId}` } };
      case 'torrent': {
        const tracker = this.tracker();
        if (!tracker) throw new ShareError('no tracker');
        const started = await startTorrentSeed({
          lesson,
          shareId,
          torrentDir: path.join(options.dataDir, 'torrents'),
          tracker,
          port: ctx.port(),
          trackerToken: trackerToken(ctx.state.classKey),
          ...(options.aria2 !== undefined ? { aria2: options.aria2 } : {}),
          ...(options.torrentPort !== undefined ? { torrentPort: options.torrentPort } : {}),
        });
        this.seeders.set(shareId, started.seeder);
        return { transport: started.transport };
      }
      case 'multicast': {
        const mc = options.multicast;
        if (!mc) throw new ShareError('multicast is not configured');
        // Only students that took the offer are waited for: uftp holds everyone back for a missing member.
        const afterOffer = (reached: readonly string[]): void => {
          if (reached.length === 0) return;
          const sender = startMulticastSend(
            lesson,
            shareId,
            mc,
            uftpId(ctx.deviceId),
            reached.map((id) => uftpId(id)),
            options.linkBitsPerSecond ?? 100e6,
          );
          this.senders.add(sender);
          void sender.exited.then((code) => {
            this.senders.delete(sender);
            ctx.log(`uftp finished (${code})`);
          });
        };
        return { transport: { kind: 'multicast', group: mc.group, port: mc.port, sessionTag: shareId }, afterOffer };
      }
    }
  }

  /** Resolves when every student offered the share has a verified copy (or failed); rejects on close. */
  async waitForShare(shareId: string, pollMs = 100): Promise<ShareProgress> {
    for (;;) {
      const share = this.ctx.state.shares.find((s) => s.offer.share === shareId);
      if (!share) throw new ShareError(`no share ${shareId}`);
      const states = Object.values(share.progress.students);
      if (states.every((s) => s.state !== 'offered')) return share.progress;
      if (this.ctx.closed()) throw new ShareError('closed');
      await sleep(pollMs);
    }
  }

  /** Offers a student back online every share it was offered and has not taken. */
  async catchUp(studentId: string): Promise<void> {
    for (const share of this.ctx.state.shares) {
      const st = share.progress.students[studentId];
      if (st && st.state !== 'offered') continue;
      if (!st) continue;
      await this.ctx.command(studentId, { kind: 'receive', offer: share.offer });
    }
  }

  /** Offers that did not reach a student, tried again every `offerRetryMs`. */
  async retryOffers(): Promise<void> {
    const { ctx } = this;
    const now = ctx.clock();
    if (this.undelivered.size === 0 || now - this.lastOfferRetry < (ctx.options.offerRetryMs ?? 10_000)) return;
    this.lastOfferRetry = now;
    for (const key of [...this.undelivered]) {
      const [studentId = '', shareId = ''] = key.split(' ');
      const share = ctx.state.shares.find((s) => s.offer.share === shareId);
      if (!share || share.progress.students[studentId]?.state !== 'offered') {
        this.undelivered.delete(key);
        continue;
      }
      const r = await ctx.command(studentId, { kind: 'receive', offer: share.offer });
      if (r.kind !== 'unreachable') this.undelivered.delete(key);
    }
  }

  /** Stops the seeders and the multicast senders. */
  async stop(): Promise<void> {
    await Promise.all([...this.seeders.values()].map((s) => s.stop()));
    await Promise.all([...this.senders].map((s) => s.stop()));
  }
}
