import { err, ok } from '../../base/result.js';
import { KOOMPID_BUS_NAME, KOOMPID_PATH, failureKindOf, type DaemonFailure, type DaemonResult } from '../names.js';
import { DbusCallError, DbusConnection } from '../../dbus/node/connection.js';

/**
 * The connection every koompid client shares: calls on /org/koompi/System1,
 * D-Bus errors turned into `DaemonFailure` values (`not-authorized`,
 * `unavailable`, …). Unexpected trouble is thrown.
 */
export class KoompidConnection {
  private constructor(readonly connection: DbusConnection) {}

  /** Connects to the system bus (or `address`). Unavailable when no bus is there. */
  static async connect(address?: string): Promise<DaemonResult<KoompidConnection>> {
    try {
      return ok(new KoompidConnection(await DbusConnection.connect(address)));
    } catch (error) {
      return {
        ok: false,
        error: { kind: 'unavailable', message: error instanceof Error ? error.message : String(error) },
      };
    }
  }

  static over(connection: DbusConnection): KoompidConnection {
    return new KoompidConnection(connection);
  }

  async call(
    iface: string,
    member: string,
    signature = '',
    body: unknown[] = [],
    path = KOOMPID_PATH,
    timeoutMs = 120_000,
  ): Promise<DaemonResult<unknown[]>> {
    try {
      return {
        ok: true,
        value: await this.connection.call(KOOMPID_BUS_NAME, path, iface, member, signature, body, timeoutMs),
      };
    } catch (error) {
      if (error instanceof DbusCallError) {
        const failure: DaemonFailure = { kind: failureKindOf(error.errorName), message: error.text };
        return err(failure);
      }
      throw error;
    }
  }

  /**
   * The unique name that owns org.koompi.System1, to accept signals from it
   * only. koompid may not be running yet (D-Bus activation starts it on the
   * first call), so it is started first: a subscription made while nobody owns
   * the name could otherwise only match any sender, and anyone could speak for koompid.
   */
  owner(): Promise<string | undefined> {
    return this.connection.activatedOwner(KOOMPID_BUS_NAME);
  }

  close(): void {
    this.connection.close();
  }
}
