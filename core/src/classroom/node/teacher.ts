/**
 * The teacher's side of a class: shows a class code and pairs students, keeps
 * the roster (online, what each has in front, locked), shares lessons by the
 * transport the plan picks (HTTP for small ones, a private BitTorrent swarm on
 * a switched network, uftp multicast on a shared medium), sends signed
 * commands, and collects work from each student's send-only Syncthing folder:
 * only names and sizes it has checked are let through, each collected file is
 * copied durably into Submissions/ and acknowledged with a signed receipt.
 */
import crypto from 'node:crypto';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fromBase64Url, toBase64Url } from '../bytes.js';
import { formatClassCode, generateClassCode } from '../code.js';
import type { ClassroomCrypto } from '../crypto.js';
import { EMPTY_REPLAY_STATE, nextSequence, signMessage, verifyMessage } from '../envelope.js';
import { planDistribution, type LessonOffer, type LessonTransport } from '../lessons.js';
import { displayName } from '../names.js';
import { JoinWindow, deviceIdOf, type StudentCard, type TeacherCard } from '../pairing.js';
import { isStudentEvent, type StudentEvent, type TeacherCommand } from '../protocol.js';
import type { Aria2Transfer } from './aria2.js';
import { createNodeCrypto } from './crypto.js';
import { sleep, type RunningProcess } from './process.js';
import { hostFor, postJson, readBody, readJsonFile, sendJson, writeDurable } from './store.js';
import { uftpId } from './student.js';
import { WorkCollector } from './collector.js';
import type { Syncthing } from './syncthing.js';
import {
  isTeacherState,
  type CommandReport,
  type RosterEntry,
  type ShareProgress,
  type Submission,
  type TeacherOptions,
  type TeacherState,
} from './teacher-state.js';
import { DEFAULT_LIMITS } from '../collect.js';
import { createTracker, type TrackerHandler } from './tracker.js';
import { ShareError, prepareLesson, startMulticastSend, startTorrentSeed } from './lesson-out.js';

export { DEFAULT_LIMITS, type SubmissionLimits } from '../collect.js';
export type { CommandReport, RosterEntry, ShareProgress, Submission, TeacherOptions } from './teacher-state.js';

export { ShareError } from './lesson-out.js';

const ONLINE_MS = 15_000;
/** Students answer on the LAN at once; a device that is off should not hold a broadcast up for long. */
const COMMAND_TIMEOUT_MS = 5_000;
const OFFER_WAIT_MS = 1_500;

export class TeacherClassroom extends EventEmitter {
  private state: TeacherState;
  private server?: http.Server;
  private tracker?: TrackerHandler;
  private joinWindow?: JoinWindow;
  private code?: string;
  private readonly crypto: ClassroomCrypto;
  private readonly clock: () => number;
  private readonly seeders = new Map<string, Aria2Transfer>();
  private readonly senders = new Set<RunningProcess>();
  private timer?: NodeJS.Timeout;
  private collector?: WorkCollector;
  private readonly undelivered = new Set<string>();
  private lastOfferRetry = 0;
  private closed = false;
  port = 0;

  private constructor(
    private readonly options: TeacherOptions,
    state: TeacherState,
    cryptoImpl: ClassroomCrypto,
  ) {
    super();
    this.state = state;
    this.crypto = cryptoImpl;
    this.clock = options.clock ?? Date.now;
  }

  /** Opens the teacher's class (created on first use; kept across restarts) and starts serving. */
  static async open(options: TeacherOptions): Promise<TeacherClassroom> {
    const c = options.crypto ?? createNodeCrypto();
    fs.mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
    let state = readJsonFile(path.join(options.dataDir, 'teacher.json'), isTeacherState);
    if (!state) {
      const keys = c.generateSigningKey();
      state = {
        publicKey: toBase64Url(keys.publicKey),
        privateKey: toBase64Url(keys.privateKey),
        classId: toBase64Url(c.randomBytes(12)),
        classKey: toBase64Url(c.randomBytes(32)),
        seq: 0,
        students: {},
        submissions: [],
        shares: [],
      };
    }
    const teacher = new TeacherClassroom(options, state, c);
    teacher.save();
    await teacher.listen();
    teacher.tracker = createTracker({ token: teacher.trackerToken });
    if (options.syncthing) {
      teacher.collector = teacher.makeCollector(options.syncthing);
      for (const s of Object.values(teacher.state.students)) await teacher.collector.setUp(s);
    }
    await teacher.announce();
    teacher.timer = setInterval(() => void teacher.tick(), options.pollMs ?? 2000);
    teacher.timer.unref();
    return teacher;
  }

