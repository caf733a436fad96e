/**
 * A student's device: pairs with the teacher by class code, obeys only the
 * paired teacher's signed commands (lock, unlock, message, open, report,
 * receive a lesson, receipt), fetches lessons by the transport the teacher
 * chose, checks every file against the signed manifest, and sends its work
 * through its own send-only Syncthing folder.
 *
 * On the image this runs inside koompid (the session cannot switch it off);
 * the screen lock and the rest go through the `StudentSession` port.
 */
import crypto from 'node:crypto';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fromBase64Url, toBase64Url } from '../bytes.js';
import { normalizeClassCode } from '../code.js';
import type { ClassroomCrypto } from '../crypto.js';
import { EMPTY_REPLAY_STATE, nextSequence, signMessage, verifyMessage, type ReplayState } from '../envelope.js';
import { isLessonOffer, isReceipt, type LessonOffer, type Receipt } from '../lessons.js';
import { checkRelativePath, displayName } from '../names.js';
import { deviceIdOf, startStudentPairing, type TeacherCard } from '../pairing.js';
import type { Discovery, FoundService, StudentSession } from '../ports.js';
import {
  isTeacherCommand,
  type CommandOutcome,
  type StudentEvent,
  type StudentStatus,
  type TeacherCommand,
} from '../protocol.js';
import { startAria2, type Aria2Transfer } from './aria2.js';
import { createNodeCrypto } from './crypto.js';
import { freePort, sleep, type RunningProcess } from './process.js';
import { hostFor, postJson, readBody, readJsonFile, sendJson, sha256File, writeDurable } from './store.js';
import type { Syncthing } from './syncthing.js';
import { startUftpReceiver } from './uftp.js';
import { LessonError, fetchOverHttp, verifyAndPlace, waitForFiles, type ReceivedLesson } from './lesson-in.js';

export type { ReceivedLesson } from './lesson-in.js';

export interface StudentDeviceOptions {
  readonly dataDir: string;
  readonly name: string;
  readonly session: StudentSession;
  readonly crypto?: ClassroomCrypto;
  readonly discovery?: Discovery;
  /** Control port (0: any). */
  readonly port?: number;
  readonly host?: string;
  readonly syncthing?: Syncthing;
  /** The port our Syncthing listens on, told to the teacher. */
  readonly syncthingPort?: number;
  /** aria2c path, or false when this device cannot swarm. */
  readonly aria2?: string | false;
  /** Receive multicast lessons (uftpd): group and UDP port. */
  readonly multicast?: { readonly group: string; readonly port: number; readonly binary?: string } | false;
  /** BitTorrent listen port. */
  readonly torrentPort?: number;
  /** After this long with no new file from a multicast, fetch the rest from the teacher (ms). */
  readonly multicastStallMs?: number;
  readonly clock?: () => number;
  readonly log?: (line: string) => void;
}

export interface Membership {
  readonly teacher: TeacherCard;
  /** The address the teacher answered on. */
  readonly teacherHost: string;
  readonly clockOffsetMs: number;
}

export interface StoredReceipt extends Receipt {
  /** Whether the file we have still matches what the teacher received. */
  readonly matches: boolean;
}

export type JoinResult =
  | { kind: 'joined'; className: string; teacher: string }
  | { kind: 'invalid-code' }
  | { kind: 'wrong-code' }
  | { kind: 'no-teacher' }
  | { kind: 'refused'; reason: string };

export type SubmitResult =
  { kind: 'submitted'; path: string } | { kind: 'refused'; reason: string } | { kind: 'not-joined' };

interface State {
  publicKey: string;
  privateKey: string;
  membership?: Membership;
  replay: ReplayState;
  seq: number;
  lessons: ReceivedLesson[];
  receipts: StoredReceipt[];
  /** Events not yet taken by the teacher, oldest first. */
  outbox: StudentEvent[];
}

function isState(x: unknown): x is State {
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof (x as State).publicKey === 'string' &&
    Array.isArray((x as State).lessons)
  );
}

const MAX_AGE_MS = 10 * 60_000;
const SEED_AFTER_MS = 15 * 60_000;

export class StudentDevice extends EventEmitter {
  private server?: http.Server;
  private state: State;
  private readonly crypto: ClassroomCrypto;
  private readonly clock: () => number;
  private readonly transfers = new Map<string, Promise<void>>();
  private readonly seeding = new Set<Aria2Transfer>();
  private uftpd?: RunningProcess;
  private browsing?: { stop(): void };
  private readonly teachers = new Map<string, FoundService>();
  private flushing = false;
  private closed = false;
  private locked = false;
  port = 0;

