/**
 * Lessons going out and work coming back: the manifest a teacher signs (inside
 * a `receive` command), how it travels, and the receipt a student gets for a
 * submission. Planning picks the transport from the class's network.
 */
import { checkRelativePath } from './names.js';

export interface ManifestFile {
  /** Relative, `/`-separated, checked by `checkRelativePath`. */
  readonly path: string;
  readonly size: number;
  /** Hex SHA-256 of the content: a student's copy counts only when it matches. */
  readonly sha256: string;
}

/** How the lesson's bytes reach the students. */
export type LessonTransport =
  /** Each student fetches from the teacher over HTTP: small lessons. */
  | { kind: 'http'; url: string }
  /** A private torrent (base64url .torrent) announced to the teacher's tracker; students swarm. */
  | { kind: 'torrent'; torrent: string; token: string }
  /** One multicast session from the teacher (uftp); students run a receiver. */
  | { kind: 'multicast'; group: string; port: number; sessionTag: string };

export interface LessonOffer {
  /** Share id: a short random base64url string. */
  readonly share: string;
  /** The lesson's name as the teacher wrote it (for display; sanitised on the way in). */
  readonly title: string;
  readonly files: readonly ManifestFile[];
  readonly transport: LessonTransport;
}

export interface Receipt {
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
  /** Teacher's clock, ms since the epoch. */
  readonly receivedAt: number;
}

const SHA256 = /^[0-9a-f]{64}$/;
const SHARE = /^[A-Za-z0-9_-]{6,64}$/;

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

export function isShareId(x: unknown): x is string {
  return typeof x === 'string' && SHARE.test(x);
}

export function isManifestFile(x: unknown): x is ManifestFile {
  return (
    isObject(x) &&
    typeof x['path'] === 'string' &&
    checkRelativePath(x['path']).kind === 'ok' &&
    Number.isSafeInteger(x['size']) &&
    (x['size'] as number) >= 0 &&
    typeof x['sha256'] === 'string' &&
    SHA256.test(x['sha256'])
  );
}

function isTransport(x: unknown): x is LessonTransport {
  if (!isObject(x)) return false;
  switch (x['kind']) {
    case 'http':
      return typeof x['url'] === 'string' && /^http:\/\/[^\s]+$/.test(x['url']) && x['url'].length < 300;
    case 'torrent':
      return (
        typeof x['torrent'] === 'string' &&
        x['torrent'].length < 4_000_000 &&
        typeof x['token'] === 'string' &&
        x['token'].length < 100
      );
    case 'multicast':
      return (
        typeof x['group'] === 'string' &&
        /^(22[4-9]|23\d)\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(x['group']) &&
        Number.isInteger(x['port']) &&
        typeof x['sessionTag'] === 'string' &&
        x['sessionTag'].length < 100
      );
    default:
      return false;
  }
}

export function isLessonOffer(x: unknown): x is LessonOffer {
  if (!isObject(x) || !isShareId(x['share']) || typeof x['title'] !== 'string' || x['title'].length > 200) return false;
  const files = x['files'];
  if (!Array.isArray(files) || files.length === 0 || files.length > 10_000 || !files.every(isManifestFile))
    return false;
  const paths = new Set(files.map((f) => f.path));
  return paths.size === files.length && isTransport(x['transport']);
}

export function isReceipt(x: unknown): x is Receipt {
  return (
    isObject(x) &&
    typeof x['path'] === 'string' &&
    checkRelativePath(x['path']).kind === 'ok' &&
    Number.isSafeInteger(x['size']) &&
    typeof x['sha256'] === 'string' &&
    SHA256.test(x['sha256']) &&
    Number.isSafeInteger(x['receivedAt'])
  );
}

export function offerBytes(offer: Pick<LessonOffer, 'files'>): number {
  return offer.files.reduce((n, f) => n + f.size, 0);
}

// ---- planning ----

export interface NetworkShape {
  /** `switched`: every device has its own link (wired switch); `shared`: one medium (one Wi-Fi access point). */
  readonly medium: 'switched' | 'shared';
  /** Whether multicast reaches the students (wired, or an access point that converts it). */
  readonly multicast: boolean;
  /** Whether the BitTorrent engine (aria2) is installed on every device. */
  readonly swarm: boolean;
}

export interface DistributionPlan {
  readonly transport: LessonTransport['kind'];
  /** The best the network allows, in seconds, for the chosen transport: what the benchmark compares with. */
  readonly idealSeconds: number;
  readonly why: 'small' | 'multicast' | 'swarm' | 'no-swarm-engine';
}

/** Below this a lesson goes straight from the teacher: swarming's fixed start-up (~5 s) costs more than it saves. */
export const SMALL_LESSON_BYTES = 8 * 1024 * 1024;

/**
 * Picks how a lesson travels. Measured here (docs/classroom.md): where
 * multicast reaches the students, uftp sends once at close to the link rate
 * (1.26× size ÷ rate to 10 students on a switched network); without it a
 * BitTorrent swarm approaches size ÷ rate on a switched network (~1.9×),
 * while on one shared medium no unicast engine beats N × size ÷ rate.
 */
export function planDistribution(
  bytes: number,
  students: number,
  linkBitsPerSecond: number,
  network: NetworkShape,
): DistributionPlan {
  const one = (bytes * 8) / linkBitsPerSecond;
  const star = one * Math.max(1, students);
  if (bytes <= SMALL_LESSON_BYTES) {
    return { transport: 'http', idealSeconds: network.medium === 'shared' ? star : one, why: 'small' };
  }
  if (network.multicast) return { transport: 'multicast', idealSeconds: one, why: 'multicast' };
  if (!network.swarm) return { transport: 'http', idealSeconds: star, why: 'no-swarm-engine' };
  return { transport: 'torrent', idealSeconds: network.medium === 'shared' ? star : one, why: 'swarm' };
}
