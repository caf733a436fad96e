// Teacher and students on loopback, no namespaces: pairing, signed commands,
// lessons over HTTP and over the BitTorrent swarm (when aria2 is installed).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSession } from '../test/fake-session.js';
import { signMessage } from '../envelope.js';
import { createNodeCrypto } from './crypto.js';
import { StudentDevice } from './student.js';
import { TeacherClassroom } from './teacher.js';

const hasAria2 = spawnSync('aria2c', ['--version']).status === 0;

describe('a class on loopback', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-class-'));
  let teacher: TeacherClassroom;
  const students: Array<{ device: StudentDevice; session: FakeSession }> = [];

  beforeAll(async () => {
    teacher = await TeacherClassroom.open({
      dataDir: path.join(root, 'teacher'),
      name: 'Teacher',
      className: 'ថ្នាក់ទី៧ក',
      host: '127.0.0.1',
    });
    for (const name of ['សុខ', 'Dara']) {
      const session = new FakeSession();
      const device = await StudentDevice.open({ dataDir: path.join(root, name), name, session, host: '127.0.0.1' });
      students.push({ device, session });
    }
  });

  afterAll(async () => {
    await Promise.all(students.map((s) => s.device.close()));
    await teacher?.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('pairs students with the class code and refuses a wrong one', async () => {
    const { code, fingerprint, display } = await teacher.startClass();
    const where = { host: '127.0.0.1', port: teacher.port, classId: teacher.classId };
    const wrong = code === '000000' ? '000001' : '000000';
    expect(await students[0]!.device.join(`${wrong} ${fingerprint}`, { teacher: where })).toEqual({
      kind: 'wrong-code',
    });
    // The code alone never makes a teacher.
    expect(await students[0]!.device.join(code, { teacher: where })).toEqual({ kind: 'needs-fingerprint' });
    for (const s of students)
      expect(await s.device.join(display, { teacher: where })).toMatchObject({ kind: 'joined', className: 'ថ្នាក់ទី៧ក' });
    expect(
      teacher
        .roster()
        .map((r) => r.name)
        .sort(),
    ).toEqual(['Dara', 'សុខ'].sort());
    expect(teacher.roster().every((r) => r.online)).toBe(true);
  });

  it('locks and unlocks every screen, and reports what each student has in front', async () => {
    const report = await teacher.lock('មើលក្តារខៀន');
    expect(Object.values(report).every((r) => r.kind === 'done')).toBe(true);
    expect(students.every((s) => s.session.locked)).toBe(true);
    expect(students[0]!.session.calls).toContainEqual({ kind: 'lock', arg: 'មើលក្តារខៀន' });
    students[1]!.session.app = 'org.koompi.Write';
    const roster = await teacher.refresh();
    expect(roster.find((r) => r.name === 'Dara')).toMatchObject({ activeApp: 'org.koompi.Write', locked: true });
    await teacher.unlock();
    expect(students.every((s) => !s.session.locked)).toBe(true);
  });

  it('obeys no forged or replayed command', async () => {
    const s = students[0]!;
    const m = s.device.membership!;
    const forger = createNodeCrypto().generateSigningKey();
    const forged = signMessage(
      createNodeCrypto(),
      { deviceId: m.teacher.deviceId, classId: m.teacher.classId, privateKey: forger.privateKey },
      s.device.deviceId,
      Date.now() * 1000 + 10_000_000,
      Date.now(),
      { kind: 'lock', message: 'forged' },
    );
    const res = await fetch(`http://127.0.0.1:${s.device.port}/command`, {
      method: 'POST',
      body: JSON.stringify(forged.signed),
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ reason: 'bad-signature' });
    expect(s.session.locked).toBe(false);

    // Capture a real command on its way and send it again.
    let captured: unknown;
    const original = globalThis.fetch;
    globalThis.fetch = (async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
      if (String(input).endsWith('/command') && typeof init?.body === 'string') captured = JSON.parse(init.body);
      return original(input, init);
    }) as typeof fetch;
    try {
      await teacher.message('សួស្តី', [s.device.deviceId]);
    } finally {
      globalThis.fetch = original;
    }
    const before = s.session.calls.length;
    const replay = await fetch(`http://127.0.0.1:${s.device.port}/command`, {
      method: 'POST',
      body: JSON.stringify(captured),
    });
    expect(replay.status).toBe(403);
    expect(await replay.json()).toEqual({ reason: 'replayed' });
    expect(s.session.calls.length).toBe(before);
  });

  it('shares a small lesson over HTTP; every copy is verified', async () => {
    const lesson = path.join(root, 'lesson-small');
    fs.mkdirSync(path.join(lesson, 'ជំពូក១'), { recursive: true });
    fs.writeFileSync(path.join(lesson, 'ជំពូក១', 'មេរៀន.txt'), 'មេរៀនទី១\n');
    fs.writeFileSync(path.join(lesson, 'data.bin'), crypto.randomBytes(300_000));
    const progress = await teacher.share(lesson, { title: 'មេរៀនទី១' });
    expect(progress.transport).toBe('http');
    const done = await teacher.waitForShare(progress.share);
    expect(Object.values(done.students).map((s) => s.state)).toEqual(['verified', 'verified']);
    for (const s of students) {
      const got = s.device.lessons().find((l) => l.share === progress.share)!;
      expect(got.title).toBe('មេរៀនទី១');
      expect(fs.readFileSync(path.join(got.dir, 'lesson-small', 'ជំពូក១', 'មេរៀន.txt'), 'utf8')).toBe('មេរៀនទី១\n');
    }
  });

  it.skipIf(!hasAria2)('shares a big lesson through the BitTorrent swarm', async () => {
    const file = path.join(root, 'big.bin');
    fs.writeFileSync(file, crypto.randomBytes(12 * 1024 * 1024));
    const progress = await teacher.share(file);
    expect(progress.transport).toBe('torrent');
    const done = await teacher.waitForShare(progress.share);
    expect(Object.values(done.students).map((s) => s.state)).toEqual(['verified', 'verified']);
    const want = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
    for (const s of students) {
      const got = s.device.lessons().find((l) => l.share === progress.share)!;
      expect(
        crypto
          .createHash('sha256')
          .update(fs.readFileSync(path.join(got.dir, 'big.bin')))
          .digest('hex'),
      ).toBe(want);
    }
  });
});
