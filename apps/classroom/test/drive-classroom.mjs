// Drives the real Classroom windows offscreen with the demo class: clicks
// Lock, sends a message, and saves screenshots. Prints one JSON line.
// usage: node drive-classroom.mjs OUT_DIR
import path from 'node:path';
import { loadTranslator } from '@koompi/core';
import { TeacherWindow } from '../dist/ui/teacher-window.js';
import { StudentWindow } from '../dist/ui/student-window.js';
import { demoStudent, demoTeacher } from '../dist/demo.js';

const [outDir] = process.argv.slice(2);
const t = loadTranslator('classroom');
const teacherModel = demoTeacher(t);
const teacher = new TeacherWindow(t, teacherModel);
teacher.show();
const before = teacher.screenshot(path.join(outDir, 'teacher-before.png'));
teacher.lockButton.click();
await new Promise((r) => setTimeout(r, 50));
const lockedCells = [0, 1, 2, 3].map((row) => teacher.roster.item(row, 3).text());
teacher.messageInput.insert('សូមបើកមេរៀនទី៣');
teacher.messageButton.click();
await new Promise((r) => setTimeout(r, 50));
const after = teacher.screenshot(path.join(outDir, 'teacher-after.png'));
const student = new StudentWindow(t, demoStudent(t));
student.show();
const studentShot = student.screenshot(path.join(outDir, 'student.png'));
const teacherWidgets = [
  teacher.roster,
  teacher.shareButton,
  teacher.collectButton,
  teacher.lockButton,
  teacher.unlockButton,
  teacher.messageInput,
  teacher.messageButton,
  teacher.grid,
  teacher.status,
  teacher.startButton,
];
const studentWidgets = [student.lessons, student.submitButton, student.receipts, student.codeInput, student.joinButton];
process.stdout.write(
  JSON.stringify({
    saved: before && after && studentShot,
    title: teacher.window.windowTitle(),
    code: teacher.code.text(),
    lockedCells,
    status: teacher.status.text(),
    messageAfterSend: teacher.messageInput.text(),
    rows: teacher.roster.rowCount(),
    lessons: student.lessons.count(),
    receipts: student.receipts.count(),
    names: [...teacherWidgets, ...studentWidgets].map((w) => w.accessibleName()),
  }) + '\n',
);
teacher.window.close();
student.window.close();
