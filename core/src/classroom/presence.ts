/**
 * The teacher's signed presence on mDNS. Its `_koompi._tcp` TXT record carries
 * its public key (`pk`), the addresses it is reachable on (`a`, IPv4, comma
 * separated), its clock when it announced (`t`, ms) and an Ed25519 signature
 * (`sig`) over all of them with the port. A student joins only a teacher whose
 * record verifies under the key it checks (fingerprint or school roster), and
 * follows a paired teacher to a new address only when the record verifies
 * under the pinned key and is newer than the last one it followed; the
 * addresses it moves to are the signed ones, never the record's A records.
 */
import { fromBase64Url, framed, toBase64Url } from './bytes.js';
import type { ClassroomCrypto } from './crypto.js';
import { deviceIdOf } from './pairing.js';
import type { Announcement } from './ports.js';

/** The TXT fields the signature covers, in order. */
const SIGNED_FIELDS = ['v', 'role', 'id', 'st', 'cls', 'join', 'a', 't', 'pk'] as const;

const IPV4 = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

function presenceBytes(txt: Readonly<Record<string, string>>, port: number): Uint8Array {
  return framed('KOOMPI-presence', String(port), ...SIGNED_FIELDS.map((f) => txt[f] ?? ''));
}

/** Adds `a`, `t`, `pk` and `sig` to a teacher's TXT record. */
export function signPresence(
  crypto: ClassroomCrypto,
  keys: { readonly publicKey: Uint8Array; readonly privateKey: Uint8Array },
  announcement: Announcement,
  addresses: readonly string[],
  now: number,
): Announcement {
  const txt: Record<string, string> = {
    ...announcement.txt,
    a: addresses
      .filter((a) => IPV4.test(a))
      .slice(0, 8)
      .join(','),
    t: String(Math.floor(now)),
    pk: toBase64Url(keys.publicKey),
  };
  txt['sig'] = toBase64Url(crypto.sign(keys.privateKey, presenceBytes(txt, announcement.port)));
  return { ...announcement, txt };
}

export type PresenceCheck =
  | { kind: 'ok'; publicKey: string; addresses: readonly string[]; at: number }
  | { kind: 'unsigned' }
  | { kind: 'bad-signature' }
  | { kind: 'other-key' };

/**
 * Checks a found record's signature. With `pinned` (base64url key) the record
 * must be signed by that key; without, by the key it carries, whose device id
 * must be the record's `id` (the caller then checks that key).
 */
export function verifyPresence(crypto: ClassroomCrypto, service: Announcement, pinned?: string): PresenceCheck {
  const { txt } = service;
  const pk = txt['pk'];
  const sig = txt['sig'];
  if (!pk || !sig) return { kind: 'unsigned' };
  if (pinned !== undefined && pk !== pinned) return { kind: 'other-key' };
  const key = fromBase64Url(pk);
  const signature = fromBase64Url(sig);
  if (!key || key.length !== 32 || !signature || signature.length !== 64) return { kind: 'bad-signature' };
  if (deviceIdOf(crypto, key) !== txt['id']) return { kind: 'bad-signature' };
  if (!crypto.verify(key, presenceBytes(txt, service.port), signature)) return { kind: 'bad-signature' };
  const at = Number(txt['t']);
  if (!Number.isSafeInteger(at)) return { kind: 'bad-signature' };
  const addresses = (txt['a'] ?? '').split(',').filter((a) => IPV4.test(a));
  return { kind: 'ok', publicKey: pk, addresses, at };
}
