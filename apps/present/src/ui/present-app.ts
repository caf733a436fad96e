/**
 * All Present windows of one process, one deck each: New opens a window on
 * a new deck (a title slide); Open uses an untouched new window, raises the
 * window that has the file, or opens one more. At start it offers back the
 * work of a Present that was killed, opens the files named on the command
 * line (`koompi-present FILE…`), and opens the sample deck when there is
 * nothing else.
 */
import path from 'node:path';
import { OfficeApp } from '@koompi/qt/office-ui';
import { autoLayout, type Deck, type DeckFormat } from '@koompi/core';
import type { PresentFiles } from '../files.js';
import { qtPresentDialogs } from './dialogs.js';
import { PresentWindow, type PresentAppPort, type PresentWindowOptions } from './present-window.js';

export class PresentApp extends OfficeApp<PresentWindow> implements PresentAppPort {
  constructor(
    private readonly options: PresentWindowOptions & { readonly files: PresentFiles },
    lastWindowClosed?: () => void,
  ) {
    super(lastWindowClosed);
  }

  private emptyDeck(): Deck {
    return autoLayout({
      title: '',
      theme: 'angkor',
      slides: [{ layout: 'title', title: '', bullets: [] }],
    });
  }

  newWindow(deck: Deck = this.emptyDeck(), file?: { path: string; format: DeckFormat }): PresentWindow {
    const win = new PresentWindow({
      ...this.options,
      deck,
      dialogs: this.options.dialogs ?? qtPresentDialogs(this.options.t),
      app: this,
      ...(file ? { path: file.path, format: file.format } : {}),
    });
    this.windows.push(win);
    win.show();
    return win;
  }

  async open(file: string, from?: PresentWindow): Promise<PresentWindow | undefined> {
    const abs = path.resolve(file);
    const already = this.raiseOpen(abs);
    if (already) return already;
    const r = await this.options.files.open(abs);
    if (!r.ok) {
      (from ?? this.windows[0])?.status.setText(r.message);
      return undefined;
    }
    const win = this.newWindow(r.deck, { path: r.path, format: r.format });
    win.status.setText(this.options.t('status.opened', { path: r.path }));
    if (from?.pristine) await from.requestClose();
    this.recentChanged();
    return win;
  }

  async start(files: readonly string[]): Promise<PresentWindow> {
    for (const entry of this.options.files.orphans()) this.newWindow(entry.content.deck).recover(entry);
    let failed: string | undefined;
    for (const file of files) {
      const r = await this.options.files.open(path.resolve(file));
      if (r.ok) this.newWindow(r.deck, { path: r.path, format: r.format });
      else failed = r.message;
    }
    const first = this.windows[0] ?? this.newWindow(failed ? undefined : this.options.deck);
    if (failed) first.status.setText(failed);
    return first;
  }
}

export async function startPresent(
  options: PresentWindowOptions,
  files: readonly string[] = [],
  lastWindowClosed?: () => void,
): Promise<PresentWindow> {
  if (!options.files) throw new Error('startPresent needs files (composePresent gives them)');
  return new PresentApp({ ...options, files: options.files }, lastWindowClosed).start(files);
}
