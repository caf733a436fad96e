/**
 * The teacher's side of a class: shows a class code and pairs students, keeps
 * the roster (online, what each has in front, locked), shares lessons by the
 * transport the plan picks (HTTP for small ones, a private BitTorrent swarm on
 * a switched network, uftp multicast on a shared medium), sends signed
 * commands, and collects work from each student's send-only Syncthing folder:
 * only names and sizes it has checked are let through, each collected file is
 * copied durably into Submissions/ and acknowledged with a signed receipt.
 *
 * The parts: HTTP routes (`teacher-routes.ts`, events in `teacher-events.ts`),
 * the signed channel (`channel.ts`, the teacher's end in `teacher-commands.ts`),
 * lessons out (`sharing.ts`), work back (`teacher-work.ts`), the roster
 * (`../roster.ts`) and the state (`../teacher-state.ts`).
 */
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import type http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fromBase64Url } from '../bytes.js';
import { formatClassCode, formatFingerprint, generateClassCode } from '../code.js';
import type { ClassroomCrypto } from '../crypto.js';
import { JoinWindow, deviceIdOf, teacherFingerprint, type StudentCard, type TeacherCard } from '../pairing.js';
import { signPresence } from '../presence.js';
import { pairedRecord, rosterOf } from '../roster.js';
import {
  isTeacherState,
  newTeacherState,
  type CommandReport,
  type RosterEntry,
  type ShareProgress,
  type Submission,
  type TeacherState,
} from '../teacher-state.js';
import { SignedChannel, trackerToken } from './channel.js';
import type { WorkCollector } from './collector.js';
import { createNodeCrypto } from './crypto.js';
import { loadState, writeState } from './store.js';
import { LessonSharing, type ShareOptions } from './sharing.js';
import { broadcast, sendCommand } from './teacher-commands.js';
import type { TeacherContext } from './teacher-context.js';
import type { TeacherOptions } from './teacher-options.js';
import { listenTeacher } from './teacher-routes.js';
import { collectorFor, deliverPendingReceipts } from './teacher-work.js';
import { createTracker, type TrackerHandler } from './tracker.js';

