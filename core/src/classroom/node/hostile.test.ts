// A hostile classmate on loopback (issue 15, items 1 and 2): a fake teacher who
// knows the code and the class id, junk hellos, spoofed mDNS records, a relayed
// command, a teacher that stops sending a lesson. Each test fails if its fix is
// undone. Sources other than 127.0.0.1 are other loopback addresses (127.0.0.5).
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from '../bytes.js';
import { signMessage } from '../envelope.js';
import { JoinWindow, deviceIdOf, type TeacherCard } from '../pairing.js';
import type { Announcement, Discovery, FoundService } from '../ports.js';
import { signPresence } from '../presence.js';
import { FakeSession } from '../test/fake-session.js';
import { createNodeCrypto } from './crypto.js';
import { LessonError, fetchOverHttp } from './lesson-in.js';
import { StudentDevice } from './student.js';
import { TeacherClassroom } from './teacher.js';

const c = createNodeCrypto();

/** mDNS on a table: every record announced (or injected) reaches every browser, as from `address`. */
class FakeMdns {
  private readonly browsers = new Set<(s: FoundService) => void>();
  private readonly records = new Map<string, FoundService>();

  discovery(address: string): Discovery {
    return {
      announce: async (a: Announcement) => this.inject({ ...a, addresses: [address] }),
      withdraw: async () => undefined,
      browse: (up) => {
        this.browsers.add(up);
        for (const r of this.records.values()) up(r);
        return { stop: () => void this.browsers.delete(up) };
      },
      close: async () => undefined,
    };
  }

  inject(record: FoundService): void {
    this.records.set(record.name, record);
    for (const b of this.browsers) b(record);
  }

  remove(name: string): void {
    this.records.delete(name);
  }
}

function post(
  port: number,
  route: string,
  body: unknown,
  localAddress?: string,
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const data = JSON.stringify(body);
    const req = http.request(
      { host: '127.0.0.1', port, path: route, method: 'POST', ...(localAddress ? { localAddress } : {}) },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined }));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

interface FakeTeacher {
  readonly port: number;
  readonly keys: { publicKey: Uint8Array; privateKey: Uint8Array };
  hellos: number;
  close(): Promise<void>;
}

/**
 * A classmate's laptop playing teacher: it knows the code (it is on the
 * projector) and the class id (public in TXT), runs the real pairing with
 * them, and hands out its own key, or `cardKey` (e.g. the real teacher's).
 */
