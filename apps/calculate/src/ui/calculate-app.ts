/**
 * All Calculate windows of one process, one workbook each: New opens a
 * window on an empty sheet; Open uses the window it was asked from when that
 * holds an untouched new workbook, raises the window that has the file, or
 * opens one more. At start it offers back the work of a Calculate that was
 * killed, opens the files named on the command line (`koompi-calculate
 * FILE…`), and opens the sample workbook when there is nothing else.
 */
import path from 'node:path';
import { OfficeApp } from '@koompi/qt/office-ui';
import type { Workbook, WorkbookFormat } from '@koompi/core';
import { composeCalculate, type CalculateDeps } from '../compose.js';
import { createCalculateFiles, type CalculateFiles } from '../files.js';
import { CalculateWindow, type CalculateAppPort, type CalculateDialogs } from './calculate-window.js';
import { qtCalculateDialogs } from './dialogs.js';

export interface CalculateAppDeps extends CalculateDeps {
  /** Where autosaves and recent files live. Default: $XDG_STATE_HOME/koompi. */
  readonly stateDir?: string;
  readonly dialogs?: CalculateDialogs;
  readonly autosaveDelayMs?: number;
}

export class CalculateApp extends OfficeApp<CalculateWindow> implements CalculateAppPort {
  readonly files: CalculateFiles;
  private readonly dialogs: CalculateDialogs;

  constructor(
    private readonly deps: CalculateAppDeps,
    lastWindowClosed?: () => void,
  ) {
    super(lastWindowClosed);
    this.files = createCalculateFiles({
      office: deps.office,
      folder: deps.folder,
      ...(deps.stateDir ? { stateDir: deps.stateDir } : {}),
    });
    this.dialogs = deps.dialogs ?? qtCalculateDialogs(deps.t);
  }

  /** A window on `workbook`: an empty sheet by default, or the sample workbook with its chart. */
  async newWindow(
    workbook: Workbook | 'sample' = { sheets: [{ name: this.deps.t('sheet.defaultName'), cells: [] }] },
    file?: { path: string; format: WorkbookFormat },
  ): Promise<CalculateWindow> {
    const composed = await composeCalculate({
      ...this.deps,
      ...(workbook === 'sample' ? {} : { workbook }),
    });
    const win = new CalculateWindow({
      t: this.deps.t,
      sheet: composed.sheet,
      readyMessage: composed.readyMessage,
      files: this.files,
      document: {
        engine: composed.engine,
        snapshot: composed.snapshot,
        restore: composed.restore,
        close: composed.close,
      },
      dialogs: this.dialogs,
      app: this,
      ...(file ? { path: file.path, format: file.format } : {}),
      ...(this.deps.autosaveDelayMs !== undefined ? { autosaveDelayMs: this.deps.autosaveDelayMs } : {}),
    });
    this.windows.push(win);
    win.show();
    if (workbook === 'sample') {
      win.chartEdit.setText(composed.sampleChart);
      win.drawChart();
    }
    return win;
  }

  async open(file: string, from?: CalculateWindow): Promise<CalculateWindow | undefined> {
    const abs = path.resolve(file);
    const already = this.raiseOpen(abs);
    if (already) return already;
    const r = await this.files.open(abs);
    if (!r.ok) {
      (from ?? this.windows[0])?.status.setText(r.message);
      return undefined;
    }
    const win = await this.newWindow(r.workbook, { path: r.path, format: r.format });
    win.status.setText(this.deps.t('status.opened', { path: r.path }));
    // the untouched new workbook it was asked from gives way
    if (from?.pristine) await from.requestClose();
    this.recentChanged();
    return win;
  }

  override closed(win: CalculateWindow): void {
    win.options.document?.close();
    super.closed(win);
  }

  async start(files: readonly string[]): Promise<CalculateWindow> {
    for (const entry of this.files.orphans()) {
      const win = await this.newWindow(entry.content.workbook);
      win.recovered(entry);
    }
    let failed: string | undefined;
    for (const file of files) {
      const r = await this.files.open(path.resolve(file));
      if (r.ok) await this.newWindow(r.workbook, { path: r.path, format: r.format });
      else failed = r.message;
    }
    // nothing else: the sample workbook (or an empty one that says why a file did not open)
    const first = this.windows[0] ?? (await this.newWindow(failed ? undefined : (this.deps.workbook ?? 'sample')));
    if (failed) first.status.setText(failed);
    return first;
  }
}

export async function startCalculate(
  deps: CalculateAppDeps,
  files: readonly string[] = [],
  lastWindowClosed?: () => void,
): Promise<CalculateWindow> {
  return new CalculateApp(deps, lastWindowClosed).start(files);
}
