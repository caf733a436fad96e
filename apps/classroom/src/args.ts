/**
 * What koompi-classroom's own switches ask for, from core's parsed arguments
 * (`--help`, `--version` and `--screenshot FILE` are core's). Pure, so it can
 * be tested without Qt.
 */
import type { AppArgs } from '@koompi/core';

/** The switches koompi-classroom takes besides core's. */
export const CLASSROOM_FLAGS = ['--student', '--teacher', '--demo', '--service'] as const;

export interface ClassroomMode {
  /** The teacher window (default) or the student widget; the last of `--teacher`/`--student` wins. */
  readonly role: 'teacher' | 'student';
  /** The sample class, without Syncthing or the network (always for a screenshot). */
  readonly demo: boolean;
  /** Headless: keep the classroom running for `koompi class …`, no window. */
  readonly service: boolean;
}

export function classroomMode(args: AppArgs): ClassroomMode {
  const role = args.flags.filter((f) => f === '--student' || f === '--teacher').at(-1) === '--student';
  return {
    role: role ? 'student' : 'teacher',
    demo: args.flags.includes('--demo') || args.screenshot !== undefined,
    service: args.flags.includes('--service'),
  };
}
