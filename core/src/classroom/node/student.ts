/**
 * A student's device: pairs with the teacher by class code, obeys only the
 * paired teacher's signed commands (lock, unlock, message, open, report,
 * receive a lesson, receipt), fetches lessons by the transport the teacher
 * chose, checks every file against the signed manifest, and sends its work
 * through its own send-only Syncthing folder.
 *
 * On the image this runs inside koompid (the session cannot switch it off);
 * the screen lock and the rest go through the `StudentSession` port.
 *
 * The parts: joining (`joining.ts`), the HTTP route (`student-routes.ts`),
 * the signed channel (`channel.ts`), one handler per command (`commands/`),
 * lessons in (`receiving.ts`), events to the teacher (`outbox.ts`), work out
 * (`student-work.ts`) and the state (`../student-state.ts`).
 */
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { fromBase64Url } from '../bytes.js';
import type { ClassroomCrypto } from '../crypto.js';
import { displayName } from '../names.js';
import { deviceIdOf, type TeacherCard } from '../pairing.js';
import type { FoundService } from '../ports.js';
import { verifyPresence } from '../presence.js';
import type { StudentStatus } from '../protocol.js';
import {
  isStudentState,
  newStudentState,
  type JoinResult,
  type Membership,
  type ReceivedLesson,
  type StoredReceipt,
  type StudentState,
  type SubmitResult,
} from '../student-state.js';
import { SignedChannel } from './channel.js';
import { carryOut } from './commands/carry-out.js';
import { createNodeCrypto } from './crypto.js';
import { joinClass, type JoinOptions } from './joining.js';
import { Outbox } from './outbox.js';
import { LessonReceiver } from './receiving.js';
import { loadState, writeState } from './store.js';
import type { StudentContext } from './student-context.js';
import type { StudentDeviceOptions } from './student-options.js';
import { listenStudent } from './student-routes.js';
import { shareWorkFolders, submitWork } from './student-work.js';

export class StudentDevice extends EventEmitter {
  private server?: http.Server;
  private readonly state: StudentState;
  private readonly ctx: StudentContext;
  private readonly crypto: ClassroomCrypto;
  private readonly clock: () => number;
  private readonly receiver: LessonReceiver;
  private readonly outbox: Outbox;
  private browsing?: { stop(): void };
  private readonly teachers = new Map<string, FoundService>();
  private closed = false;
  private locked = false;
  port = 0;

