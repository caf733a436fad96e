/**
 * Whether the services that act on the system are running. The `koompi`
 * command and the assistant check before they offer an action, so they can
 * say plainly, in the person's language, that it cannot be done right now.
 *
 * This file is the port; `node/dbus-probe.ts` asks the D-Bus daemon.
 */

/**
 * The D-Bus services a command may check for. The classroom is not one: it
 * listens on its control socket (`classroom/node/control.ts`).
 */
export const SERVICES = {
  /** koompid: packages, snapshots, updates, system information (plasma-integration/dbus/org.koompi.System1.xml). */
  system: { name: 'org.koompi.System1', bus: 'system' },
} as const;

export type ServiceId = keyof typeof SERVICES;

export type ServiceStatus =
  | { readonly kind: 'running' }
  | {
      readonly kind: 'not-running';
      /** no-owner: the bus answers but nobody holds the name; no-bus: no bus to ask; no-client: no tool to ask with. */
      readonly reason: 'no-owner' | 'no-bus' | 'no-client';
      readonly detail?: string;
    };

export interface ServiceProbe {
  status(service: ServiceId): Promise<ServiceStatus>;
}

/** A probe with fixed answers, for tests and for machines where nothing should be asked. */
export function createFixedProbe(answers: Partial<Record<ServiceId, ServiceStatus>>): ServiceProbe {
  return {
    status: async (service) => answers[service] ?? { kind: 'not-running', reason: 'no-owner' },
  };
}
