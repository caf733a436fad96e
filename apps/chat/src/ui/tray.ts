import { QAction, QApplication, QIcon, QMenu, QSystemTrayIcon } from '@nodegui/nodegui';
import type { Translator } from '@koompi/core';

/**
 * Chat's tray icon: a StatusNotifierItem on Plasma (Qt registers it with the
 * session's StatusNotifierWatcher). Clicking it opens Chat; its menu opens or
 * quits. Where there is no tray, Qt shows nothing and Chat works as before.
 */
export function createTray(options: {
  readonly icon: string;
  readonly t: Translator;
  readonly open: () => void;
}): QSystemTrayIcon {
  const { t } = options;
  const tray = new QSystemTrayIcon();
  tray.setIcon(new QIcon(options.icon));
  tray.setToolTip(t('tray.tooltip'));
  const menu = new QMenu();
  const open = new QAction();
  open.setText(t('tray.open'));
  open.addEventListener('triggered', () => options.open());
  const quit = new QAction();
  quit.setText(t('tray.quit'));
  quit.addEventListener('triggered', () => QApplication.instance().quit());
  menu.addAction(open);
  menu.addAction(quit);
  tray.setContextMenu(menu);
  tray.addEventListener('activated', () => options.open());
  tray.show();
  return tray;
}
