/** Fixed classes for `--demo` and screenshots: what a Grade 8 lesson looks like mid-way. */
import type { Translator } from '@koompi/core';
import type { StudentModel, StudentView, TeacherModel, TeacherView } from './model.js';

const ROSTER = [
  { id: 'a', name: 'សុខ ដារា', online: true, activity: 'org.koompi.Write', locked: false, submitted: 1, refused: 0 },
  { id: 'b', name: 'ចាន់ សុភា', online: true, activity: 'org.koompi.Calculate', locked: false, submitted: 0, refused: 0 },
  { id: 'c', name: 'លី ម៉េង', online: false, activity: '', locked: false, submitted: 0, refused: 0 },
  { id: 'd', name: 'ហេង ស្រីនាង', online: true, activity: 'firefox', locked: false, submitted: 2, refused: 1 },
];

export function demoTeacher(t: Translator): TeacherModel {
  let view: TeacherView = { className: 'ថ្នាក់ទី៨ក', code: '482 913', roster: ROSTER, status: t('status.ready') };
  const listeners = new Set<() => void>();
  const set = (next: Partial<TeacherView>): void => {
    view = { ...view, ...next };
    for (const l of listeners) l();
  };
  const setLocked = (locked: boolean): void =>
    set({ roster: view.roster.map((r) => (r.online ? { ...r, locked } : r)) });
  return {
    view: () => view,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    startClass: async () => set({ code: '482 913' }),
    stopJoining: async () => set({ code: undefined }),
    share: async (path) => set({ status: t('status.shared', { title: path, count: view.roster.length }) }),
    collect: async () =>
      set({ status: t('status.collected', { count: view.roster.reduce((n, r) => n + r.submitted, 0) }) }),
    lock: async () => {
      setLocked(true);
      set({ status: t('status.locked', { count: view.roster.filter((r) => r.online).length }) });
    },
    unlock: async () => {
      setLocked(false);
      set({ status: t('status.unlocked', { count: view.roster.filter((r) => r.online).length }) });
    },
    message: async () =>
      set({ status: t('status.messageSent', { count: view.roster.filter((r) => r.online).length }) }),
  };
}

export function demoStudent(t: Translator): StudentModel {
  const now = Date.UTC(2026, 10, 28, 8, 30);
  let view: StudentView = {
    className: 'ថ្នាក់ទី៨ក',
    teacher: 'លោកគ្រូ វិចិត្រ',
    lessons: [
      { title: 'មេរៀនទី៣ ប្រភាគ', files: 3, bytes: 2_400_000, arrivedAt: now },
      { title: 'វីដេអូ ភូមិសាស្ត្រ', files: 1, bytes: 104_857_600, arrivedAt: now + 600_000 },
    ],
    receipts: [{ path: 'កិច្ចការផ្ទះ.odt', receivedAt: now + 1_200_000, matches: true }],
    lastMessage: 'សូមបើកមេរៀនទី៣',
    status: t('student.ready'),
  };
  const listeners = new Set<() => void>();
  return {
    view: () => view,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    join: async () => undefined,
    submit: async (path) => {
      view = { ...view, status: t('student.submitted', { path }) };
      for (const l of listeners) l();
    },
  };
}
