import fs from 'node:fs';
import path from 'node:path';
import { QApplication, type QWidget } from '@nodegui/nodegui';

/**
 * Renders a widget (after letting Qt lay it out) to a PNG file. The file is
 * written beside its final name and renamed, so a half-written PNG never exists.
 */
export function saveScreenshot(widget: QWidget, file: string): boolean {
  QApplication.instance().processEvents();
  const dir = path.dirname(file);
  if (!fs.existsSync(dir)) return false;
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp.png`);
  const ok = widget.grab().save(tmp, 'PNG');
  if (!ok) {
    fs.rmSync(tmp, { force: true });
    return false;
  }
  fs.renameSync(tmp, file);
  return true;
}
