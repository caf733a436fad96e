// The API `koompi class …` calls, against a teacher and a student on loopback.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSession } from '../test/fake-session.js';
import { connectClassroomControl, serveClassroomControl } from './control.js';
import { StudentDevice } from './student.js';
import { TeacherClassroom } from './teacher.js';

describe('classroom control socket (the CLI API)', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-control-'));
  const teacherSock = path.join(root, 'run-t', 'koompi-classroom.sock');
  const studentSock = path.join(root, 'run-s', 'koompi-classroom.sock');
  let teacher: TeacherClassroom;
  let student: StudentDevice;
  const session = new FakeSession();
  const servers: Array<{ close(): Promise<void> }> = [];

  beforeAll(async () => {
    teacher = await TeacherClassroom.open({
      dataDir: path.join(root, 't'),
      name: 'T',
      className: 'ថ្នាក់',
      host: '127.0.0.1',
    });
    student = await StudentDevice.open({ dataDir: path.join(root, 's'), name: 'ដារា', session, host: '127.0.0.1' });
    servers.push(await serveClassroomControl({ role: 'teacher', teacher }, teacherSock));
    servers.push(await serveClassroomControl({ role: 'student', student }, studentSock));
  });

  afterAll(async () => {
    for (const s of servers) await s.close();
    await student.close();
    await teacher.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('says plainly when no classroom is running', async () => {
    expect(await connectClassroomControl(path.join(root, 'nothing.sock')).online()).toEqual({
      kind: 'no-service',
      socket: path.join(root, 'nothing.sock'),
    });
  });

  it('starts a class, lets a student in, shares, locks and lists who is online', async () => {
    const t = connectClassroomControl(teacherSock);
    const started = await t.start();
    if (started.kind !== 'ok') throw new Error(JSON.stringify(started));
    expect(started.value.code).toMatch(/^\d{6}$/);
    expect((fs.statSync(teacherSock).mode & 0o777).toString(8)).toBe('600');
    // The student's CLI would discover the teacher over mDNS; here it is told where it is.
    const joined = await student.join(started.value.display, {
      teacher: { host: '127.0.0.1', port: teacher.port, classId: teacher.classId },
    });
    expect(joined.kind).toBe('joined');
    const s = connectClassroomControl(studentSock);
    expect(await s.status()).toMatchObject({ kind: 'ok', value: { role: 'student', classId: teacher.classId } });
    expect(await s.share('x')).toEqual({ kind: 'wrong-role', role: 'student' });

    const lesson = path.join(root, 'lesson.txt');
    fs.writeFileSync(lesson, 'មេរៀន');
    const shared = await t.share('lesson.txt', root);
    expect(shared).toMatchObject({ kind: 'ok', value: { title: 'lesson.txt', transport: 'http' } });
    const online = await t.online();
    expect(online).toMatchObject({ kind: 'ok', value: [{ name: 'ដារា', online: true }] });
    expect(await t.lock('ឈប់')).toMatchObject({ kind: 'ok', value: { [student.deviceId]: { kind: 'done' } } });
    expect(session.locked).toBe(true);
    expect(await t.unlock()).toMatchObject({ kind: 'ok' });
    expect(session.locked).toBe(false);
    expect(await t.collect()).toEqual({ kind: 'ok', value: [] });
  });

  it('refuses a socket folder that is not private, or not its own, on both ends', async () => {
    const open = path.join(root, 'open');
    fs.mkdirSync(open, { mode: 0o700 });
    fs.chmodSync(open, 0o777);
    const sock = path.join(open, 'koompi-classroom.sock');
    await expect(serveClassroomControl({ role: 'teacher', teacher }, sock)).rejects.toThrow(/open to others/);
    expect(fs.existsSync(sock)).toBe(false);
    // Someone else's socket in it: the CLI does not talk to it.
    let heard = false;
    const fake = net.createServer((c) => {
      heard = true;
      c.end('{"kind":"ok","value":[]}\n');
    });
    await new Promise<void>((resolve) => fake.listen(sock, resolve));
    try {
      expect(await connectClassroomControl(sock).lock('x')).toMatchObject({ kind: 'failed' });
      expect(heard).toBe(false);
    } finally {
      await new Promise((resolve) => fake.close(resolve));
    }
    // A symlink to a private folder is not the folder.
    const link = path.join(root, 'link');
    fs.symlinkSync(path.join(root, 'run-t'), link);
    await expect(serveClassroomControl({ role: 'teacher', teacher }, path.join(link, 'x.sock'))).rejects.toThrow(
      /not a folder/,
    );
    if (process.getuid?.() === 0) {
      const theirs = path.join(root, 'theirs');
      fs.mkdirSync(theirs, { mode: 0o700 });
      fs.chownSync(theirs, 65534, 65534);
      await expect(
        serveClassroomControl({ role: 'teacher', teacher }, path.join(theirs, 'koompi-classroom.sock')),
      ).rejects.toThrow(/belongs to uid 65534/);
    }
  });
});
