/**
 * koompi-classroom: the composition root. core's `runApp` does the start-up
 * (arguments, the display check, `--screenshot`, the exit); this opens the
 * teacher window by default, the student widget with --student, or no window
 * with --service. The windows take models (model.ts); compose.ts builds the
 * real ones, demo.ts fixed ones for --demo and --screenshot. Qt is loaded
 * only once the platform is decided.
 */
import {
  APP_EXIT,
  APP_START_KEYS,
  RUNNING,
  StateDamagedError,
  exitWith,
  loadTranslator,
  packageVersion,
  runApp,
  type AppArgs,
  type AppOutcome,
  type AppWindow,
} from '@koompi/core';
import { CLASSROOM_FLAGS, classroomMode } from './args.js';
import { demoStudent, demoTeacher } from './demo.js';

const t = loadTranslator('classroom');
const app = { bin: 'koompi-classroom', name: t('window.teacherTitle'), version: packageVersion(import.meta.url) };

runApp(
  { ...app, t, keys: APP_START_KEYS, flags: CLASSROOM_FLAGS, showsWindow: (args) => !classroomMode(args).service },
  (args) =>
    open(args).catch((error: unknown) => {
      // A damaged teacher.json or student.json with no good previous copy: say so and stop, never re-key.
      if (!(error instanceof StateDamagedError)) throw error;
      process.stderr.write(`${t(error.key, error.params)}\n`);
      return exitWith(APP_EXIT.failed);
    }),
);

async function open(args: AppArgs): Promise<AppWindow | AppOutcome> {
  const { role, demo, service } = classroomMode(args);
  if (service) {
    // No window: the classroom runs until the process is stopped (systemd user unit or a terminal).
    const { openStudent, openTeacher } = await import('./compose.js');
    const opened = role === 'teacher' ? await openTeacher(t) : await openStudent(t);
    const stop = (): void => void opened.close().finally(() => process.exit(0));
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
    return RUNNING;
  }
  // Screenshots draw the demo class: starting Syncthing and mDNS to draw a PNG would be wasteful.
  let window: { show(): void; screenshot(file: string): boolean };
  let close: (() => Promise<void>) | undefined;
  if (role === 'teacher') {
    const { TeacherWindow } = await import('./ui/teacher-window.js');
    if (demo) window = new TeacherWindow(t, demoTeacher(t));
    else {
      const { openTeacher } = await import('./compose.js');
      const opened = await openTeacher(t);
      close = opened.close;
      window = new TeacherWindow(t, opened.model);
    }
  } else {
    const { StudentWindow } = await import('./ui/student-window.js');
    if (demo) window = new StudentWindow(t, demoStudent(t));
    else {
      const { openStudent } = await import('./compose.js');
      const opened = await openStudent(t);
      close = opened.close;
      window = new StudentWindow(t, opened.model);
    }
  }
  window.show();
  if (close) {
    const stop = close;
    process.once('exit', () => void stop());
  }
  // Qt's event loop takes over once the window is visible (bindings/qt pump).
  return window;
}