async function fakeTeacher(code: string, classId: string, cardKey?: string): Promise<FakeTeacher> {
  const keys = c.generateSigningKey();
  const window = new JoinWindow(c, code, classId);
  const card = (): TeacherCard => ({
    classId,
    className: 'ថ្នាក់ទី៧ក',
    deviceId: deviceIdOf(c, cardKey ? fromBase64Url(cardKey)! : keys.publicKey),
    name: 'Teacher',
    publicKey: cardKey ?? toBase64Url(keys.publicKey),
    classKey: toBase64Url(c.randomBytes(32)),
    syncthingId: '',
    syncthingPort: 22000,
    port: 1,
    now: Date.now(),
  });
  const fake: FakeTeacher = {
    port: 0,
    keys,
    hellos: 0,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (d: Buffer) => (text += d.toString()));
    req.on('end', () => {
      const body: unknown = JSON.parse(text);
      const r =
        req.url === '/pair/hello'
          ? (fake.hellos++, window.hello(body))
          : window.finish(body, card, (t) => c.sign(keys.privateKey, t));
      res.writeHead(r.kind === 'ok' ? 200 : 403, { 'content-type': 'application/json' });
      res.end(JSON.stringify(r.kind === 'ok' ? r.reply : { reason: r.reason }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  (fake as { port: number }).port = (server.address() as AddressInfo).port;
  server.unref();
  return fake;
}

function teacherKeys(dataDir: string): { publicKey: Uint8Array; privateKey: Uint8Array } {
  const state = JSON.parse(fs.readFileSync(path.join(dataDir, 'teacher.json'), 'utf8')) as {
    publicKey: string;
    privateKey: string;
  };
  return { publicKey: fromBase64Url(state.publicKey)!, privateKey: fromBase64Url(state.privateKey)! };
}

describe('a hostile classmate', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-hostile-'));
  const mdns = new FakeMdns();
  let teacher: TeacherClassroom;
  const fakes: FakeTeacher[] = [];

  async function student(name: string): Promise<StudentDevice> {
    return StudentDevice.open({
      dataDir: path.join(root, name),
      name,
      session: new FakeSession(),
      host: '127.0.0.1',
      discovery: mdns.discovery('127.0.0.1'),
      teacherRoster: false,
      fetchIdleMs: 200,
    });
  }

  beforeAll(async () => {
    teacher = await TeacherClassroom.open({
      dataDir: path.join(root, 'teacher'),
      name: 'Teacher',
      className: 'ថ្នាក់ទី៧ក',
      host: '127.0.0.1',
      discovery: mdns.discovery('127.0.0.1'),
    });
  });

  afterAll(async () => {
    await Promise.all(fakes.map((f) => f.close()));
    await teacher?.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('a classmate announcing _koompi._tcp with the class id and the right code is not pinned as teacher', async () => {
    const { code, display } = await teacher.startClass();
    // The fake teacher's own key, announced with its own valid signature, and joining open.
    const fake = await fakeTeacher(code, teacher.classId);
    fakes.push(fake);
    const fakeId = deviceIdOf(c, fake.keys.publicKey);
    mdns.inject({
      ...signPresence(
        c,
        fake.keys,
        {
          name: 'KOOMPI teacher (a classmate)',
          port: fake.port,
          txt: { v: '1', role: 'teacher', id: fakeId, st: '', cls: teacher.classId, join: '1' },
        },
        ['127.0.0.1'],
        Date.now(),
      ),
      addresses: ['127.0.0.1'],
    });
    // And an unsigned record with the real teacher's id pointing at the fake.
    mdns.inject({
      name: 'KOOMPI teacher (unsigned)',
      port: fake.port,
      txt: { v: '1', role: 'teacher', id: teacher.deviceId, st: '', cls: teacher.classId, join: '1' },
      addresses: ['127.0.0.1'],
    });
    const s = await student('sok');
    try {
      // Over mDNS: the fake's records are never tried; the student joins the real teacher.
      expect(await s.join(display, { waitMs: 5000 })).toMatchObject({ kind: 'joined' });
      expect(s.membership?.teacher.deviceId).toBe(teacher.deviceId);
      expect(fake.hellos).toBe(0);
    } finally {
      await s.close();
    }
    // Told the fake's address directly, with the code and the real fingerprint: refused, nothing pinned.
    const direct = await student('dara');
    try {
      const where = { host: '127.0.0.1', port: fake.port, classId: teacher.classId };
      expect(await direct.join(display, { teacher: where })).toEqual({ kind: 'unverified-teacher' });
      expect(direct.membership).toBeUndefined();
      // Its card carrying the real teacher's key does not help: the fake cannot sign the pairing with it.
      const thief = await fakeTeacher(
        code,
        teacher.classId,
        toBase64Url(teacherKeys(path.join(root, 'teacher')).publicKey),
      );
      fakes.push(thief);
      const at = { host: '127.0.0.1', port: thief.port, classId: teacher.classId };
      expect(await direct.join(display, { teacher: at })).toEqual({ kind: 'unverified-teacher' });
      expect(direct.membership).toBeUndefined();
      // The code alone is never enough.
      expect(await direct.join(code, { teacher: where })).toEqual({ kind: 'needs-fingerprint' });
    } finally {
      await direct.close();
    }
    mdns.remove('KOOMPI teacher (a classmate)');
    mdns.remove('KOOMPI teacher (unsigned)');
  });

  it('a key on the school roster is a teacher without the fingerprint; a roster others can write is ignored', async () => {
    const { code } = await teacher.startClass();
    const rosterDir = path.join(root, 'etc-koompi');
    fs.mkdirSync(rosterDir, { mode: 0o755 });
    const roster = path.join(rosterDir, 'teachers');
    fs.writeFileSync(roster, `# school teachers\n${toBase64Url(teacherKeys(path.join(root, 'teacher')).publicKey)}\n`, {
      mode: 0o644,
    });
    const uid = process.getuid?.() ?? 0;
    const open = (name: string): Promise<StudentDevice> =>
      StudentDevice.open({
        dataDir: path.join(root, name),
        name,
        session: new FakeSession(),
        host: '127.0.0.1',
        discovery: mdns.discovery('127.0.0.1'),
        teacherRoster: roster,
        teacherRosterOwner: uid,
      });
    const where = { host: '127.0.0.1', port: teacher.port, classId: teacher.classId };
    fs.chmodSync(roster, 0o666);
    const loose = await open('vuthy');
    try {
      expect(await loose.join(code, { teacher: where })).toEqual({ kind: 'needs-fingerprint' });
    } finally {
      await loose.close();
    }
    fs.chmodSync(roster, 0o644);
    // Owned by someone else (a student's own file): ignored too.
    const foreign = await StudentDevice.open({
      dataDir: path.join(root, 'vuthy'),
      name: 'vuthy',
      session: new FakeSession(),
      host: '127.0.0.1',
      teacherRoster: roster,
      teacherRosterOwner: uid + 1,
    });
    try {
      expect(await foreign.join(code, { teacher: where })).toEqual({ kind: 'needs-fingerprint' });
    } finally {
      await foreign.close();
    }
    fs.chmodSync(roster, 0o644);
    const s = await open('vuthy');
    try {
      expect(await s.join(code, { waitMs: 5000 })).toMatchObject({ kind: 'joined' });
      expect(s.membership?.teacher.deviceId).toBe(teacher.deviceId);
    } finally {
      await s.close();
    }
  });

  it('51+ junk hellos from one source do not stop an honest student from joining', async () => {
    const { display } = await teacher.startClass();
    for (let i = 0; i < 60; i++) {
      const junk = {
        sid: toBase64Url(c.randomBytes(16)),
        share: toBase64Url(c.x25519(c.randomBytes(32), Uint8Array.of(9, ...new Uint8Array(31)))!),
      };
      const r = await post(teacher.port, '/pair/hello', junk, '127.0.0.5');
      if (i >= 10) expect(r).toEqual({ status: 403, body: { reason: 'too-many-attempts' } });
    }
    expect(teacher.joining).toBe(true);
    const s = await student('honest');
    try {
      expect(await s.join(display, { waitMs: 5000 })).toMatchObject({ kind: 'joined' });
    } finally {
      await s.close();
    }
  });

  describe('once joined', () => {
    let s: StudentDevice;
    const keys = (): { publicKey: Uint8Array; privateKey: Uint8Array } => teacherKeys(path.join(root, 'teacher'));
    const record = (addresses: string[], at: number, signer = keys()): FoundService => ({
      ...signPresence(
        c,
        signer,
        {
          name: `KOOMPI teacher ${teacher.deviceId}`,
          port: teacher.port,
          txt: { v: '1', role: 'teacher', id: teacher.deviceId, st: '', cls: teacher.classId, join: '0' },
        },
        addresses,
        at,
      ),
      addresses: ['127.0.0.9'],
    });

    beforeAll(async () => {
      const { display } = await teacher.startClass();
      s = await student('srey');
      expect(await s.join(display, { waitMs: 5000 })).toMatchObject({ kind: 'joined' });
      expect(s.membership?.teacherHost).toBe('127.0.0.1');
    });

    afterAll(async () => {
      await s?.close();
    });

    it("an unsigned or wrongly signed mDNS record does not move the student's link", () => {
      const future = Date.now() + 60_000;
      // Unsigned, with the teacher's id.
      mdns.inject({
        name: `KOOMPI teacher ${teacher.deviceId}`,
        port: teacher.port,
        txt: { v: '1', role: 'teacher', id: teacher.deviceId, st: '', cls: teacher.classId, join: '0', a: '127.0.0.9' },
        addresses: ['127.0.0.9'],
      });
      expect(s.membership?.teacherHost).toBe('127.0.0.1');
      // Signed by a classmate's key.
      mdns.inject(record(['127.0.0.9'], future, c.generateSigningKey()));
      expect(s.membership?.teacherHost).toBe('127.0.0.1');
      // The teacher's own record with its address changed after signing.
      const real = record(['127.0.0.1'], future);
      mdns.inject({ ...real, txt: { ...real.txt, a: '127.0.0.9' } });
      expect(s.membership?.teacherHost).toBe('127.0.0.1');
      // The teacher's key but a signature of other bytes.
      mdns.inject({ ...real, txt: { ...real.txt, a: '127.0.0.9', sig: record(['127.0.0.2'], future).txt['sig']! } });
      expect(s.membership?.teacherHost).toBe('127.0.0.1');
      // A signed move the teacher did make, then an older signed record replayed: only the newer counts.
      mdns.inject(record(['127.0.0.2'], future));
      expect(s.membership?.teacherHost).toBe('127.0.0.2');
      mdns.inject(record(['127.0.0.1'], future - 1000));
      expect(s.membership?.teacherHost).toBe('127.0.0.2');
      mdns.inject(record(['127.0.0.1'], future + 1000));
      expect(s.membership?.teacherHost).toBe('127.0.0.1');
    });

    it('a lesson whose teacher stops sending is reported failed, and fetched again when the teacher announces a new address', async () => {
      const content = Buffer.from('មេរៀនទី២\n'.repeat(500));
      const sha256 = (await import('node:crypto')).createHash('sha256').update(content).digest('hex');
      // Two hosts on the teacher's port: one that stops after the headers, one that serves.
      // The student's events to these hosts are taken at once; only the lesson's files stall.
      const events = (req: http.IncomingMessage, res: http.ServerResponse): boolean => {
        if (req.method !== 'POST') return false;
        req.resume();
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
        return true;
      };
      const stall = http.createServer((req, res) => {
        if (!events(req, res)) res.writeHead(200, { 'content-length': content.length }).flushHeaders();
      });
      const serve = http.createServer((req, res) => {
        if (!events(req, res)) res.writeHead(200, { 'content-length': content.length }).end(content);
      });
      await new Promise<void>((r) => stall.listen(teacher.port, '127.0.0.3', () => r()));
      await new Promise<void>((r) => serve.listen(teacher.port, '127.0.0.4', () => r()));
      try {
        let at = Date.now() + 120_000;
        mdns.inject(record(['127.0.0.3'], at++));
        expect(s.membership?.teacherHost).toBe('127.0.0.3');
        const offer = {
          share: 'lesson-stalled',
          title: 'មេរៀនទី២',
          files: [{ path: 'a.txt', size: content.length, sha256 }],
          transport: { kind: 'http', url: 'http://127.0.0.1/lesson' },
        };
        const command = signMessage(
          c,
          { deviceId: teacher.deviceId, classId: teacher.classId, privateKey: keys().privateKey },
          s.deviceId,
          Date.now() * 1000 + 6_000_000,
          Date.now(),
          { kind: 'receive', offer },
        );
        expect((await post(s.port, '/command', command.signed)).status).toBe(200);
        await s.settled();
        expect(s.lessons().some((l) => l.share === 'lesson-stalled')).toBe(false);
        expect(s.failedLessons()).toContain('lesson-stalled');
        // The teacher, signed, at a new address: the failed lesson is fetched again from there.
        mdns.inject(record(['127.0.0.4'], at++));
        expect(s.membership?.teacherHost).toBe('127.0.0.4');
        await s.settled();
        const got = s.lessons().find((l) => l.share === 'lesson-stalled');
        expect(got && fs.readFileSync(path.join(got.dir, 'a.txt')).equals(content)).toBe(true);
        expect(s.failedLessons()).toEqual([]);
        mdns.inject(record(['127.0.0.1'], at++));
        expect(s.membership?.teacherHost).toBe('127.0.0.1');
      } finally {
        stall.closeAllConnections();
        await new Promise<void>((r) => stall.close(() => r()));
        await new Promise<void>((r) => serve.close(() => r()));
      }
    });

    it("a relayed command's source address moves nothing", async () => {
      const m = s.membership!;
      const relayed = signMessage(
        c,
        { deviceId: teacher.deviceId, classId: teacher.classId, privateKey: keys().privateKey },
        s.deviceId,
        Date.now() * 1000 + 5_000_000,
        Date.now(),
        { kind: 'report' },
      );
      const r = await post(s.port, '/command', relayed.signed, '127.0.0.5');
      expect(r.status).toBe(200);
      expect(s.membership?.teacherHost).toBe(m.teacherHost);
    });
  });
});

describe('a lesson read from a teacher that stops sending', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-stall-'));
  const content = Buffer.from('មេរៀនទី១ '.repeat(2000));
  const offer = {
    share: 'share-1',
    title: 'lesson',
    transport: { kind: 'http' as const, url: 'http://127.0.0.1/lesson' },
    files: [{ path: 'a.txt', size: content.length, sha256: '' }],
  };
  let requests = 0;
  let stallFirst = 0;
  let stallBytes = 10;
  const server = http.createServer((req, res) => {
    requests++;
    const start = Number(/bytes=(\d+)-/.exec(String(req.headers['range'] ?? ''))?.[1] ?? 0);
    res.writeHead(start ? 206 : 200, { 'content-length': content.length - start });
    if (requests <= stallFirst) {
      // A few bytes, then nothing: the connection stays open.
      if (stallBytes > 0) res.write(content.subarray(start, start + stallBytes));
      else res.flushHeaders();
      return;
    }
    res.end(content.subarray(start));
  });
  let port = 0;

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('times out, resumes from what arrived and finishes when the teacher sends again', async () => {
    requests = 0;
    stallFirst = 2;
    stallBytes = 10;
    const dir = path.join(root, 'resume');
    await fetchOverHttp(
      () => ({ host: '127.0.0.1', port }),
      offer,
      dir,
      'token',
      () => false,
      {
        idleMs: 150,
        backoffMs: 1,
      },
    );
    expect(fs.readFileSync(path.join(dir, 'a.txt')).equals(content)).toBe(true);
    expect(requests).toBe(3);
  });

  it('is reported failed when the teacher never sends again', async () => {
    requests = 0;
    stallFirst = Number.MAX_SAFE_INTEGER;
    stallBytes = 0;
    const dir = path.join(root, 'stalled');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'a.txt'), content.subarray(0, 10));
    await expect(
      fetchOverHttp(
        () => ({ host: '127.0.0.1', port }),
        offer,
        dir,
        'token',
        () => false,
        { idleMs: 150, backoffMs: 1 },
      ),
    ).rejects.toBeInstanceOf(LessonError);
  });
});
