// Helpers for the scripts that drive the office apps' real windows offscreen
// (apps/{write,present,calculate}/test/drive-*.mjs). Plain JavaScript: the
// scripts run under node, importing each app's compiled UI from dist.
import fs from 'node:fs';
import path from 'node:path';
import { QFont, QLabel } from '@nodegui/nodegui';

/** Resolves once `ready()` is true, letting Qt and Node events run meanwhile; rejects after `ms`. */
export async function until(ready, what, ms = 20_000) {
  const end = Date.now() + ms;
  while (!ready()) {
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Clicks a button and waits for the status line to change; resolves to its new text. */
export async function clickAndWait(button, status, what) {
  const before = status.text();
  button.click();
  await until(() => status.text() !== before, what);
  return status.text();
}

/**
 * Draws `text` in a plain label, black on white, in `font` (a family and point
 * size, bold or not): the reference a screenshot is searched for.
 */
export function renderReference(saveScreenshot, file, text, { family, size, bold = false }) {
  const label = new QLabel();
  const font = new QFont(family, size);
  font.setBold(bold);
  label.setFont(font);
  label.setStyleSheet('background: #ffffff; color: #000000; padding: 8px;');
  label.setText(text);
  label.show();
  const ok = saveScreenshot(label, file);
  label.close();
  return ok;
}

/** The files in a folder, sorted (what an export left behind). */
export function listFiles(dir) {
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
}

export function freshDir(dir) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return path.resolve(dir);
}