  private constructor(
    private readonly options: StudentDeviceOptions,
    state: StudentState,
    cryptoImpl: ClassroomCrypto,
  ) {
    super();
    this.state = state;
    this.crypto = cryptoImpl;
    this.clock = options.clock ?? Date.now;
    const channel = new SignedChannel({
      crypto: cryptoImpl,
      clock: this.clock,
      sender: () => ({
        deviceId: this.deviceId,
        classId: state.membership?.teacher.classId ?? '',
        privateKey: fromBase64Url(state.privateKey)!,
      }),
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
      lessonsDir: this.lessonsDir,
      submitDir: this.submitDir,
      returnedDir: this.returnedDir,
      port: () => this.port,
      closed: () => this.closed,
      save: () => this.save(),
      log: (line) => this.log(line),
      emit: (event, value) => void this.emit(event, value),
      status: () => this.status(),
      setLocked: (locked) => (this.locked = locked),
      receive: (offer) => this.receiver.receive(offer),
      queue: (event) => this.outbox.queue(event),
    };
    this.receiver = new LessonReceiver(this.ctx);
    this.outbox = new Outbox(this.ctx);
  }

  /** Opens (or creates) the device's state and starts listening for the teacher. */
  static async open(options: StudentDeviceOptions): Promise<StudentDevice> {
    const c = options.crypto ?? createNodeCrypto();
    fs.mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
    const state =
      loadState(path.join(options.dataDir, 'student.json'), isStudentState, 'student', (line) =>
        options.log?.(`[student] ${line}`),
      ) ?? newStudentState(c);
    const device = new StudentDevice(options, state, c);
    device.save();
    for (const dir of ['Lessons', 'Submit', 'Returned', 'incoming'])
      fs.mkdirSync(path.join(options.dataDir, dir), { recursive: true });
    const { server, port } = await listenStudent(device.ctx, (command) => carryOut(command, device.ctx));
    device.server = server;
    device.port = port;
    if (options.multicast && device.membership) device.receiver.startMulticast();
    if (device.membership) await device.afterJoin();
    if (options.discovery) device.browsing = options.discovery.browse((s) => device.onFound(s));
    return device;
  }

  get deviceId(): string {
    return deviceIdOf(this.crypto, fromBase64Url(this.state.publicKey)!);
  }

  get membership(): Membership | undefined {
    return this.state.membership;
  }

  get lessonsDir(): string {
    return path.join(this.options.dataDir, 'Lessons');
  }

  get submitDir(): string {
    return path.join(this.options.dataDir, 'Submit');
  }

  get returnedDir(): string {
    return path.join(this.options.dataDir, 'Returned');
  }

  lessons(): readonly ReceivedLesson[] {
    return this.state.lessons;
  }

  receipts(): readonly StoredReceipt[] {
    return this.state.receipts;
  }

  private log(line: string): void {
    this.options.log?.(`[student ${this.options.name}] ${line}`);
  }

  private save(): void {
    writeState(path.join(this.options.dataDir, 'student.json'), JSON.stringify(this.state));
  }

  private onFound(service: FoundService): void {
    if (service.txt['role'] !== 'teacher') return;
    this.teachers.set(service.name, service);
    const m = this.state.membership;
    if (m && service.txt['id'] === m.teacher.deviceId) this.followTeacher(m, service);
    this.emit('teacher-found', service);
  }

  /**
   * The paired teacher announced itself: follow it to a new address (after a
   * restart, a new lease) only when the record is signed by the pinned key and
   * newer than the last one followed, and only to an address it signed.
   */
  private followTeacher(m: Membership, service: FoundService): void {
    const presence = verifyPresence(this.crypto, service, m.teacher.publicKey);
    if (presence.kind !== 'ok') {
      this.log(`ignoring an announcement for the teacher: ${presence.kind}`);
      return;
    }
    if (presence.at <= (m.presenceAt ?? 0)) return;
    const moved = !presence.addresses.includes(m.teacherHost);
    const host = moved
      ? (presence.addresses.find((a) => service.addresses.includes(a)) ?? presence.addresses[0])
      : m.teacherHost;
    if (!host) return;
    this.state.membership = { ...m, teacherHost: host, presenceAt: presence.at };
    this.save();
    if (moved) {
      this.log(`the teacher moved to ${host}`);
      void this.flush();
      this.receiver.teacherMoved();
    }
  }

  /** Teachers currently announcing on the network. */
  teachersFound(): FoundService[] {
    return [...this.teachers.values()];
  }

  /**
   * Joins the class whose teacher shows `code`. Looks for teachers that accept
   * joins on mDNS (or uses `teacher` when given: host and port) and pairs.
   */
  join(codeText: string, options: JoinOptions = {}): Promise<JoinResult> {
    return joinClass(
      { ctx: this.ctx, teachers: () => this.teachers.values(), joined: (card) => this.joined(card) },
      codeText,
      options,
    );
  }

  private async joined(card: TeacherCard): Promise<void> {
    if (this.options.multicast) this.receiver.startMulticast();
    await this.afterJoin();
    this.emit('joined', card);
  }

  /** Sets up Syncthing folders with the teacher and says hello. */
  private async afterJoin(): Promise<void> {
    await shareWorkFolders(this.ctx);
    await this.outbox.queue({ kind: 'hello', port: this.port, status: await this.status() });
  }

  async status(): Promise<StudentStatus> {
    let activeApp = '';
    try {
      activeApp = displayName(await this.options.session.activeApp(), 100);
    } catch {
      activeApp = '';
    }
    return { locked: this.locked, activeApp, shares: this.state.lessons.map((l) => l.share).slice(-100) };
  }

  /** Puts a copy of a file into the Submit folder (Syncthing sends it to the teacher). */
  submit(file: string, name = path.basename(file)): SubmitResult {
    return submitWork(this.ctx, file, name);
  }

  /** Lessons whose fetch failed, waiting for the teacher to offer them again or move. */
  failedLessons(): string[] {
    return this.receiver.failedShares();
  }

  /** Waits for the lessons being fetched now (tests, shutdown). */
  settled(): Promise<void> {
    return this.receiver.settled();
  }

  /** Sends queued events; what the teacher has not taken stays queued and is retried. */
  flush(): Promise<boolean> {
    return this.outbox.flush();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.browsing?.stop();
    await this.receiver.stop();
    await new Promise<void>((resolve) => {
      if (!this.server) return resolve();
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }
}