  get deviceId(): string {
    return deviceIdOf(this.crypto, fromBase64Url(this.state.publicKey)!);
  }

  get classId(): string {
    return this.state.classId;
  }

  get submissionsDir(): string {
    return path.join(this.options.dataDir, 'Submissions');
  }

  returnDir(studentId: string): string {
    return path.join(this.options.dataDir, 'Returned', studentId);
  }

  private get trackerToken(): string {
    return toBase64Url(
      crypto.createHmac('sha256', fromBase64Url(this.state.classKey)!).update('tracker').digest(),
    ).slice(0, 24);
  }

  private log(line: string): void {
    this.options.log?.(`[teacher] ${line}`);
  }

  private save(): void {
    writeDurable(path.join(this.options.dataDir, 'teacher.json'), JSON.stringify(this.state));
  }

  // ---- joining ----

  /** Opens joining with a fresh six-digit code (shown as `482 913`). */
  async startClass(): Promise<{ code: string; display: string; classId: string }> {
    this.code = generateClassCode(this.crypto);
    this.joinWindow = new JoinWindow(this.crypto, this.code, this.state.classId);
    await this.announce();
    return { code: this.code, display: formatClassCode(this.code), classId: this.state.classId };
  }

  async stopJoining(): Promise<void> {
    this.joinWindow?.close();
    this.joinWindow = undefined;
    this.code = undefined;
    await this.announce();
  }

  get joining(): boolean {
    return this.joinWindow?.open === true;
  }

  private async announce(): Promise<void> {
    await this.options.discovery?.announce({
      name: `KOOMPI teacher ${this.deviceId}`,
      port: this.port,
      txt: {
        v: '1',
        role: 'teacher',
        id: this.deviceId,
        st: this.options.syncthing?.deviceId ?? '',
        cls: this.state.classId,
        join: this.joining ? '1' : '0',
      },
    });
  }

  private teacherCard(): TeacherCard {
    return {
      classId: this.state.classId,
      className: this.options.className,
      deviceId: this.deviceId,
      name: this.options.name,
      publicKey: this.state.publicKey,
      classKey: this.state.classKey,
      syncthingId: this.options.syncthing?.deviceId ?? '',
      syncthingPort: this.options.syncthingPort ?? 22000,
      port: this.port,
      now: this.clock(),
    };
  }

  private async paired(card: StudentCard, address: string): Promise<void> {
    const existing = this.state.students[card.deviceId];
    this.state.students[card.deviceId] = {
      card,
      address,
      replay: existing?.replay ?? EMPTY_REPLAY_STATE,
      lastSeen: this.clock(),
      refused: existing?.refused ?? [],
      ...(existing?.status ? { status: existing.status } : {}),
    };
    this.save();
    await this.collector?.setUp(this.state.students[card.deviceId]!);
    this.log(`paired ${card.name} (${card.deviceId}) at ${address}`);
    this.emit('roster', this.roster());
  }

  // ---- HTTP: pairing, events, lesson files, tracker ----

