/**
 * koompi-classroom: the composition root. The teacher window by default,
 * the student widget with --student. The windows take models (model.ts);
 * compose.ts builds the real ones, demo.ts fixed ones for --demo and
 * --screenshot. Qt is loaded only once the platform is decided.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTranslator } from '@koompi/core';
import { parseArgs } from './args.js';
import { demoStudent, demoTeacher } from './demo.js';

const appRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function hasDisplay(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env['DISPLAY'] || env['WAYLAND_DISPLAY'] || env['QT_QPA_PLATFORM']);
}

async function main(): Promise<number> {
  const t = loadTranslator('classroom');
  const args = parseArgs(process.argv.slice(2));
  switch (args.kind) {
    case 'help':
      process.stdout.write(`${t('args.usage')}\n`);
      return 0;
    case 'version': {
      const pkg = JSON.parse(fs.readFileSync(path.join(appRoot, 'package.json'), 'utf8')) as { version: string };
      process.stdout.write(`koompi-classroom ${pkg.version}\n`);
      return 0;
    }
    case 'error':
      process.stderr.write(`${t(args.key, { arg: args.arg })}\n${t('args.usage')}\n`);
      return 2;
    case 'service': {
      // No window: the classroom runs until the process is stopped (systemd user unit or a terminal).
      const { openStudent, openTeacher } = await import('./compose.js');
      const opened = args.role === 'teacher' ? await openTeacher(t) : await openStudent(t);
      const stop = (): void => void opened.close().finally(() => process.exit(0));
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
      return -1;
    }
    case 'run':
      break;
  }
  if (args.screenshot !== undefined) process.env['QT_QPA_PLATFORM'] = 'offscreen';
  else if (!hasDisplay(process.env)) {
    process.stderr.write(`${t('display.missing')}\n`);
    return 3;
  }

  // Screenshots draw the demo class: starting Syncthing and mDNS to draw a PNG would be wasteful.
  const demo = args.demo || args.screenshot !== undefined;
  let window: { show(): void; screenshot(file: string): boolean };
  let close: (() => Promise<void>) | undefined;
  if (args.role === 'teacher') {
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

  if (args.screenshot !== undefined) {
    const file = path.resolve(args.screenshot);
    if (!window.screenshot(file)) {
      process.stderr.write(`${t('screenshot.failed', { path: file })}\n`);
      return 1;
    }
    return 0;
  }
  if (close) {
    const stop = close;
    process.once('exit', () => void stop());
  }
  // Qt's event loop takes over once the window is visible (bindings/qt pump).
  return -1;
}

main().then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
