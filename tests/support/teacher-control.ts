// A real teacher classroom answering on a control socket in a temporary folder,
// as `koompi-classroom --service` does: for tests of what reaches the classroom.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TeacherClassroom, serveClassroomControl } from '@koompi/core';

export interface RunningTeacher {
  readonly teacher: TeacherClassroom;
  readonly socket: string;
  close(): Promise<void>;
}

export async function startTeacherControl(prefix: string, className = 'ថ្នាក់'): Promise<RunningTeacher> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const socket = path.join(root, 'run', 'koompi-classroom.sock');
  const teacher = await TeacherClassroom.open({
    dataDir: path.join(root, 't'),
    name: 'T',
    className,
    host: '127.0.0.1',
  });
  const server = await serveClassroomControl({ role: 'teacher', teacher }, socket);
  return {
    teacher,
    socket,
    async close() {
      await server.close();
      await teacher.close();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
