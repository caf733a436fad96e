/**
 * KOOMPI roles and what each may do through koompid. The same table is written
 * as polkit rules (`plasma-integration/polkit/49-koompi.rules`); koompid checks
 * both, so a loosened polkit rule alone cannot let a student change the system.
 */

export const ROLES = ['admin', 'teacher', 'student', 'guest'] as const;
export type Role = (typeof ROLES)[number];

/** The Unix group of each role. */
export const ROLE_GROUPS: Readonly<Record<Role, string>> = {
  admin: 'koompi-admin',
  teacher: 'koompi-teacher',
  student: 'koompi-student',
  guest: 'koompi-guest',
};

/** One polkit action per kind of method (`org.koompi.system1.<action>`). */
export const ACTIONS = [
  'read',
  'snapshots.create',
  'snapshots.delete',
  'snapshots.rollback',
  'packages.install-app',
  'packages.remove-app',
  'packages.install-system',
  'packages.remove-system',
  'packages.update',
] as const;
export type Action = (typeof ACTIONS)[number];

export const POLKIT_ACTION_PREFIX = 'org.koompi.system1.';

export function polkitActionId(action: Action): string {
  return POLKIT_ACTION_PREFIX + action;
}

const ALLOWED: Readonly<Record<Role, readonly Action[]>> = {
  admin: ACTIONS,
  teacher: ['read', 'packages.install-app', 'packages.remove-app'],
  student: ['read'],
  guest: ['read'],
};

/**
 * The strongest role among a person's groups; `undefined` when they have none
 * (such a person may do nothing through koompid but what polkit allows anyone).
 */
export function roleOfGroups(groups: readonly string[]): Role | undefined {
  return ROLES.find((role) => groups.includes(ROLE_GROUPS[role]));
}

export function roleAllows(role: Role | 'root' | undefined, action: Action): boolean {
  if (role === 'root') return true;
  if (role === undefined) return action === 'read';
  return ALLOWED[role].includes(action);
}
