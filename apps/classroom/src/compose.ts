/**
 * Builds the running classroom for the windows: a TeacherClassroom or a
 * StudentDevice from @koompi/core with the real adapters (mDNS, Syncthing,
 * aria2 when installed), wrapped as the windows' models. Kept apart from
 * main.ts so main stays a thin composition root.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  StudentDevice,
  TeacherClassroom,
  createAvahiDiscovery,
  createBonjourDiscovery,
  createDesktopSession,
  defaultControlSocket,
  displayName,
  serveClassroomControl,
  startSyncthing,
  type Discovery,
  type Syncthing,
  type Translator,
} from '@koompi/core';
import type { StudentModel, TeacherModel, TeacherView, StudentView } from './model.js';

function onPath(bin: string): string | false {
  for (const dir of (process.env['PATH'] ?? '/usr/bin').split(':')) {
    const candidate = path.join(dir, bin);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // keep looking
    }
  }
  return false;
}

const khmerDigits = (text: string): string => text.replace(/[0-9]/g, (d) => String.fromCodePoint(0x17e0 + Number(d)));

function dataHome(role: string): string {
  const base = process.env['XDG_DATA_HOME'] || path.join(os.homedir(), '.local', 'share');
  return path.join(base, 'koompi', 'classroom', role);
}

/** Avahi where it runs (the image: it owns port 5353), else the pure-JS responder. */
async function discoveryFor(label: string): Promise<Discovery> {
  try {
    return await createAvahiDiscovery();
  } catch {
    return createBonjourDiscovery({ hostLabel: label });
  }
}

async function syncthingFor(dir: string): Promise<Syncthing | undefined> {
  if (!onPath('syncthing')) return undefined;
  return startSyncthing({
    home: path.join(dir, 'syncthing'),
    listen: 'tcp://0.0.0.0:22000',
    name: os.hostname(),
  });
}

/** Opens the classroom; if it refuses (a damaged state file), stops what was started for it. */
async function opening<T>(open: () => Promise<T>, syncthing: Syncthing | undefined, discovery: Discovery): Promise<T> {
  try {
    return await open();
  } catch (error) {
    await Promise.allSettled([syncthing?.stop(), discovery.close()]);
    throw error;
  }
}

export async function openTeacher(t: Translator): Promise<{ model: TeacherModel; close(): Promise<void> }> {
  const dir = dataHome('teacher');
  const syncthing = await syncthingFor(dir);
  const discovery = await discoveryFor(`koompi-teacher-${os.hostname()}`);
  const teacher = await opening(
    () =>
      TeacherClassroom.open({
        dataDir: dir,
        name: os.userInfo().username,
        className: t('class.defaultName'),
        discovery,
        port: 7740,
        syncthing,
        aria2: onPath('aria2c'),
      }),
    syncthing,
    discovery,
  );
  let code: string | undefined;
  let status = t('status.ready');
  const listeners = new Set<() => void>();
  const changed = (): void => {
    for (const l of listeners) l();
  };
  for (const e of ['roster', 'submission', 'arrived', 'refused']) teacher.on(e, changed);
  const refresh = setInterval(() => void teacher.refresh().then(changed), 10_000);
  const count = (r: Record<string, { kind: string }>): number =>
    Object.values(r).filter((x) => x.kind === 'done').length;
  const view = (): TeacherView => ({
    className: t('class.defaultName'),
    ...(code ? { code } : {}),
    roster: teacher.roster().map((r) => ({
      id: r.deviceId,
      name: displayName(r.name),
      online: r.online,
      activity: r.activeApp,
      locked: r.locked,
      submitted: r.submitted,
      refused: r.refused.length,
    })),
    status,
  });
  const model: TeacherModel = {
    view,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async startClass() {
      // `482 913 · 5170 2284`: the code, then the teacher's fingerprint (in Khmer digits in a Khmer UI).
      const shown = (await teacher.startClass()).display;
      code = t.locale === 'km' ? shown.replace(/·.*$/, (fp) => khmerDigits(fp)) : shown;
      changed();
    },
    async stopJoining() {
      await teacher.stopJoining();
      code = undefined;
      changed();
    },
    async share(file) {
      const p = await teacher.share(file);
      status = t('status.shared', { title: p.title, count: Object.keys(p.students).length });
      changed();
    },
    async collect() {
      const subs = await teacher.collect();
      status = t('status.collected', { count: subs.length });
      changed();
    },
    async lock() {
      status = t('status.locked', { count: count(await teacher.lock(t('lock.message'))) });
      changed();
    },
    async unlock() {
      status = t('status.unlocked', { count: count(await teacher.unlock()) });
      changed();
    },
    async message(text) {
      status = t('status.messageSent', { count: count(await teacher.message(text)) });
      changed();
    },
  };
  // `koompi class …` reaches this classroom through the control socket while it runs.
  const control = await serveClassroomControl({ role: 'teacher', teacher }, defaultControlSocket());
  return {
    model,
    async close() {
      clearInterval(refresh);
      await control.close();
      await teacher.close();
      await discovery.close();
      await syncthing?.stop();
    },
  };
}

export async function openStudent(t: Translator): Promise<{ model: StudentModel; close(): Promise<void> }> {
  const dir = dataHome('student');
  const syncthing = await syncthingFor(dir);
  const discovery = await discoveryFor(`koompi-student-${os.hostname()}`);
  const student = await opening(
    () =>
      StudentDevice.open({
        dataDir: dir,
        name: os.userInfo().username,
        session: createDesktopSession({ lessonsDir: path.join(dir, 'Lessons') }),
        discovery,
        port: 7741,
        syncthing,
        aria2: onPath('aria2c'),
      }),
    syncthing,
    discovery,
  );
  const control = await serveClassroomControl({ role: 'student', student }, defaultControlSocket());
  let status = t('student.ready');
  let lastMessage: string | undefined;
  const listeners = new Set<() => void>();
  const changed = (): void => {
    for (const l of listeners) l();
  };
  student.on('message', (text: string) => {
    lastMessage = displayName(text, 500);
    changed();
  });
  for (const e of ['lesson', 'receipt', 'joined']) student.on(e, changed);
  const view = (): StudentView => {
    const m = student.membership;
    return {
      ...(m ? { className: displayName(m.teacher.className), teacher: displayName(m.teacher.name) } : {}),
      lessons: student
        .lessons()
        .map((l) => ({ title: l.title, files: l.files.length, bytes: l.bytes, arrivedAt: l.arrivedAt })),
      receipts: student.receipts().map((r) => ({ path: r.path, receivedAt: r.receivedAt, matches: r.matches })),
      ...(lastMessage ? { lastMessage } : {}),
      status,
    };
  };
  return {
    model: {
      view,
      onChange(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      async join(code) {
        status = t('student.joining');
        changed();
        const r = await student.join(code);
        status = r.kind === 'joined' ? t('student.ready') : t(`student.joinError.${r.kind}`);
        changed();
      },
      async submit(file) {
        const r = student.submit(file);
        status = r.kind === 'submitted' ? t('student.submitted', { path: r.path }) : t('student.submitRefused');
        changed();
      },
    },
    async close() {
      await control.close();
      await student.close();
      await discovery.close();
      await syncthing?.stop();
    },
  };
}