  private constructor(
    private readonly options: StudentDeviceOptions,
    state: State,
    cryptoImpl: ClassroomCrypto,
  ) {
    super();
    this.state = state;
    this.crypto = cryptoImpl;
    this.clock = options.clock ?? Date.now;
  }

  /** Opens (or creates) the device's state and starts listening for the teacher. */
  static async open(options: StudentDeviceOptions): Promise<StudentDevice> {
    const c = options.crypto ?? createNodeCrypto();
    fs.mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
    let state = readJsonFile(path.join(options.dataDir, 'student.json'), isState);
    if (!state) {
      const keys = c.generateSigningKey();
      state = {
        publicKey: toBase64Url(keys.publicKey),
        privateKey: toBase64Url(keys.privateKey),
        replay: EMPTY_REPLAY_STATE,
        seq: 0,
        lessons: [],
        receipts: [],
        outbox: [],
      };
    }
    const device = new StudentDevice(options, state, c);
    device.save();
    for (const dir of ['Lessons', 'Submit', 'Returned', 'incoming'])
      fs.mkdirSync(path.join(options.dataDir, dir), { recursive: true });
    await device.listen();
    if (options.multicast && device.membership) device.startMulticastReceiver();
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
    writeDurable(path.join(this.options.dataDir, 'student.json'), JSON.stringify(this.state));
  }

