/**
 * mDNS discovery with `bonjour-service` (pure JS), for machines without Avahi
 * and for tests in network namespaces. Each device announces its own host
 * name, because devices in namespaces share the machine's hostname.
 */
import { Bonjour, type Service } from 'bonjour-service';
import { KOOMPI_SERVICE_TYPE, type Announcement, type Discovery, type FoundService } from '../ports.js';

function toFound(service: Service): FoundService | undefined {
  const txt: Record<string, string> = {};
  for (const [k, v] of Object.entries((service.txt ?? {}) as Record<string, unknown>)) {
    if (typeof v === 'string') txt[k] = v;
    else if (Buffer.isBuffer(v)) txt[k] = v.toString('utf8');
  }
  const addresses = (service.addresses ?? []).filter((a) => /^\d+\.\d+\.\d+\.\d+$/.test(a));
  if (
    service.referer?.address &&
    /^\d+\.\d+\.\d+\.\d+$/.test(service.referer.address) &&
    !addresses.includes(service.referer.address)
  ) {
    addresses.push(service.referer.address);
  }
  if (addresses.length === 0 || !service.port) return undefined;
  return { name: service.name, port: service.port, txt, addresses };
}

export interface BonjourDiscoveryOptions {
  /** Unique host label for this device's A record (defaults to the instance name). */
  readonly hostLabel?: string;
}

export function createBonjourDiscovery(options: BonjourDiscoveryOptions = {}): Discovery {
  const bonjour = new Bonjour({}, () => undefined);
  let published: Service | undefined;
  const unpublish = (): Promise<void> =>
    new Promise((resolve) => {
      const current = published;
      published = undefined;
      if (!current) return resolve();
      current.stop?.(() => resolve());
      setTimeout(resolve, 500).unref();
    });
  return {
    async announce(a: Announcement) {
      await unpublish();
      const label = (options.hostLabel ?? a.name).replace(/[^A-Za-z0-9-]/g, '-').slice(0, 60);
      published = bonjour.publish({
        name: a.name,
        type: KOOMPI_SERVICE_TYPE,
        protocol: 'tcp',
        port: a.port,
        host: `${label}.local`,
        txt: { ...a.txt },
        disableIPv6: true,
        probe: false,
      });
    },
    withdraw: unpublish,
    browse(up, down) {
      const browser = bonjour.find({ type: KOOMPI_SERVICE_TYPE, protocol: 'tcp' });
      const report = (s: Service): void => {
        const found = toFound(s);
        if (found) up(found);
      };
      browser.on('up', report);
      browser.on('txt-update', report);
      browser.on('srv-update', report);
      browser.on('down', (s: Service) => down?.(s.name));
      // Ask again a few times: a query can be lost, and answers for services published later come unasked only once.
      const timer = setInterval(() => browser.update(), 2000);
      timer.unref();
      return {
        stop() {
          clearInterval(timer);
          browser.stop();
        },
      };
    },
    async close() {
      await unpublish();
      await new Promise<void>((resolve) => bonjour.destroy(() => resolve()));
    },
  };
}
