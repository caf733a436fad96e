import { describe, expect, it } from 'vitest';
import { classroomMode } from './args.js';

const run = (flags: string[], screenshot?: string) => ({ flags, files: [], screenshot });

describe('koompi-classroom arguments', () => {
  it('opens the teacher window by default and the student widget with --student', () => {
    expect(classroomMode(run([]))).toEqual({ role: 'teacher', demo: false, service: false });
    expect(classroomMode(run(['--student', '--demo']))).toEqual({ role: 'student', demo: true, service: false });
    expect(classroomMode(run(['--student', '--teacher']))).toMatchObject({ role: 'teacher' });
    expect(classroomMode(run(['--service', '--student']))).toEqual({ role: 'student', demo: false, service: true });
  });
  it('draws the sample class for a screenshot', () => {
    expect(classroomMode(run([], 'a.png'))).toEqual({ role: 'teacher', demo: true, service: false });
    expect(classroomMode(run(['--student'], 'b.png'))).toMatchObject({ role: 'student', demo: true });
  });
});
