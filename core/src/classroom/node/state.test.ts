// teacher.json and student.json survive damage: a truncated file comes back
// from its previous good copy; with both damaged the class refuses to start
// (in the person's language) instead of making a new identity.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadTranslator } from '../../i18n/node/bundles.js';
import { FakeSession } from '../test/fake-session.js';
import { StateDamagedError } from './store.js';
import { StudentDevice } from './student.js';
import { TeacherClassroom } from './teacher.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-class-state-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const openTeacher = (dataDir: string): Promise<TeacherClassroom> =>
  TeacherClassroom.open({ dataDir, name: 'Teacher', className: '7A', host: '127.0.0.1' });
const openStudent = (dataDir: string): Promise<StudentDevice> =>
  StudentDevice.open({ dataDir, name: 'Dara', session: new FakeSession(), host: '127.0.0.1' });

function truncate(file: string): void {
  const text = fs.readFileSync(file, 'utf8');
  fs.writeFileSync(file, text.slice(0, Math.floor(text.length / 2)));
}

async function refusal(open: Promise<unknown>): Promise<StateDamagedError> {
  const error = await open.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StateDamagedError);
  return error as StateDamagedError;
}

describe("the teacher's state", () => {
  const dir = path.join(root, 'teacher');
  const file = path.join(dir, 'teacher.json');

  it('comes back from the previous copy when teacher.json is truncated', async () => {
    const first = await openTeacher(dir);
    const identity = { deviceId: first.deviceId, classId: first.classId };
    await first.close();
    await (await openTeacher(dir)).close(); // a second save: teacher.json.prev is the first
    expect(fs.existsSync(`${file}.prev`)).toBe(true);
    truncate(file);
    const again = await openTeacher(dir);
    expect({ deviceId: again.deviceId, classId: again.classId }).toEqual(identity);
    await again.close();
    expect(fs.existsSync(`${file}.damaged`)).toBe(true);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({ classId: identity.classId });
  });

  it('refuses to start, and says why in the teacher language, when both copies are damaged', async () => {
    const before = JSON.parse(fs.readFileSync(file, 'utf8')) as { classId: string; publicKey: string };
    truncate(file);
    fs.writeFileSync(`${file}.prev`, '');
    const damaged = fs.readFileSync(file);
    const error = await refusal(openTeacher(dir));
    expect(error.file).toBe(file);
    // Nothing re-keyed: the damaged file is left as it was, for repair.
    expect(fs.readFileSync(file)).toEqual(damaged);
    expect(fs.readFileSync(`${file}.prev`, 'utf8')).toBe('');
    for (const locale of ['en', 'km'] as const) {
      const text = loadTranslator('classroom', { locale })(error.key, error.params);
      expect(text).toContain(file);
      expect(text).toContain(`${file}.prev`);
      expect(text).not.toContain('state.damaged');
    }
    expect(loadTranslator('classroom', { locale: 'km' })(error.key, error.params)).toContain('ខូច');
    // Put the good copy back: the same class opens again.
    fs.writeFileSync(`${file}.prev`, JSON.stringify(before));
    const back = await openTeacher(dir);
    expect(back.classId).toBe(before.classId);
    await back.close();
  });

  it('treats a file it cannot read as damaged, not as no file', async () => {
    const other = path.join(root, 'teacher-unreadable');
    await (await openTeacher(other)).close();
    const f = path.join(other, 'teacher.json');
    // A folder in its place: reading fails with EISDIR (root reads any file, so no chmod test).
    fs.rmSync(f);
    fs.mkdirSync(f);
    fs.writeFileSync(`${f}.prev`, '{');
    const error = await refusal(openTeacher(other));
    expect(error.reason).toMatch(/EISDIR/);
  });
});

describe("the student's state", () => {
  const dir = path.join(root, 'student');
  const file = path.join(dir, 'student.json');

  it('comes back from the previous copy, and refuses to start when both are damaged', async () => {
    const first = await openStudent(dir);
    const deviceId = first.deviceId;
    await first.close();
    await (await openStudent(dir)).close();
    truncate(file);
    const again = await openStudent(dir);
    expect(again.deviceId).toBe(deviceId);
    await again.close();
    truncate(file);
    truncate(`${file}.prev`);
    const error = await refusal(openStudent(dir));
    expect(error.key).toBe('state.damaged.student');
    expect(loadTranslator('classroom', { locale: 'km' })(error.key, error.params)).toContain(file);
  });
});
