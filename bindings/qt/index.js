// @koompi/qt: small Qt helpers every KOOMPI app shares (plain JavaScript, so
// the binding needs no TypeScript build; types in index.d.ts).
import fs from 'node:fs';
import path from 'node:path';
import { QApplication } from '@nodegui/nodegui';

/**
 * Renders a widget (after letting Qt lay it out) to a PNG file. The file is
 * written beside its final name and renamed, so a half-written PNG never exists.
 * Returns false when the folder does not exist or Qt cannot write the image.
 */
export function saveScreenshot(widget, file) {
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
