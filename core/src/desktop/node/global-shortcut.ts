/**
 * A global shortcut through KDE's kglobalaccel (org.kde.kglobalaccel on the
 * session bus): registered as KDE apps do (a default, then "present", so a
 * shortcut the person changed in System Settings wins), and reported back by
 * the component's globalShortcutPressed signal. The Super key on its own is
 * KWin's business: plasma-integration/kwinrc maps it to org.koompi.Chat1.Show.
 */
import type { DbusConnection } from '../../dbus/node/connection.js';

const SERVICE = 'org.kde.kglobalaccel';
const PATH = '/kglobalaccel';
const IFACE = 'org.kde.KGlobalAccel';
const COMPONENT_IFACE = 'org.kde.kglobalaccel.Component';

/** Qt key codes for the keys KOOMPI uses. */
export const QT_KEYS = {
  Meta: 0x10000000,
  Shift: 0x02000000,
  Ctrl: 0x04000000,
  Alt: 0x08000000,
  Space: 0x20,
  H: 0x48,
} as const;

/** "Meta+Space" → Qt's int key code (modifiers or'ed with the key). */
export function qtKeyCode(sequence: string): number {
  let code = 0;
  for (const part of sequence.split('+')) {
    const value = (QT_KEYS as Record<string, number>)[part];
    if (value === undefined) throw new RangeError(`unknown key "${part}" in "${sequence}"`);
    code |= value;
  }
  return code;
}

export interface GlobalShortcut {
  /** Component id (the app's reverse-DNS id) and action id. */
  readonly component: string;
  readonly action: string;
  /** Names shown in System Settings → Shortcuts, in the person's language. */
  readonly componentName: string;
  readonly actionName: string;
  readonly keys: readonly string[];
}

export type ShortcutRegistration =
  | { readonly kind: 'registered'; readonly keys: readonly number[]; unregister(): Promise<void> }
  | { readonly kind: 'unavailable'; readonly detail: string };

export async function registerGlobalShortcut(
  connection: DbusConnection,
  shortcut: GlobalShortcut,
  onPressed: () => void,
): Promise<ShortcutRegistration> {
  const id = [shortcut.component, shortcut.action, shortcut.componentName, shortcut.actionName];
  const keys = shortcut.keys.map(qtKeyCode);
  try {
    await connection.call(SERVICE, PATH, IFACE, 'doRegister', 'as', [id], 5_000);
    // IsDefault (1), then SetPresent (2): the default is recorded, and the
    // person's own choice (if any) is loaded and activated.
    await connection.call(SERVICE, PATH, IFACE, 'setShortcut', 'asaiu', [id, keys, 1], 5_000);
    const [active] = await connection.call(SERVICE, PATH, IFACE, 'setShortcut', 'asaiu', [id, keys, 2], 5_000);
    const [componentPath] = await connection.call(
      SERVICE,
      PATH,
      IFACE,
      'getComponent',
      's',
      [shortcut.component],
      5_000,
    );
    const unsubscribe = await connection.subscribe(
      { path: String(componentPath), interface: COMPONENT_IFACE, member: 'globalShortcutPressed' },
      (signal) => {
        if (signal.body[0] === shortcut.component && signal.body[1] === shortcut.action) onPressed();
      },
    );
    return {
      kind: 'registered',
      keys: Array.isArray(active) ? (active as number[]) : keys,
      unregister: async () => {
        await unsubscribe();
        await connection.call(SERVICE, PATH, IFACE, 'setInactive', 'as', [id], 5_000).catch(() => undefined);
      },
    };
  } catch (error) {
    return { kind: 'unavailable', detail: error instanceof Error ? error.message : String(error) };
  }
}
