import fs from 'node:fs/promises';
import { polkitActionId, roleAllows, roleOfGroups, type Action, type Role } from '../roles.js';
import { DbusCallError, variant, type DbusConnection } from '../../dbus/node/connection.js';

/** Who a caller is, as the bus and the system's group database say (never as the caller says). */
export interface Caller {
  readonly uid: number;
  readonly user: string;
  readonly groups: readonly string[];
  readonly role: Role | 'root' | undefined;
}

export type Decision =
  | { readonly kind: 'allowed'; readonly caller: Caller }
  | { readonly kind: 'refused'; readonly caller: Caller; readonly by: 'role' | 'polkit' }
  | { readonly kind: 'unknown-caller' };

/** Thrown when polkit cannot be asked (not running, or a broken reply): koompid then refuses. */
export class AuthorityError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AuthorityError';
  }
}

export interface AuthorityOptions {
  /** Files read for user and group names; tests may point them elsewhere. */
  readonly passwd?: string;
  readonly group?: string;
  /** Ask polkit as well as the role table (on by default; root is never asked). */
  readonly usePolkit?: boolean;
}

/**
 * Decides whether a D-Bus caller may do an action. Both must agree: the role
 * table (from the caller's Unix groups, found from the uid the bus reports for
 * the caller's connection) and polkit's CheckAuthorization for the caller's bus
 * name. Root (uid 0) may do everything.
 */
export class Authority {
  constructor(
    private readonly connection: DbusConnection,
    private readonly options: AuthorityOptions = {},
  ) {}

  async caller(sender: string): Promise<Caller | undefined> {
    let uid: number;
    try {
      const [value] = await this.connection.callBus('GetConnectionUnixUser', 's', [sender]);
      uid = Number(value);
    } catch {
      return undefined; // the caller has gone
    }
    if (!Number.isInteger(uid) || uid < 0) return undefined;
    const { user, groups } = await this.account(uid);
    return { uid, user, groups, role: uid === 0 ? 'root' : roleOfGroups(groups) };
  }

  async decide(sender: string, action: Action): Promise<Decision> {
    const caller = await this.caller(sender);
    if (!caller) return { kind: 'unknown-caller' };
    if (caller.uid === 0) return { kind: 'allowed', caller };
    if (!roleAllows(caller.role, action)) return { kind: 'refused', caller, by: 'role' };
    if (this.options.usePolkit === false) return { kind: 'allowed', caller };
    return (await this.polkit(sender, action))
      ? { kind: 'allowed', caller }
      : { kind: 'refused', caller, by: 'polkit' };
  }

  /** polkit CheckAuthorization with the caller's bus name as subject. */
  private async polkit(sender: string, action: Action): Promise<boolean> {
    const subject = ['system-bus-name', { name: variant('s', sender) }];
    let reply: unknown[];
    try {
      reply = await this.connection.call(
        'org.freedesktop.PolicyKit1',
        '/org/freedesktop/PolicyKit1/Authority',
        'org.freedesktop.PolicyKit1.Authority',
        'CheckAuthorization',
        '(sa{sv})sa{ss}us',
        [subject, polkitActionId(action), {}, 1 /* AllowUserInteraction */, ''],
        30_000,
      );
    } catch (error) {
      if (error instanceof DbusCallError) throw new AuthorityError(`polkit: ${error.errorName}`, { cause: error });
      throw new AuthorityError('polkit: no answer', { cause: error });
    }
    const result = reply[0];
    if (!Array.isArray(result) || typeof result[0] !== 'boolean') throw new AuthorityError('polkit: malformed reply');
    return result[0];
  }

  /** The user's name and every group they are in (primary and supplementary). */
  private async account(uid: number): Promise<{ user: string; groups: string[] }> {
    const passwd = await fs.readFile(this.options.passwd ?? '/etc/passwd', 'utf8').catch(() => '');
    const groupFile = await fs.readFile(this.options.group ?? '/etc/group', 'utf8').catch(() => '');
    let user = String(uid);
    let gid: number | undefined;
    for (const line of passwd.split('\n')) {
      const f = line.split(':');
      if (f[2] === String(uid) && f[0]) {
        user = f[0];
        gid = Number(f[3]);
        break;
      }
    }
    const groups: string[] = [];
    for (const line of groupFile.split('\n')) {
      const f = line.split(':');
      const name = f[0];
      if (!name) continue;
      const members = (f[3] ?? '').split(',').map((m) => m.trim());
      if (Number(f[2]) === gid || members.includes(user)) groups.push(name);
    }
    return { user, groups };
  }
}
