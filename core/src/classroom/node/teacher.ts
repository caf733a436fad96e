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
import { EMPTY_REPLAY_STATE, nextSequence, signMessage, verifyMessage, type ReplayState } from '../envelope.js';
import {
  planDistribution,
  type DistributionPlan,
  type LessonOffer,
  type LessonTransport,
  type ManifestFile,
  type NetworkShape,
} from '../lessons.js';
import { checkRelativePath, displayName, syncthingAllowList } from '../names.js';
import { JoinWindow, deviceIdOf, type StudentCard, type TeacherCard } from '../pairing.js';
import type { Discovery } from '../ports.js';
import {
  isStudentEvent,
  type CommandOutcome,
  type StudentEvent,
  type StudentStatus,
  type TeacherCommand,
} from '../protocol.js';
import { startAria2, type Aria2Transfer } from './aria2.js';
import { createNodeCrypto } from './crypto.js';
import { freePort, sleep, type RunningProcess } from './process.js';
import { copyDurable, hostFor, postJson, readBody, readJsonFile, sendJson, sha256File, writeDurable } from './store.js';
import { uftpId } from './student.js';
import type { Syncthing } from './syncthing.js';
import { listLessonFiles, makeTorrent } from './torrent.js';
import { createTracker, type TrackerHandler } from './tracker.js';
import { sendUftp } from './uftp.js';

export interface SubmissionLimits {
  /** Largest single file taken from a student. */
  readonly maxFileBytes: number;
  /** Most a student may have in their Submit folder in all. */
  readonly maxStudentBytes: number;
}

export const DEFAULT_LIMITS: SubmissionLimits = {
  maxFileBytes: 200 * 1024 * 1024,
  maxStudentBytes: 1024 * 1024 * 1024,
};

export interface TeacherOptions {
  readonly dataDir: string;
  readonly name: string;
  readonly className: string;
  readonly crypto?: ClassroomCrypto;
  readonly discovery?: Discovery;
  readonly port?: number;
  readonly host?: string;
  readonly syncthing?: Syncthing;
  readonly syncthingPort?: number;
  readonly network?: NetworkShape;
  /** Each device's link rate, bits per second (for the plan and the multicast rate). */
  readonly linkBitsPerSecond?: number;
  readonly aria2?: string | false;
  readonly torrentPort?: number;
  readonly multicast?:
    | { readonly group: string; readonly port: number; readonly binary?: string; readonly interfaceAddress?: string }
    | false;
  readonly limits?: SubmissionLimits;
  /** How often the collector looks at students' folders and the roster is refreshed, ms. */
  readonly pollMs?: number;
  readonly clock?: () => number;
  readonly log?: (line: string) => void;
}

export interface RosterEntry {
  readonly deviceId: string;
  readonly name: string;
  readonly online: boolean;
  readonly lastSeen: number;
  readonly activeApp: string;
  readonly locked: boolean;
  readonly address: string;
  /** Files collected from this student. */
  readonly submitted: number;
  /** Files refused (bad name, too large), with why. */
  readonly refused: ReadonlyArray<{ readonly path: string; readonly reason: string }>;
}

export interface ShareProgress {
  readonly share: string;
  readonly title: string;
  readonly bytes: number;
  readonly transport: LessonTransport['kind'];
  readonly plan: DistributionPlan;
  readonly startedAt: number;
  /** Per student: offered, verified (with when) or failed (with why). */
  readonly students: Readonly<
    Record<string, { state: 'offered' | 'verified' | 'failed'; at: number; problem: string }>
  >;
}

export interface Submission {
  readonly student: string;
  readonly studentName: string;
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
  /** Where the collected copy is. */
  readonly stored: string;
  readonly receivedAt: number;
  readonly receiptDelivered: boolean;
}

export type CommandReport = Readonly<
  Record<string, CommandOutcome | { kind: 'unreachable' } | { kind: 'rejected'; reason: string }>
>;

interface StudentRecord {
  card: StudentCard;
  address: string;
  replay: ReplayState;
  lastSeen: number;
  status?: StudentStatus;
  refused: Array<{ path: string; reason: string }>;
}

interface ShareRecord {
  offer: LessonOffer;
  progress: ShareProgress;
  /** Files on the teacher's disk, by manifest path (for HTTP). */
  sources: Record<string, string>;
}

interface State {
  publicKey: string;
  privateKey: string;
  classId: string;
  classKey: string;
  seq: number;
  students: Record<string, StudentRecord>;
  submissions: Submission[];
  shares: ShareRecord[];
}

function isState(x: unknown): x is State {
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof (x as State).classId === 'string' &&
    typeof (x as State).students === 'object'
  );
}

const ONLINE_MS = 15_000;