  private async listen(): Promise<void> {
    const server = http.createServer((req, res) => {
      this.route(req, res).catch((error: unknown) => {
        this.log(`request failed: ${String(error)}`);
        if (!res.headersSent) sendJson(res, 500, { reason: 'error' });
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port ?? 0, this.options.host ?? '0.0.0.0', () => resolve());
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
  }

  private async route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = req.url ?? '';
    const address = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
    if (req.method === 'POST' && url === '/pair/hello') {
      const body = parseJson(await readBody(req, 10_000));
      const r = this.joinWindow ? this.joinWindow.hello(body) : { kind: 'refused' as const, reason: 'closed' };
      if (r.kind === 'ok') sendJson(res, 200, r.reply);
      else sendJson(res, 403, { reason: r.reason });
      return;
    }
    if (req.method === 'POST' && url === '/pair/finish') {
      const body = parseJson(await readBody(req, 10_000));
      const r = this.joinWindow
        ? this.joinWindow.finish(body, () => this.teacherCard())
        : { kind: 'refused' as const, reason: 'closed' };
      if (r.kind !== 'ok') {
        sendJson(res, 403, { reason: r.reason });
        return;
      }
      await this.paired(r.student, address);
      sendJson(res, 200, r.reply);
      return;
    }
    if (req.method === 'POST' && url === '/events') {
      await this.onEvent(parseJson(await readBody(req, 100_000)), address, res);
      return;
    }
    if (req.method === 'GET' && url.startsWith('/lesson/')) {
      this.serveLesson(req, res, url);
      return;
    }
    if (this.tracker?.handle(req, res)) return;
    sendJson(res, 404, { reason: 'not-found' });
  }

  private async onEvent(wire: unknown, address: string, res: http.ServerResponse): Promise<void> {
    const verified = verifyMessage(this.crypto, wire, {
      classId: this.state.classId,
      self: this.deviceId,
      acceptBroadcast: false,
      keyOf: (id) => {
        const s = this.state.students[id];
        return s ? fromBase64Url(s.card.publicKey) : undefined;
      },
      replayOf: (id) => this.state.students[id]?.replay ?? EMPTY_REPLAY_STATE,
      nowMs: this.clock(),
      clockOffsetMs: 0,
      maxAgeMs: 24 * 3600_000,
      isMessage: isStudentEvent,
    });
    if (verified.kind !== 'ok') {
      this.log(`refused an event from ${address}: ${verified.reason}`);
      sendJson(res, 403, { reason: verified.reason });
      return;
    }
    const student = this.state.students[verified.envelope.from]!;
    student.replay = verified.replay;
    student.lastSeen = this.clock();
    if (/^\d+\.\d+\.\d+\.\d+$/.test(address)) student.address = address;
    const event: StudentEvent = verified.envelope.msg;
    switch (event.kind) {
      case 'hello':
        student.card = { ...student.card, port: event.port };
        student.status = event.status;
        this.save();
        sendJson(res, 200, { ok: true });
        this.emit('roster', this.roster());
        // A student back online gets what it missed.
        void this.catchUp(student.card.deviceId);
        return;
      case 'arrived': {
        const share = this.state.shares.find((s) => s.offer.share === event.share);
        if (share) {
          const progress = share.progress;
          share.progress = {
            ...progress,
            students: {
              ...progress.students,
              [student.card.deviceId]: {
                state: event.verified ? 'verified' : 'failed',
                at: this.clock(),
                problem: displayName(event.problem, 300),
              },
            },
          };
          this.emit('arrived', {
            share: event.share,
            student: student.card.deviceId,
            verified: event.verified,
            at: this.clock(),
          });
        }
        this.save();
        sendJson(res, 200, { ok: true });
        return;
      }
      case 'reply':
        this.save();
        sendJson(res, 200, { ok: true });
        return;
    }
  }

  private lessonToken(share: string): string {
    return toBase64Url(
      crypto.createHmac('sha256', fromBase64Url(this.state.classKey)!).update(`lesson:${share}`).digest(),
    ).slice(0, 32);
  }

  private serveLesson(req: http.IncomingMessage, res: http.ServerResponse, url: string): void {
    const [, , shareId, ...rest] = url.split('?')[0]!.split('/');
    const share = this.state.shares.find((s) => s.offer.share === shareId);
    let rel: string;
    try {
      rel = rest.map(decodeURIComponent).join('/');
    } catch {
      sendJson(res, 400, { reason: 'malformed' });
      return;
    }
    const source = share?.sources[rel];
    if (!share || !source || req.headers['x-koompi-token'] !== this.lessonToken(share.offer.share)) {
      sendJson(res, 404, { reason: 'not-found' });
      return;
    }
    const size = fs.statSync(source).size;
    const range = /^bytes=(\d+)-$/.exec(String(req.headers['range'] ?? ''));
    const start = range ? Math.min(Number(range[1]), size) : 0;
    res.writeHead(range ? 206 : 200, { 'content-length': size - start, 'content-type': 'application/octet-stream' });
    fs.createReadStream(source, { start }).pipe(res);
  }

  // ---- roster and commands ----

  roster(): RosterEntry[] {
    const now = this.clock();
    return Object.values(this.state.students)
      .map((s) => ({
        deviceId: s.card.deviceId,
        name: s.card.name,
        online: now - s.lastSeen < ONLINE_MS,
        lastSeen: s.lastSeen,
        activeApp: s.status?.activeApp ?? '',
        locked: s.status?.locked ?? false,
        address: s.address,
        submitted: this.state.submissions.filter((x) => x.student === s.card.deviceId).length,
        refused: s.refused,
      }))
      .sort((a, b) => a.name.localeCompare(b.name, 'km'));
  }

  private nextSeq(): number {
    this.state.seq = nextSequence(this.state.seq, this.clock());
    return this.state.seq;
  }

  /** Sends one signed command to one student and checks its signed reply. */
  private async command(studentId: string, command: TeacherCommand): Promise<CommandReport[string]> {
    const s = this.state.students[studentId];
    if (!s) return { kind: 'unreachable' };
    const { signed, envelope } = signMessage(
      this.crypto,
      { deviceId: this.deviceId, classId: this.state.classId, privateKey: fromBase64Url(this.state.privateKey)! },
      studentId,
      this.nextSeq(),
      this.clock(),
      command,
    );
    this.save();
    try {
      const res = await postJson(`http://${hostFor(s.address)}:${s.card.port}/command`, signed, COMMAND_TIMEOUT_MS);
      if (res.status !== 200)
        return { kind: 'rejected', reason: String((res.body as { reason?: string })?.reason ?? res.status) };
      const reply = verifyMessage(this.crypto, res.body, {
        classId: this.state.classId,
        self: this.deviceId,
        acceptBroadcast: false,
        keyOf: (id) => (id === studentId ? fromBase64Url(s.card.publicKey) : undefined),
        replayOf: () => s.replay,
        nowMs: this.clock(),
        clockOffsetMs: 0,
        maxAgeMs: 24 * 3600_000,
        isMessage: isStudentEvent,
      });
      if (reply.kind !== 'ok' || reply.envelope.msg.kind !== 'reply' || reply.envelope.msg.re !== envelope.nonce) {
        return { kind: 'rejected', reason: reply.kind === 'ok' ? 'wrong-reply' : reply.reason };
      }
      s.replay = reply.replay;
      s.lastSeen = this.clock();
      const result = reply.envelope.msg.result;
      if (result.kind === 'done' && result.status) s.status = result.status;
      if (command.kind === 'lock' || command.kind === 'unlock') {
        s.status = {
          ...(s.status ?? { activeApp: '', shares: [] }),
          locked: command.kind === 'lock' && result.kind === 'done',
        };
      }
      this.save();
      return result;
    } catch {
      return { kind: 'unreachable' };
    }
  }

  private async broadcast(command: TeacherCommand, only?: readonly string[]): Promise<CommandReport> {
    const ids = only ?? Object.keys(this.state.students);
    const results = await Promise.all(ids.map(async (id) => [id, await this.command(id, command)] as const));
    this.emit('roster', this.roster());
    return Object.fromEntries(results);
  }

  lock(message = '', only?: readonly string[]): Promise<CommandReport> {
    return this.broadcast({ kind: 'lock', message }, only);
  }

  unlock(only?: readonly string[]): Promise<CommandReport> {
    return this.broadcast({ kind: 'unlock' }, only);
  }

  message(text: string, only?: readonly string[]): Promise<CommandReport> {
    return this.broadcast({ kind: 'message', text }, only);
  }

  openLink(url: string, only?: readonly string[]): Promise<CommandReport> {
    return this.broadcast({ kind: 'open-link', url }, only);
  }

  openLesson(share: string, file: string, only?: readonly string[]): Promise<CommandReport> {
    return this.broadcast({ kind: 'open-lesson', share, path: file }, only);
  }

  /** Asks every student for its status now; the roster is updated from the replies. */
  async refresh(): Promise<RosterEntry[]> {
    await this.broadcast({ kind: 'report' });
    return this.roster();
  }

  // ---- lessons ----

  shares(): ShareProgress[] {
    return this.state.shares.map((s) => s.progress);
  }

  /**
   * Shares a file or folder with every paired student. Resolves once the
   * offer is out; `waitForShare` (or the `arrived` event) tells when each
   * student's copy is verified.
   */
  async share(
    source: string,
    options: { title?: string; transport?: LessonTransport['kind'] } = {},
  ): Promise<ShareProgress> {
    const lesson = await prepareLesson(source);
    const { bytes } = lesson;
    const t0 = this.clock();
    const students = Object.keys(this.state.students);
    const network = this.options.network ?? {
      medium: 'switched',
      multicast: Boolean(this.options.multicast),
      swarm: this.options.aria2 !== false,
    };
    const plan = planDistribution(bytes, students.length, this.options.linkBitsPerSecond ?? 100e6, {
      ...network,
      multicast: network.multicast && Boolean(this.options.multicast),
      swarm: network.swarm && this.options.aria2 !== false,
    });
    const kind = options.transport ?? plan.transport;
    const shareId = toBase64Url(this.crypto.randomBytes(9));
    let transport: LessonTransport;
    let afterOffer: ((reached: readonly string[]) => void) | undefined;
    switch (kind) {
      case 'http':
        transport = { kind: 'http', url: `http://teacher:${this.port}/lesson/${shareId}` };
        break;
      case 'torrent': {
        if (!this.tracker) throw new ShareError('no tracker');
        const started = await startTorrentSeed({
          lesson,
          shareId,
          torrentDir: path.join(this.options.dataDir, 'torrents'),
          tracker: this.tracker,
          port: this.port,
          trackerToken: this.trackerToken,
          ...(this.options.aria2 !== undefined ? { aria2: this.options.aria2 } : {}),
          ...(this.options.torrentPort !== undefined ? { torrentPort: this.options.torrentPort } : {}),
        });
        this.seeders.set(shareId, started.seeder);
        transport = started.transport;
        break;
      }
      case 'multicast': {
        const mc = this.options.multicast;
        if (!mc) throw new ShareError('multicast is not configured');
        transport = { kind: 'multicast', group: mc.group, port: mc.port, sessionTag: shareId };
        // Only students that took the offer are waited for: uftp holds everyone back for a missing member.
        afterOffer = (reached) => {
          if (reached.length === 0) return;
          const sender = startMulticastSend(
            lesson,
            shareId,
            mc,
            uftpId(this.deviceId),
            reached.map((id) => uftpId(id)),
            this.options.linkBitsPerSecond ?? 100e6,
          );
          this.senders.add(sender);
          void sender.exited.then((code) => {
            this.senders.delete(sender);
            this.log(`uftp finished (${code})`);
          });
        };
        break;
      }
    }
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
      startedAt: this.clock(),
      students: Object.fromEntries(
        students.map((id) => [id, { state: 'offered' as const, at: this.clock(), problem: '' }]),
      ),
    };
    this.state.shares = [...this.state.shares, { offer, progress, sources: { ...lesson.sources } }];
    this.save();
    // Multicast starts once the students who answer at once have the offer: one device that is
    // off must not hold the class up (it gets the lesson later, by retry and HTTP).
    const results: Record<string, CommandReport[string]> = {};
    const all = Promise.all(
      students.map(async (id) => {
        results[id] = await this.command(id, { kind: 'receive', offer });
      }),
    );
    await Promise.race([all, sleep(OFFER_WAIT_MS)]);
    afterOffer?.(Object.keys(results).filter((id) => results[id]?.kind === 'done'));
    await all;
    this.emit('roster', this.roster());
    this.log(`share ${shareId} (${kind}): offers out ${this.clock() - t0} ms after hashing`);
    for (const [id, r] of Object.entries(results)) {
      if (r.kind === 'done') continue;
      this.log(`offer to ${id}: ${r.kind}`);
      // Retried from tick() until the student takes it (it may be off or out of reach now).
      if (r.kind === 'unreachable') this.undelivered.add(`${id} ${shareId}`);
    }
    return progress;
  }

  /** Resolves when every student offered the share has a verified copy (or failed); rejects on close. */
  async waitForShare(shareId: string, pollMs = 100): Promise<ShareProgress> {
    for (;;) {
      const share = this.state.shares.find((s) => s.offer.share === shareId);
      if (!share) throw new ShareError(`no share ${shareId}`);
      const states = Object.values(share.progress.students);
      if (states.every((s) => s.state !== 'offered')) return share.progress;
      if (this.closed) throw new ShareError('closed');
      await sleep(pollMs);
    }
  }

  private async catchUp(studentId: string): Promise<void> {
    for (const share of this.state.shares) {
      const st = share.progress.students[studentId];
      if (st && st.state !== 'offered') continue;
      if (!st) continue;
      await this.command(studentId, { kind: 'receive', offer: share.offer });
    }
    for (const sub of this.state.submissions) {
      if (sub.student === studentId && !sub.receiptDelivered) await this.deliverReceipt(sub);
    }
  }

  // ---- work coming back ----

  /** Gives a graded file back to a student (their Returned folder). */
  returnWork(
    studentId: string,
    file: string,
    name = path.basename(file),
  ): { kind: 'returned'; path: string } | { kind: 'refused'; reason: string } | { kind: 'no-syncthing' } {
    if (!this.state.students[studentId]) return { kind: 'refused', reason: 'no-such-student' };
    return this.collector ? this.collector.returnWork(studentId, file, name) : { kind: 'no-syncthing' };
  }

  /** Who has submitted what: the collect grid. */
  submissions(): readonly Submission[] {
    return this.state.submissions;
  }

  /** Looks at every student's folder now (the collector also runs on its own). */
  async collect(): Promise<readonly Submission[]> {
    await this.collector?.collectOnce();
    return this.state.submissions;
  }

  private async tick(): Promise<void> {
    if (this.closed) return;
    await this.collector?.collectOnce().catch((error: unknown) => this.log(`collect: ${String(error)}`));
    await this.retryOffers();
  }

  /** Offers that did not reach a student, tried again every `offerRetryMs`. */
  private async retryOffers(): Promise<void> {
    const now = this.clock();
    if (this.undelivered.size === 0 || now - this.lastOfferRetry < (this.options.offerRetryMs ?? 10_000)) return;
    this.lastOfferRetry = now;
    for (const key of [...this.undelivered]) {
      const [studentId = '', shareId = ''] = key.split(' ');
      const share = this.state.shares.find((s) => s.offer.share === shareId);
      if (!share || share.progress.students[studentId]?.state !== 'offered') {
        this.undelivered.delete(key);
        continue;
      }
      const r = await this.command(studentId, { kind: 'receive', offer: share.offer });
      if (r.kind !== 'unreachable') this.undelivered.delete(key);
    }
  }

  private makeCollector(syncthing: Syncthing): WorkCollector {
    return new WorkCollector({
      syncthing,
      dataDir: this.options.dataDir,
      limits: this.options.limits ?? DEFAULT_LIMITS,
      clock: this.clock,
      students: () => Object.values(this.state.students),
      known: (student, rel, sha256) =>
        this.state.submissions.some((x) => x.student === student && x.path === rel && x.sha256 === sha256),
      collected: async (submission) => {
        this.state.submissions = [...this.state.submissions, submission];
        this.save();
        this.log(`collected ${submission.path} from ${submission.studentName}`);
        this.emit('submission', submission);
        await this.deliverReceipt(submission);
      },
      refusedChanged: (student, refused) => {
        student.refused = refused;
        this.save();
        this.emit('refused', { student: student.card.deviceId, refused });
      },
    });
  }

  private async deliverReceipt(sub: Submission): Promise<void> {
    const r = await this.command(sub.student, {
      kind: 'receipt',
      receipt: { path: sub.path, size: sub.size, sha256: sub.sha256, receivedAt: sub.receivedAt },
    });
    if (r.kind === 'done') {
      this.state.submissions = this.state.submissions.map((x) =>
        x === sub || (x.student === sub.student && x.sha256 === sub.sha256 && x.path === sub.path)
          ? { ...x, receiptDelivered: true }
          : x,
      );
      this.save();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await Promise.all([...this.seeders.values()].map((s) => s.stop()));
    await Promise.all([...this.senders].map((s) => s.stop()));
    await this.options.discovery?.withdraw();
    await new Promise<void>((resolve) => {
      if (!this.server) return resolve();
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