  private async listen(): Promise<void> {
    const server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port ?? 0, this.options.host ?? '0.0.0.0', () => resolve());
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
  }

  private onFound(service: FoundService): void {
    if (service.txt['role'] !== 'teacher') return;
    this.teachers.set(service.name, service);
    const m = this.state.membership;
    // The teacher moved (new address after a restart): follow it, by its pinned id.
    if (
      m &&
      service.txt['id'] === m.teacher.deviceId &&
      service.addresses[0] &&
      !service.addresses.includes(m.teacherHost)
    ) {
      this.state.membership = { ...m, teacherHost: service.addresses[0] };
      this.save();
      void this.flush();
    }
    this.emit('teacher-found', service);
  }

  /** Teachers currently announcing on the network. */
  teachersFound(): FoundService[] {
    return [...this.teachers.values()];
  }

  /**
   * Joins the class whose teacher shows `code`. Looks for teachers that accept
   * joins on mDNS (or uses `teacher` when given: host and port) and pairs.
   */
  async join(
    codeText: string,
    options: { teacher?: { host: string; port: number; classId: string }; waitMs?: number } = {},
  ): Promise<JoinResult> {
    const parsed = normalizeClassCode(codeText);
    if (parsed.kind !== 'ok') return { kind: 'invalid-code' };
    const candidates: Array<{ host: string; port: number; classId: string }> = [];
    if (options.teacher) candidates.push(options.teacher);
    else {
      const deadline = this.clock() + (options.waitMs ?? 30_000);
      while (candidates.length === 0 && this.clock() < deadline) {
        for (const s of this.teachers.values()) {
          if (s.txt['join'] === '1' && s.txt['cls'] && s.addresses[0])
            candidates.push({ host: s.addresses[0], port: s.port, classId: s.txt['cls'] });
        }
        if (candidates.length === 0) await sleep(200);
      }
    }
    if (candidates.length === 0) return { kind: 'no-teacher' };
    let last: JoinResult = { kind: 'no-teacher' };
    for (const c of candidates) {
      last = await this.pairWith(parsed.code, c);
      if (last.kind === 'joined') return last;
    }
    return last;
  }

  private async pairWith(code: string, teacher: { host: string; port: number; classId: string }): Promise<JoinResult> {
    const base = `http://${hostFor(teacher.host)}:${teacher.port}`;
    const pairing = startStudentPairing(this.crypto, code, teacher.classId);
    try {
      const hello = await postJson(`${base}/pair/hello`, pairing.hello);
      if (hello.status !== 200)
        return { kind: 'refused', reason: String((hello.body as { reason?: string })?.reason ?? hello.status) };
      const answer = pairing.answer(hello.body, {
        deviceId: this.deviceId,
        name: this.options.name,
        publicKey: this.state.publicKey,
        port: this.port,
        syncthingId: this.options.syncthing?.deviceId ?? '',
      });
      if (answer.kind !== 'ok')
        return answer.kind === 'wrong-code' ? { kind: 'wrong-code' } : { kind: 'refused', reason: 'malformed' };
      const sentAt = this.clock();
      const finish = await postJson(`${base}/pair/finish`, answer.finish);
      if (finish.status !== 200)
        return { kind: 'refused', reason: String((finish.body as { reason?: string })?.reason ?? finish.status) };
      const opened = pairing.open(finish.body, answer.isk);
      if (opened.kind !== 'ok') return { kind: 'refused', reason: 'malformed' };
      const roundTrip = this.clock() - sentAt;
      const card = opened.teacher;
      this.state = {
        ...this.state,
        membership: { teacher: card, teacherHost: teacher.host, clockOffsetMs: card.now - (sentAt + roundTrip / 2) },
        replay: EMPTY_REPLAY_STATE,
      };
      this.save();
      this.log(`joined ${card.className}`);
      if (this.options.multicast && !this.uftpd) this.startMulticastReceiver();
      await this.afterJoin();
      this.emit('joined', card);
      return { kind: 'joined', className: displayName(card.className), teacher: displayName(card.name) };
    } catch (error) {
      this.log(`pairing with ${base} failed: ${String(error)}`);
      return { kind: 'no-teacher' };
    }
  }

  /** Sets up Syncthing folders with the teacher and says hello. */
  private async afterJoin(): Promise<void> {
    const m = this.state.membership;
    const st = this.options.syncthing;
    if (m && st && m.teacher.syncthingId) {
      await st.addDevice(m.teacher.syncthingId, displayName(m.teacher.name), [
        `tcp://${hostFor(m.teacherHost)}:${m.teacher.syncthingPort}`,
      ]);
      await st.putFolder({
        id: `koompi-work-${this.deviceId}`,
        label: 'Submit',
        path: this.submitDir,
        type: 'sendonly',
        devices: [m.teacher.syncthingId],
      });
      await st.putFolder({
        id: `koompi-return-${this.deviceId}`,
        label: 'Returned',
        path: this.returnedDir,
        type: 'receiveonly',
        devices: [m.teacher.syncthingId],
      });
    }
    await this.queue({ kind: 'hello', port: this.port, status: await this.status() });
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

  // ---- work ----

  /** Puts a copy of a file into the Submit folder (Syncthing sends it to the teacher). */
  submit(file: string, name = path.basename(file)): SubmitResult {
    if (!this.state.membership) return { kind: 'not-joined' };
    const check = checkRelativePath(name);
    if (check.kind !== 'ok') return { kind: 'refused', reason: check.reason };
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      return { kind: 'refused', reason: 'missing' };
    }
    if (!stat.isFile()) return { kind: 'refused', reason: 'not-a-file' };
    const dest = path.join(this.submitDir, check.path);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.copyFileSync(file, dest, fs.constants.COPYFILE_FICLONE);
    void this.options.syncthing?.scan(`koompi-work-${this.deviceId}`).catch(() => undefined);
    return { kind: 'submitted', path: check.path };
  }

  // ---- the teacher's commands ----

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (req.method !== 'POST' || req.url !== '/command') {
      sendJson(res, 404, { reason: 'not-found' });
      return;
    }
    const m = this.state.membership;
    if (!m) {
      sendJson(res, 403, { reason: 'not-joined' });
      return;
    }
    let wire: unknown;
    try {
      wire = JSON.parse(await readBody(req, 4_500_000));
    } catch {
      sendJson(res, 400, { reason: 'malformed' });
      return;
    }
    const verified = verifyMessage(this.crypto, wire, {
      classId: m.teacher.classId,
      self: this.deviceId,
      acceptBroadcast: true,
      keyOf: (id) => (id === m.teacher.deviceId ? fromBase64Url(m.teacher.publicKey) : undefined),
      replayOf: () => this.state.replay,
      nowMs: this.clock(),
      clockOffsetMs: m.clockOffsetMs,
      maxAgeMs: MAX_AGE_MS,
      isMessage: (x): x is TeacherCommand => isTeacherCommand(x, isLessonOffer, isReceipt),
    });
    if (verified.kind !== 'ok') {
      this.log(`refused a command: ${verified.reason}`);
      this.emit('refused', verified.reason);
      sendJson(res, 403, { reason: verified.reason });
      return;
    }
    // Remember the counter before acting: a crash mid-command must not let it run twice.
    this.state.replay = verified.replay;
    this.save();
    const source = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
    if (source && source !== m.teacherHost && /^\d+\.\d+\.\d+\.\d+$/.test(source)) {
      this.state.membership = { ...m, teacherHost: source };
      this.save();
    }
    const outcome = await this.execute(verified.envelope.msg);
    const seq = nextSequence(this.state.seq, this.clock());
    this.state.seq = seq;
    this.save();
    const reply = signMessage(this.crypto, this.sender(), m.teacher.deviceId, seq, this.clock(), {
      kind: 'reply',
      re: verified.envelope.nonce,
      result: outcome,
    } satisfies StudentEvent);
    sendJson(res, 200, reply.signed);
  }

  private sender() {
    return {
      deviceId: this.deviceId,
      classId: this.state.membership?.teacher.classId ?? '',
      privateKey: fromBase64Url(this.state.privateKey)!,
    };
  }

  private async execute(command: TeacherCommand): Promise<CommandOutcome> {
    const session = this.options.session;
    const fromSession = (r: Awaited<ReturnType<StudentSession['lock']>>): CommandOutcome =>
      r.kind === 'done' ? { kind: 'done' } : { kind: 'failed', reason: r.reason };
    this.emit('command', command);
    switch (command.kind) {
      case 'lock': {
        const r = await session.lock(displayName(command.message, 200));
        if (r.kind === 'done') this.locked = true;
        return fromSession(r);
      }
      case 'unlock': {
        const r = await session.unlock();
        if (r.kind === 'done') this.locked = false;
        return fromSession(r);
      }
      case 'message':
        this.emit('message', command.text);
        return fromSession(await session.notify(command.text));
      case 'open-link':
        return fromSession(await session.openLink(command.url));
      case 'open-lesson': {
        const lesson = this.state.lessons.find((l) => l.share === command.share);
        const check = checkRelativePath(command.path);
        if (!lesson || check.kind !== 'ok') return { kind: 'refused', reason: 'no-such-lesson' };
        const file = path.join(lesson.dir, check.path);
        if (!file.startsWith(lesson.dir + path.sep) || !fs.existsSync(file))
          return { kind: 'refused', reason: 'no-such-lesson' };
        return fromSession(await session.openFile(file));
      }
      case 'report':
        return { kind: 'done', status: await this.status() };
      case 'receive':
        this.receive(command.offer);
        return { kind: 'done' };
      case 'receipt':
        return this.takeReceipt(command.receipt);
    }
  }

  private async takeReceipt(receipt: Receipt): Promise<CommandOutcome> {
    const local = path.join(this.submitDir, receipt.path);
    let matches = false;
    try {
      matches = (await sha256File(local)) === receipt.sha256;
    } catch {
      matches = false;
    }
    const stored: StoredReceipt = { ...receipt, matches };
    this.state.receipts = [
      ...this.state.receipts.filter((r) => !(r.path === receipt.path && r.sha256 === receipt.sha256)),
      stored,
    ];
    this.save();
    this.emit('receipt', stored);
    return { kind: 'done' };
  }

  // ---- lessons ----

  private receive(offer: LessonOffer): void {
    this.log(`offered ${offer.share} (${offer.transport.kind})`);
    if (this.state.lessons.some((l) => l.share === offer.share)) {
      void this.queue({ kind: 'arrived', share: offer.share, verified: true, problem: '' });
      return;
    }
    if (this.transfers.has(offer.share)) return;
    const started = this.fetchLesson(offer)
      .then(async (lesson) => {
        this.state.lessons = [...this.state.lessons, lesson];
        this.save();
        this.emit('lesson', lesson);
        await this.queue({ kind: 'arrived', share: offer.share, verified: true, problem: '' });
      })
      .catch(async (error: unknown) => {
        this.log(`lesson ${offer.share} failed: ${String(error)}`);
        await this.queue({
          kind: 'arrived',
          share: offer.share,
          verified: false,
          problem: String(error).slice(0, 400),
        });
      })
      .finally(() => this.transfers.delete(offer.share));
    this.transfers.set(offer.share, started);
  }

  /** Waits for the lessons being fetched now (tests, shutdown). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.transfers.values()]);
  }

  private async fetchLesson(offer: LessonOffer): Promise<ReceivedLesson> {
    const m = this.state.membership;
    if (!m) throw new LessonError('not joined');
    const incoming = path.join(this.options.dataDir, 'incoming', offer.share);
    fs.mkdirSync(incoming, { recursive: true });
    const transport = offer.transport;
    const isClosed = (): boolean => this.closed;
    let root = incoming;
    switch (transport.kind) {
      case 'http':
        await fetchOverHttp(
          { host: m.teacherHost, port: m.teacher.port },
          offer,
          incoming,
          this.lessonToken(offer.share),
          isClosed,
        );
        break;
      case 'torrent': {
        if (this.options.aria2 === false) throw new LessonError('this device has no BitTorrent engine');
        const torrentFile = path.join(this.options.dataDir, 'incoming', `${offer.share}.torrent`);
        fs.writeFileSync(torrentFile, fromBase64Url(transport.torrent) ?? new Uint8Array());
        const aria = await startAria2({
          torrentFile,
          dir: incoming,
          tracker: `http://${hostFor(m.teacherHost)}:${m.teacher.port}/announce/${transport.token}`,
          seed: false,
          listenPort: this.options.torrentPort ?? (await freePort('0.0.0.0')),
          ...(typeof this.options.aria2 === 'string' ? { binary: this.options.aria2 } : {}),
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
      case 'multicast':
        root = path.join(this.options.dataDir, 'incoming', 'multicast', offer.share);
        const tempDir = path.join(this.options.dataDir, 'incoming', 'multicast-tmp');
        if ((await waitForFiles(root, offer.files, isClosed, tempDir, this.options.multicastStallMs)) === 'stalled') {
          this.log(`multicast of ${offer.share} stalled: fetching the rest from the teacher`);
          const teacher = { host: m.teacherHost, port: m.teacher.port };
          await fetchOverHttp(teacher, offer, root, this.lessonToken(offer.share), isClosed);
        }
        break;
    }
    return verifyAndPlace(root, offer, this.lessonsDir, this.clock());
  }

  private lessonToken(share: string): string {
    const key = fromBase64Url(this.state.membership?.teacher.classKey ?? '') ?? new Uint8Array();
    return toBase64Url(crypto.createHmac('sha256', key).update(`lesson:${share}`).digest()).slice(0, 32);
  }

  private startMulticastReceiver(): void {
    const mc = this.options.multicast;
    const m = this.state.membership;
    if (!mc || !m) return;
    this.uftpd = startUftpReceiver({
      dir: path.join(this.options.dataDir, 'incoming', 'multicast'),
      tempDir: path.join(this.options.dataDir, 'incoming', 'multicast-tmp'),
      port: mc.port,
      group: mc.group,
      clientId: uftpId(this.deviceId),
      serverId: uftpId(m.teacher.deviceId),
      serverAddress: m.teacherHost,
      ...(mc.binary ? { binary: mc.binary } : {}),
    });
  }

  // ---- events to the teacher ----

  private async queue(event: StudentEvent): Promise<void> {
    this.state.outbox = [
      ...this.state.outbox.filter((e) => !(e.kind === 'hello' && event.kind === 'hello')),
      event,
    ].slice(-200);
    this.save();
    await this.flush();
  }

  /** Sends queued events; what the teacher has not taken stays queued and is retried. */
  async flush(): Promise<boolean> {
    if (this.flushing) return false;
    this.flushing = true;
    try {
      for (let attempt = 0; this.state.outbox.length > 0 && !this.closed; attempt++) {
        const m = this.state.membership;
        const event = this.state.outbox[0];
        if (!m || !event) return false;
        const seq = nextSequence(this.state.seq, this.clock());
        this.state.seq = seq;
        const { signed } = signMessage(this.crypto, this.sender(), m.teacher.deviceId, seq, this.clock(), event);
        try {
          const res = await postJson(`http://${hostFor(m.teacherHost)}:${m.teacher.port}/events`, signed, 5000);
          if (res.status === 200 || res.status === 403) {
            // 403: the teacher will never take it (a refused event is not retried forever).
            this.state.outbox = this.state.outbox.slice(1);
            this.save();
            attempt = 0;
            continue;
          }
        } catch {
          // Teacher unreachable: retry with backoff.
        }
        if (attempt >= 8) {
          this.scheduleFlush(5000);
          return false;
        }
        await sleep(Math.min(2000, 100 * 2 ** attempt));
      }
      return true;
    } finally {
      this.flushing = false;
    }
  }

  private scheduleFlush(ms: number): void {
    const t = setTimeout(() => void this.flush(), ms);
    t.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.browsing?.stop();
    await Promise.all([...this.seeding].map((a) => a.stop()));
    await this.uftpd?.stop();
    await new Promise<void>((resolve) => {
      if (!this.server) return resolve();
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }
}

/** A uftp client or server id from a device id: 32 bits, never zero or all ones. */
export function uftpId(deviceId: string): string {
  const n = crypto.createHash('sha256').update(deviceId).digest().readUInt32BE(0);
  const id = n === 0 || n === 0xffffffff ? 1 : n;
  return `0x${id.toString(16).padStart(8, '0')}`;
}