export class TeacherClassroom extends EventEmitter {
  private readonly state: TeacherState;
  private readonly ctx: TeacherContext;
  private readonly sharing: LessonSharing;
  private server?: http.Server;
  private tracker?: TrackerHandler;
  private joinWindow?: JoinWindow;
  private code?: string;
  /** The addresses in the last signed announcement (re-announced when they change). */
  private announcedAddresses = '';
  private readonly crypto: ClassroomCrypto;
  private readonly clock: () => number;
  private timer?: NodeJS.Timeout;
  private collector?: WorkCollector;
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
    const channel = new SignedChannel({
      crypto: cryptoImpl,
      clock: this.clock,
      sender: () => ({ deviceId: this.deviceId, classId: state.classId, privateKey: fromBase64Url(state.privateKey)! }),
      lastSeq: () => state.seq,
      setSeq: (seq) => (state.seq = seq),
    });
    this.ctx = {
      options,
      state,
      crypto: cryptoImpl,
      clock: this.clock,
      channel,
      deviceId: this.deviceId,
      port: () => this.port,
      closed: () => this.closed,
      save: () => this.save(),
      log: (line) => this.log(line),
      emit: (event, value) => void this.emit(event, value),
      rosterChanged: () => void this.emit('roster', this.roster()),
      command: (studentId, command) => sendCommand(this.ctx, studentId, command),
    };
    this.sharing = new LessonSharing(this.ctx, () => this.tracker);
  }

  /** Opens the teacher's class (created on first use; kept across restarts) and starts serving. */
  static async open(options: TeacherOptions): Promise<TeacherClassroom> {
    const c = options.crypto ?? createNodeCrypto();
    fs.mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
    const state =
      loadState(path.join(options.dataDir, 'teacher.json'), isTeacherState, 'teacher', (line) =>
        options.log?.(`[teacher] ${line}`),
      ) ?? newTeacherState(c);
    const teacher = new TeacherClassroom(options, state, c);
    teacher.save();
    await teacher.listen();
    teacher.tracker = createTracker({ token: trackerToken(state.classKey) });
    if (options.syncthing) {
      teacher.collector = collectorFor(teacher.ctx, options.syncthing);
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

  private log(line: string): void {
    this.options.log?.(`[teacher] ${line}`);
  }

  private save(): void {
    writeState(path.join(this.options.dataDir, 'teacher.json'), JSON.stringify(this.state));
  }

  private async listen(): Promise<void> {
    const { server, port } = await listenTeacher({
      ctx: this.ctx,
      joinWindow: () => this.joinWindow,
      teacherCard: () => this.teacherCard(),
      prove: (transcript) => this.crypto.sign(fromBase64Url(this.state.privateKey)!, transcript),
      paired: (card, address) => this.paired(card, address),
      tracker: () => this.tracker,
      catchUp: (studentId) => this.catchUp(studentId),
    });
    this.server = server;
    this.port = port;
  }

  // ---- joining ----

  /**
   * Opens joining with a fresh six-digit code and the teacher's fingerprint
   * for it (`teacherFingerprint`): the projector shows both, `display`
   * (`482 913 · 5170 2284`), and students type both.
   */
  async startClass(): Promise<{
    code: string;
    fingerprint: string;
    display: string;
    classId: string;
  }> {
    this.code = generateClassCode(this.crypto);
    const fingerprint = teacherFingerprint(this.crypto, fromBase64Url(this.state.publicKey)!, this.code);
    this.joinWindow = new JoinWindow(this.crypto, this.code, this.state.classId);
    await this.announce();
    return {
      code: this.code,
      fingerprint,
      display: `${formatClassCode(this.code)} · ${formatFingerprint(fingerprint)}`,
      classId: this.state.classId,
    };
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

  /** The IPv4 addresses students reach this teacher on: its host, or every interface's. */
  private addresses(): string[] {
    const host = this.options.host;
    if (host && host !== '0.0.0.0' && host !== '::') return [host];
    return Object.values(os.networkInterfaces())
      .flat()
      .filter((i) => i && i.family === 'IPv4' && !i.internal)
      .map((i) => i!.address);
  }

  /** Announces the teacher, signed with its key (`../presence.ts`): students follow only a signed record. */
  private async announce(): Promise<void> {
    const addresses = this.addresses();
    this.announcedAddresses = addresses.join(',');
    const announcement = {
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
    };
    const keys = { publicKey: fromBase64Url(this.state.publicKey)!, privateKey: fromBase64Url(this.state.privateKey)! };
    await this.options.discovery?.announce(signPresence(this.crypto, keys, announcement, addresses, this.clock()));
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
    this.state.students[card.deviceId] = pairedRecord(this.state.students[card.deviceId], card, address, this.clock());
    this.save();
    await this.collector?.setUp(this.state.students[card.deviceId]!);
    this.log(`paired ${card.name} (${card.deviceId}) at ${address}`);
    this.emit('roster', this.roster());
  }

  // ---- roster and commands ----

  roster(): RosterEntry[] {
    return rosterOf(Object.values(this.state.students), this.state.submissions, this.clock());
  }

  lock(message = '', only?: readonly string[]): Promise<CommandReport> {
    return broadcast(this.ctx, { kind: 'lock', message }, only);
  }

  unlock(only?: readonly string[]): Promise<CommandReport> {
    return broadcast(this.ctx, { kind: 'unlock' }, only);
  }

  message(text: string, only?: readonly string[]): Promise<CommandReport> {
    return broadcast(this.ctx, { kind: 'message', text }, only);
  }

  openLink(url: string, only?: readonly string[]): Promise<CommandReport> {
    return broadcast(this.ctx, { kind: 'open-link', url }, only);
  }

  openLesson(share: string, file: string, only?: readonly string[]): Promise<CommandReport> {
    return broadcast(this.ctx, { kind: 'open-lesson', share, path: file }, only);
  }

  /** Asks every student for its status now; the roster is updated from the replies. */
  async refresh(): Promise<RosterEntry[]> {
    await broadcast(this.ctx, { kind: 'report' });
    return this.roster();
  }

  // ---- lessons ----

  shares(): ShareProgress[] {
    return this.sharing.shares();
  }

  /**
   * Shares a file or folder with every paired student. Resolves once the
   * offer is out; `waitForShare` (or the `arrived` event) tells when each
   * student's copy is verified.
   */
  share(source: string, options: ShareOptions = {}): Promise<ShareProgress> {
    return this.sharing.share(source, options);
  }

  /** Resolves when every student offered the share has a verified copy (or failed); rejects on close. */
  waitForShare(shareId: string, pollMs = 100): Promise<ShareProgress> {
    return this.sharing.waitForShare(shareId, pollMs);
  }

  private async catchUp(studentId: string): Promise<void> {
    await this.sharing.catchUp(studentId);
    await deliverPendingReceipts(this.ctx, studentId);
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
    await this.sharing.retryOffers();
    // A new address (a new lease, another network): tell the students, signed.
    if (this.addresses().join(',') !== this.announcedAddresses)
      await this.announce().catch((error: unknown) => this.log(`announce: ${String(error)}`));
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await this.sharing.stop();
    await this.options.discovery?.withdraw();
    await new Promise<void>((resolve) => {
      if (!this.server) return resolve();
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }
}
