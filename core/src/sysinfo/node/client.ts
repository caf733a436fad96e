import { ok } from '../../base/result.js';
import { KOOMPID_INTERFACES, type DaemonResult } from '../../koompid/names.js';
import { DaemonProtocolError } from '../../koompid/node/wire.js';
import { decodeInfo } from './codec.js';
import { unwrapVariant } from '../../dbus/node/connection.js';
import type { KoompidConnection } from '../../koompid/node/connection.js';
import type { SystemInfo } from '../sysinfo.js';

const IFACE = KOOMPID_INTERFACES.sysinfo;

/** System information and health through koompid (org.koompi.SystemInfo1). Anyone may read it. */
export class SystemInfoClient {
  constructor(private readonly koompid: KoompidConnection) {}

  async info(): Promise<DaemonResult<SystemInfo>> {
    const r = await this.koompid.call(IFACE, 'GetInfo');
    return r.ok ? ok(decodeInfo(r.value[0])) : r;
  }

  async health(): Promise<DaemonResult<{ healthy: boolean; problems: string[] }>> {
    const r = await this.koompid.call(IFACE, 'CheckHealth', '', [], undefined, 30_000);
    if (!r.ok) return r;
    const [healthy, problems] = r.value;
    if (typeof healthy !== 'boolean' || !Array.isArray(problems))
      throw new DaemonProtocolError('bad CheckHealth reply');
    return ok({ healthy, problems: problems.map(String) });
  }

  /** koompid's version: also the cheapest "is koompid running?" question. */
  async version(): Promise<DaemonResult<string>> {
    const r = await this.koompid.call(
      'org.freedesktop.DBus.Properties',
      'Get',
      'ss',
      [IFACE, 'Version'],
      undefined,
      5_000,
    );
    return r.ok ? ok(String(unwrapVariant(r.value[0]))) : r;
  }
}
