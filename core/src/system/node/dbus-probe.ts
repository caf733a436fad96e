/**
 * Asks the D-Bus daemon whether a service's name has an owner, with
 * `dbus-send` (part of every D-Bus install), so the check needs no library
 * and never blocks: no bus, no tool or no answer in time all mean "not running".
 */
import { execFile } from 'node:child_process';
import { SERVICES, type ServiceProbe, type ServiceStatus } from '../services.js';

export interface DbusProbeOptions {
  /** Environment for dbus-send (DBUS_SYSTEM_BUS_ADDRESS, DBUS_SESSION_BUS_ADDRESS). */
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs?: number;
  /** The dbus-send executable. */
  readonly command?: string;
}

export function createDbusProbe(options: DbusProbeOptions = {}): ServiceProbe {
  const timeoutMs = options.timeoutMs ?? 2000;
  const command = options.command ?? 'dbus-send';
  return {
    status(service) {
      const { name, bus } = SERVICES[service];
      const args = [
        bus === 'system' ? '--system' : '--session',
        '--print-reply',
        `--reply-timeout=${timeoutMs}`,
        '--dest=org.freedesktop.DBus',
        '/org/freedesktop/DBus',
        'org.freedesktop.DBus.NameHasOwner',
        `string:${name}`,
      ];
      return new Promise<ServiceStatus>((resolve) => {
        execFile(
          command,
          args,
          { env: options.env ?? process.env, timeout: timeoutMs + 500, encoding: 'utf8' },
          (error, stdout, stderr) => {
            if (error) {
              const code = (error as NodeJS.ErrnoException).code;
              if (code === 'ENOENT') resolve({ kind: 'not-running', reason: 'no-client', detail: command });
              else resolve({ kind: 'not-running', reason: 'no-bus', detail: (stderr || error.message).trim() });
              return;
            }
            resolve(/boolean true/.test(stdout) ? { kind: 'running' } : { kind: 'not-running', reason: 'no-owner' });
          },
        );
      });
    },
  };
}
