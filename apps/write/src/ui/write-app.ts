/**
 * All Write windows of one process, one document each (as KDE apps do): New
 * opens a window; Open uses the window it was asked from when that holds an
 * untouched new document, raises the window that has the file already, or
 * opens one more. At start it offers back the work of any Write that was
 * killed (one window per recovered document, with a banner), then opens the
 * files named on the command line (`koompi-write FILE…`), and opens a new
 * document when there is nothing else.
 *
 * @example
 * const first = await startWrite(composeWrite({ t, office, folder }), args.files);
 */
import path from 'node:path';
import { OfficeApp } from '@koompi/qt/office-ui';
import { qtWriteDialogs } from './dialogs.js';
import type { WriteWindowOptions } from './write-window.js';
import { WriteWindow, type WriteAppPort } from './write-window.js';

export class WriteApp extends OfficeApp<WriteWindow> implements WriteAppPort {
  /**
   * @param lastWindowClosed what happens when the last window has closed (by default the app
   *   quits; Qt's own quit-on-last-window is off, because a changed window may still come back
   *   after its question, see WriteWindow.onClose).
   */
  constructor(
    private readonly options: WriteWindowOptions,
    lastWindowClosed?: () => void,
  ) {
    super(lastWindowClosed);
  }

  newWindow(): WriteWindow {
    const win = new WriteWindow({
      ...this.options,
      dialogs: this.options.dialogs ?? qtWriteDialogs(this.options.t),
      app: this,
    });
    this.windows.push(win);
    const last = this.windows[this.windows.length - 2];
    if (last) {
      const at = last.window.pos();
      win.window.move(at.x + 32, at.y + 32);
    }
    win.show();
    return win;
  }

  async open(file: string, from?: WriteWindow): Promise<WriteWindow | undefined> {
    const abs = path.resolve(file);
    const already = this.raiseOpen(abs);
    if (already) return already;
    const target = from?.pristine ? from : this.newWindow();
    if (await target.openFile(abs)) return target;
    // a window opened only for this file, which could not be read: say why in the window it came from
    if (target !== from && from) {
      from.status.setText(target.status.text());
      target.window.close();
    }
    return undefined;
  }

  /** Recovered work first, then the files asked for; a new document when there is neither. Resolves to the first window. */
  async start(files: readonly string[]): Promise<WriteWindow> {
    const orphans = this.options.files?.orphans() ?? [];
    for (const entry of orphans) this.newWindow().recover(entry);
    for (const file of files) {
      const pristine = this.windows.find((w) => w.pristine);
      const win = await this.open(file, pristine);
      if (!win && !this.windows.length) {
        // the file could not be opened: a new window says why
        const w = this.newWindow();
        await w.openFile(path.resolve(file));
      }
    }
    return this.windows[0] ?? this.newWindow();
  }
}

export async function startWrite(
  options: WriteWindowOptions,
  files: readonly string[] = [],
  lastWindowClosed?: () => void,
): Promise<WriteWindow> {
  const app = new WriteApp(options, lastWindowClosed);
  return app.start(files);
}
