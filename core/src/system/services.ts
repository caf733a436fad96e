/**
 * The D-Bus services the apps call. Nothing asks whether one runs before
 * calling it: the call itself answers, and a service that is not there
 * (`ServiceUnknown`, `NameHasNoOwner`, a failed activation) comes back as
 * koompid's `unavailable` failure (`koompid/names.ts`, `failureKindOf`), which
 * each app says plainly in the person's language.
 */

/**
 * The D-Bus services a command calls. The classroom is not one: it listens on
 * its control socket (`classroom/node/control.ts`).
 */
export const SERVICES = {
  /** koompid: packages, snapshots, updates, system information (plasma-integration/dbus/org.koompi.System1.xml). */
  system: { name: 'org.koompi.System1', bus: 'system' },
} as const;

export type ServiceId = keyof typeof SERVICES;
