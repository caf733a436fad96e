// Drives the real Classroom windows offscreen with the demo class: clicks
// Lock, sends a message, and saves screenshots. Prints one JSON line.
// usage: node drive-classroom.mjs OUT_DIR
import path from 'node:path';
import { loadTranslator } from '@koompi/core';
import { QLabel, TextFormat } from '@nodegui/nodegui';
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
// Markup in names from the network (a student's name, the teacher's and the
// class's, the teacher's message) is drawn as the characters it is made of.
const MARKUP = '<b>x</b><img src="/usr/share/pixmaps/debian-logo.png">';
const base = demoTeacher(t);
const marked = new TeacherWindow(t, {
  ...base,
  view: () => ({ ...base.view(), status: MARKUP, roster: base.view().roster.map((r) => ({ ...r, name: MARKUP })) }),
});
const studentBase = demoStudent(t);
const markedStudent = new StudentWindow(t, {
  ...studentBase,
  view: () => ({ ...studentBase.view(), className: MARKUP, teacher: MARKUP, lastMessage: MARKUP }),
});
/** A label shows its text literally when it is laid out as it is with plain text, not as with rich text. */
function literal(label) {
  const format = label.textFormat();
  const width = (f) => {
    label.setTextFormat(f);
    return label.sizeHint().width();
  };
  const shown = label.sizeHint().width();
  const plain = width(TextFormat.PlainText);
  const rich = width(TextFormat.RichText);
  label.setTextFormat(format);
  return { plain: format === TextFormat.PlainText, same: shown === plain && plain !== rich };
}
const markup = [...marked.gridCells, marked.status, markedStudent.heading, markedStudent.message].map(literal);
const rosterName = marked.roster.item(0, 0).text();
const allLabels = [teacher, student, marked, markedStudent].flatMap((w) =>
  Object.values(w).filter((v) => v instanceof QLabel),
);
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
    markup,
    rosterName,
    labelFormats: [...allLabels, ...marked.gridCells].map((l) => l.textFormat()),
    names: [...teacherWidgets, ...studentWidgets].map((w) => w.accessibleName()),
  }) + '\n',
);
teacher.window.close();
student.window.close();
marked.window.close();
markedStudent.window.close();
