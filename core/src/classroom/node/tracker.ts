/**
 * The teacher's BitTorrent tracker (HTTP, BEP 3 with compact peers, BEP 23):
 * it answers only class members (a token in the path) and only for the
 * lessons the teacher registered, so the swarm is private to the class with
 * no DHT, no public tracker and no internet. Small enough to keep in-process
 * instead of the `bittorrent-tracker` package and its WebRTC/WebSocket stack.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

interface Peer {
  ip: string;
  port: number;
  seen: number;
  left: number;
}

export interface TrackerOptions {
  /** Access token required in the path: `/announce/<token>`. */
  readonly token: string;
  readonly host?: string;
  readonly port?: number;
  /** Announce interval told to clients, seconds. */
  readonly interval?: number;
  readonly clock?: () => number;
}

export interface TrackerHandler {
  /** Answers an announce; false when the request is not one (the caller answers it). */
  handle(req: http.IncomingMessage, res: http.ServerResponse): boolean;
  /** Allows announces for this info hash (20 raw bytes as hex). */
  register(infoHashHex: string): void;
  unregister(infoHashHex: string): void;
  peers(infoHashHex: string): number;
}

export interface Tracker extends Omit<TrackerHandler, 'handle'> {
  readonly port: number;
  close(): Promise<void>;
}

function bencode(value: unknown): Buffer {
  if (typeof value === 'number') return Buffer.from(`i${Math.trunc(value)}e`);
  if (typeof value === 'string')
    return Buffer.concat([Buffer.from(`${Buffer.byteLength(value)}:`), Buffer.from(value)]);
  if (Buffer.isBuffer(value)) return Buffer.concat([Buffer.from(`${value.length}:`), value]);
  if (Array.isArray(value)) return Buffer.concat([Buffer.from('l'), ...value.map(bencode), Buffer.from('e')]);
  const dict = value as Record<string, unknown>;
  const keys = Object.keys(dict).sort();
  return Buffer.concat([Buffer.from('d'), ...keys.flatMap((k) => [bencode(k), bencode(dict[k])]), Buffer.from('e')]);
}

/** Query values as raw bytes (info_hash and peer_id are binary, percent-encoded). */
function rawQuery(url: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const q = url.indexOf('?');
  if (q < 0) return out;
  for (const pair of url.slice(q + 1).split('&')) {
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq);
    const value = eq < 0 ? '' : pair.slice(eq + 1);
    const bytes: number[] = [];
    for (let i = 0; i < value.length; i++) {
      if (value[i] === '%' && i + 2 < value.length + 1) {
        const n = parseInt(value.slice(i + 1, i + 3), 16);
        if (!Number.isNaN(n)) {
          bytes.push(n);
          i += 2;
          continue;
        }
      }
      bytes.push(value[i] === '+' ? 0x20 : value.charCodeAt(i) & 0xff);
    }
    out.set(key, Buffer.from(bytes));
  }
  return out;
}

function ipv4(address: string): string | undefined {
  const m = /^(?:::ffff:)?(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  return m?.[1];
}

export function createTracker(options: Omit<TrackerOptions, 'host' | 'port'>): TrackerHandler {
  const swarms = new Map<string, Map<string, Peer>>();
  const interval = options.interval ?? 30;
  const clock = options.clock ?? Date.now;
  const fail = (res: http.ServerResponse, reason: string): void => {
    res.writeHead(200, { 'content-type': 'text/plain' }).end(bencode({ 'failure reason': reason }));
  };

  const handle = (req: http.IncomingMessage, res: http.ServerResponse): boolean => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' || path !== `/announce/${options.token}`) return false;
    const q = rawQuery(req.url ?? '');
    const hash = q.get('info_hash');
    const peerId = q.get('peer_id');
    const port = Number(q.get('port')?.toString('latin1'));
    if (!hash || hash.length !== 20 || !peerId || !Number.isInteger(port) || port <= 0 || port > 65535) {
      fail(res, 'malformed announce');
      return true;
    }
    const swarm = swarms.get(hash.toString('hex'));
    if (!swarm) {
      fail(res, 'unknown torrent');
      return true;
    }
    const remote = ipv4(req.socket.remoteAddress ?? '');
    const local = ipv4(req.socket.localAddress ?? '');
    if (!remote || !local) {
      fail(res, 'IPv4 only');
      return true;
    }
    const now = clock();
    const key = peerId.toString('hex');
    if (q.get('event')?.toString() === 'stopped') swarm.delete(key);
    else swarm.set(key, { ip: remote, port, seen: now, left: Number(q.get('left')?.toString() ?? '0') });
    // A peer on this machine (the teacher's own seeder) is reachable at the
    // address the asking student used to reach us.
    const list: Buffer[] = [];
    for (const [id, peer] of swarm) {
      if (now - peer.seen > interval * 3000) {
        swarm.delete(id);
        continue;
      }
      if (id === key) continue;
      const ip = peer.ip.startsWith('127.') ? local : peer.ip;
      if (ip === remote && peer.port === port) continue;
      const b = Buffer.alloc(6);
      ip.split('.').forEach((octet, i) => b.writeUInt8(Number(octet), i));
      b.writeUInt16BE(peer.port, 4);
      list.push(b);
    }
    const seeders = [...swarm.values()].filter((p) => p.left === 0).length;
    res.writeHead(200, { 'content-type': 'text/plain' }).end(
      bencode({
        interval,
        'min interval': Math.min(interval, 5),
        complete: seeders,
        incomplete: swarm.size - seeders,
        peers: Buffer.concat(list),
      }),
    );
    return true;
  };
  return {
    handle,
    register: (h) => {
      if (!swarms.has(h.toLowerCase())) swarms.set(h.toLowerCase(), new Map());
    },
    unregister: (h) => void swarms.delete(h.toLowerCase()),
    peers: (h) => swarms.get(h.toLowerCase())?.size ?? 0,
  };
}

/** The tracker on its own HTTP server. */
export async function startTracker(options: TrackerOptions): Promise<Tracker> {
  const tracker = createTracker(options);
  const server = http.createServer((req, res) => {
    if (!tracker.handle(req, res)) res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '0.0.0.0', () => resolve());
  });
  server.unref();
  return {
    port: (server.address() as AddressInfo).port,
    register: tracker.register,
    unregister: tracker.unregister,
    peers: tracker.peers,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export { bencode };
