/**
 * mDNS through Avahi over D-Bus, as on the image (avahi-daemon is already
 * there and owns port 5353; a second responder would fight it). Uses the
 * project's D-Bus connection (dbus-next behind `DbusConnection`). Signals are
 * subscribed before the browser is created: Avahi sends the first ItemNew at
 * once (FINDINGS).
 */
import { DbusConnection } from '../../dbus/node/connection.js';
import { KOOMPI_SERVICE_TYPE, type Announcement, type Discovery, type FoundService } from '../ports.js';

const AVAHI = 'org.freedesktop.Avahi';
const SERVER = 'org.freedesktop.Avahi.Server';
const GROUP = 'org.freedesktop.Avahi.EntryGroup';
const BROWSER = 'org.freedesktop.Avahi.ServiceBrowser';
const IF_UNSPEC = -1;
const PROTO_INET = 0;
const TYPE = `_${KOOMPI_SERVICE_TYPE}._tcp`;

function txtRecord(txt: Readonly<Record<string, string>>): Buffer[] {
  return Object.entries(txt).map(([k, v]) => Buffer.from(`${k}=${v}`, 'utf8'));
}

function parseTxt(items: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!Array.isArray(items)) return out;
  for (const item of items) {
    const text = Buffer.from(item as Uint8Array).toString('utf8');
    const eq = text.indexOf('=');
    if (eq > 0) out[text.slice(0, eq)] = text.slice(eq + 1);
  }
  return out;
}

/** Connects to Avahi on the system bus (or `busAddress`); fails when Avahi is not running. */
export async function createAvahiDiscovery(options: { busAddress?: string } = {}): Promise<Discovery> {
  const conn = await DbusConnection.connect(options.busAddress);
  // Fails fast (ServiceUnknown) when avahi-daemon is absent: the caller falls back to bonjour-service.
  await conn.call(AVAHI, '/', SERVER, 'GetVersionString');
  let group: string | undefined;
  const withdraw = async (): Promise<void> => {
    if (!group) return;
    const path = group;
    group = undefined;
    await conn.call(AVAHI, path, GROUP, 'Free').catch(() => undefined);
  };
  return {
    async announce(a: Announcement) {
      await withdraw();
      const [path] = (await conn.call(AVAHI, '/', SERVER, 'EntryGroupNew')) as [string];
      group = path;
      await conn.call(AVAHI, path, GROUP, 'AddService', 'iiussssqaay', [
        IF_UNSPEC,
        PROTO_INET,
        0,
        a.name,
        TYPE,
        '',
        '',
        a.port,
        txtRecord(a.txt),
      ]);
      await conn.call(AVAHI, path, GROUP, 'Commit');
    },
    withdraw,
    browse(up, down) {
      let stopped = false;
      let browser: string | undefined;
      let unsubscribe: (() => Promise<void>) | undefined;
      const resolve = async (iface: number, protocol: number, name: string, domain: string): Promise<void> => {
        try {
          const r = await conn.call(AVAHI, '/', SERVER, 'ResolveService', 'iisssiu', [
            iface,
            protocol,
            name,
            TYPE,
            domain,
            PROTO_INET,
            0,
          ]);
          const address = String(r[7] ?? '');
          const port = Number(r[8] ?? 0);
          if (!stopped && /^\d+\.\d+\.\d+\.\d+$/.test(address) && port > 0) {
            const found: FoundService = { name, port, txt: parseTxt(r[9]), addresses: [address] };
            up(found);
          }
        } catch {
          // Gone before it resolved: the next ItemNew brings it back.
        }
      };
      void (async () => {
        unsubscribe = await conn.subscribe({ interface: BROWSER }, (signal) => {
          if (stopped || (browser && signal.path !== browser)) return;
          const [iface, protocol, name, type, domain] = signal.body as [number, number, string, string, string];
          if (type !== TYPE) return;
          if (signal.member === 'ItemNew') void resolve(iface, protocol, name, domain);
          else if (signal.member === 'ItemRemove') down?.(name);
        });
        const [path] = (await conn.call(AVAHI, '/', SERVER, 'ServiceBrowserNew', 'iissu', [
          IF_UNSPEC,
          PROTO_INET,
          TYPE,
          '',
          0,
        ])) as [string];
        browser = path;
      })().catch(() => undefined);
      return {
        stop() {
          stopped = true;
          void unsubscribe?.();
          if (browser) void conn.call(AVAHI, browser, BROWSER, 'Free').catch(() => undefined);
        },
      };
    },
    async close() {
      await withdraw();
      conn.close();
    },
  };
}