export class TeacherClassroom extends EventEmitter {
  private state: State;
  private server?: http.Server;
  private tracker?: TrackerHandler;
  private joinWindow?: JoinWindow;
  private code?: string;
  private readonly crypto: ClassroomCrypto;
  private readonly clock: () => number;
  private readonly seeders = new Map<string, Aria2Transfer>();
  private readonly senders = new Set<RunningProcess>();
  private timer?: NodeJS.Timeout;
  private collecting = false;
  private closed = false;
  port = 0;

  private constructor(
    private readonly options: TeacherOptions,
    state: State,
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
    let state = readJsonFile(path.join(options.dataDir, 'teacher.json'), isState);
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
    await teacher.setUpSyncthing();
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
    await this.setUpStudentFolders(this.state.students[card.deviceId]!);
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
      const res = await postJson(`http://${hostFor(s.address)}:${s.card.port}/command`, signed, 10_000);
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
    const bytes = manifest.reduce((n, f) => n + f.size, 0);
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
    let afterOffer: (() => void) | undefined;
    switch (kind) {
      case 'http':
        transport = { kind: 'http', url: `http://teacher:${this.port}/lesson/${shareId}` };
        break;
      case 'torrent': {
        if (!this.tracker) throw new ShareError('no tracker');
        // Our own seeder announces over loopback; the tracker gives students the address they reached us at.
        const announce = `http://127.0.0.1:${this.port}/announce/${this.trackerToken}`;
        const made = await makeTorrent(name, files, announce);
        const torrentFile = path.join(this.options.dataDir, 'torrents', `${shareId}.torrent`);
        writeDurable(torrentFile, made.torrent, 0o644);
        this.tracker.register(made.infoHash);
        const seeder = await startAria2({
          torrentFile,
          dir: path.dirname(abs),
          tracker: announce,
          seed: true,
          listenPort: this.options.torrentPort ?? (await freePort('0.0.0.0')),
          ...(typeof this.options.aria2 === 'string' ? { binary: this.options.aria2 } : {}),
        });
        this.seeders.set(shareId, seeder);
        transport = { kind: 'torrent', torrent: toBase64Url(made.torrent), token: this.trackerToken };
        break;
      }
      case 'multicast': {
        const mc = this.options.multicast;
        if (!mc) throw new ShareError('multicast is not configured');
        transport = { kind: 'multicast', group: mc.group, port: mc.port, sessionTag: shareId };
        const rate = Math.floor(((this.options.linkBitsPerSecond ?? 100e6) / 1000) * 0.92);
        afterOffer = () => {
          const sender = sendUftp({
            files: files.map((f) => f.absolute),
            baseDir: path.dirname(abs),
            destName: shareId,
            port: mc.port,
            group: mc.group,
            serverId: uftpId(this.deviceId),
            clients: students.map((id) => uftpId(id)),
            rateKbps: rate,
            ...(mc.interfaceAddress ? { interfaceAddress: mc.interfaceAddress } : {}),
            ...(mc.binary ? { binary: mc.binary } : {}),
          });
          this.senders.add(sender);
          void sender.exited.then((code) => {
            this.senders.delete(sender);
            this.log(`uftp finished (${code})`);
          });
        };
        break;
      }
    }
    const offer: LessonOffer = { share: shareId, title: options.title ?? name, files: manifest, transport };
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
    this.state.shares = [...this.state.shares, { offer, progress, sources }];
    this.save();
    const results = await this.broadcast({ kind: 'receive', offer });
    this.log(`share ${shareId} (${kind}): offers out ${this.clock() - t0} ms after hashing`);
    for (const [id, r] of Object.entries(results)) if (r.kind !== 'done') this.log(`offer to ${id}: ${r.kind}`);
    afterOffer?.();
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

  private async setUpSyncthing(): Promise<void> {
    for (const s of Object.values(this.state.students)) await this.setUpStudentFolders(s);
  }

  private incomingDir(studentId: string): string {
    return path.join(this.options.dataDir, 'incoming', studentId);
  }

  returnDir(studentId: string): string {
    return path.join(this.options.dataDir, 'Returned', studentId);
  }

  private async setUpStudentFolders(s: StudentRecord): Promise<void> {
    const st = this.options.syncthing;
    if (!st || !s.card.syncthingId) return;
    const folders = await st.folderIds();
    const work = `koompi-work-${s.card.deviceId}`;
    if (!folders.includes(work)) {
      await st.addDevice(s.card.syncthingId, s.card.name, ['dynamic']);
      fs.mkdirSync(this.incomingDir(s.card.deviceId), { recursive: true });
      fs.mkdirSync(this.returnDir(s.card.deviceId), { recursive: true });
      // Nothing comes in until the collector has checked its name and size.
      fs.writeFileSync(path.join(this.incomingDir(s.card.deviceId), '.stignore'), '*\n');
      await st.putFolder({
        id: work,
        label: `Work ${s.card.name}`,
        path: this.incomingDir(s.card.deviceId),
        type: 'receiveonly',
        devices: [s.card.syncthingId],
      });
      await st.setIgnores(work, syncthingAllowList(this.allowedPaths(s.card.deviceId)));
      await st.putFolder({
        id: `koompi-return-${s.card.deviceId}`,
        label: `Returned ${s.card.name}`,
        path: this.returnDir(s.card.deviceId),
        type: 'sendonly',
        devices: [s.card.syncthingId],
      });
    }
  }

  private allowed = new Map<string, string[]>();

  private allowedPaths(studentId: string): string[] {
    return this.allowed.get(studentId) ?? [];
  }

  /** Gives a graded file back to a student (their Returned folder). */
  returnWork(
    studentId: string,
    file: string,
    name = path.basename(file),
  ): { kind: 'returned'; path: string } | { kind: 'refused'; reason: string } {
    if (!this.state.students[studentId]) return { kind: 'refused', reason: 'no-such-student' };
    const check = checkRelativePath(name);
    if (check.kind !== 'ok') return { kind: 'refused', reason: check.reason };
    const stored = copyDurable(file, this.returnDir(studentId), check.path);
    void this.options.syncthing?.scan(`koompi-return-${studentId}`).catch(() => undefined);
    return { kind: 'returned', path: stored };
  }

  /** Who has submitted what: the collect grid. */
  submissions(): readonly Submission[] {
    return this.state.submissions;
  }

  /** Looks at every student's folder now (the collector also runs on its own). */
  async collect(): Promise<readonly Submission[]> {
    await this.collectOnce();
    return this.state.submissions;
  }

  private async tick(): Promise<void> {
    if (this.closed) return;
    await this.collectOnce().catch((error: unknown) => this.log(`collect: ${String(error)}`));
  }

  private async collectOnce(): Promise<void> {
    const st = this.options.syncthing;
    if (!st || this.collecting) return;
    this.collecting = true;
    try {
      const limits = this.options.limits ?? DEFAULT_LIMITS;
      for (const s of Object.values(this.state.students)) {
        if (!s.card.syncthingId) continue;
        const folder = `koompi-work-${s.card.deviceId}`;
        let global;
        try {
          global = await st.globalFiles(folder);
        } catch {
          continue;
        }
        const allowed: string[] = [];
        const refused: Array<{ path: string; reason: string }> = [];
        let total = 0;
        for (const f of global.sort((a, b) => (a.path < b.path ? -1 : 1))) {
          const check = checkRelativePath(f.path);
          if (check.kind !== 'ok') refused.push({ path: displayName(f.path, 120), reason: check.reason });
          else if (f.size > limits.maxFileBytes) refused.push({ path: f.path, reason: 'too-large' });
          else if (total + f.size > limits.maxStudentBytes) refused.push({ path: f.path, reason: 'over-quota' });
          else {
            total += f.size;
            allowed.push(f.path);
          }
        }
        const before = this.allowedPaths(s.card.deviceId);
        if (before.join('\n') !== allowed.join('\n')) {
          this.allowed.set(s.card.deviceId, allowed);
          await st.setIgnores(folder, syncthingAllowList(allowed));
        }
        if (JSON.stringify(refused) !== JSON.stringify(s.refused)) {
          s.refused = refused;
          this.save();
          this.emit('refused', { student: s.card.deviceId, refused });
        }
        for (const rel of allowed) await this.collectFile(s, rel, global.find((g) => g.path === rel)!.size, limits);
      }
    } finally {
      this.collecting = false;
    }
  }

  private async collectFile(s: StudentRecord, rel: string, size: number, limits: SubmissionLimits): Promise<void> {
    const file = path.join(this.incomingDir(s.card.deviceId), rel);
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(file);
    } catch {
      return;
    }
    if (!stat.isFile() || stat.size !== size || stat.size > limits.maxFileBytes) return;
    const sha256 = await sha256File(file);
    if (this.state.submissions.some((x) => x.student === s.card.deviceId && x.path === rel && x.sha256 === sha256))
      return;
    const folder = path.join(this.submissionsDir, studentFolderName(s.card));
    const stored = copyDurable(file, path.join(folder, path.dirname(rel)), path.basename(rel));
    const submission: Submission = {
      student: s.card.deviceId,
      studentName: s.card.name,
      path: rel,
      size: stat.size,
      sha256,
      stored,
      receivedAt: this.clock(),
      receiptDelivered: false,
    };
    this.state.submissions = [...this.state.submissions, submission];
    this.save();
    this.log(`collected ${rel} from ${s.card.name}`);
    this.emit('submission', submission);
    await this.deliverReceipt(submission);
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

export class ShareError extends Error {
  override readonly name = 'ShareError';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function studentFolderName(card: StudentCard): string {
  const name = displayName(card.name, 40).replace(/[/\\]/g, '-').replace(/^\.+/, '') || 'student';
  return `${name} (${card.deviceId.slice(0, 6)})`;
}
