/**
 * Where the Gemini key comes from, in order:
 *  1. `KOOMPI_GEMINI_API_KEY` (development and tests);
 *  2. the person's own key in their wallet, through the Secret Service API
 *     (`org.freedesktop.secrets`, which KWallet provides), item attributes
 *     `application=koompi`, `type=gemini-api-key`;
 *  3. the school's key, `/etc/koompi/ai.key` (root:koompi-ai, 0640): readable
 *     by the AI service's group, never by students. A key file that others may
 *     read, or that is not owned by root and group koompi-ai, is refused, so a mistake in provisioning cannot leak it.
 * Keys are wrapped in {@link Secret} and never logged.
 */
import fs from 'node:fs';
import dbus from 'dbus-next';
import { Secret } from './secret.js';

export type KeySource = 'env' | 'wallet' | 'school';

export type KeyLookup =
  | { readonly kind: 'found'; readonly key: Secret; readonly source: KeySource }
  | { readonly kind: 'none'; readonly problems: readonly KeyProblem[] };

export type KeyProblem =
  | { readonly kind: 'school-key-exposed'; readonly file: string }
  | { readonly kind: 'wallet-locked' }
  | { readonly kind: 'school-key-unreadable'; readonly file: string }
  | { readonly kind: 'school-key-wrong-owner'; readonly file: string };

export const SCHOOL_KEY_FILE = '/etc/koompi/ai.key';

export interface KeyOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** A session bus to ask the wallet on; absent: no wallet lookup. */
  readonly sessionBus?: dbus.MessageBus;
  readonly schoolKeyFile?: string;
}

export async function findApiKey(options: KeyOptions = {}): Promise<KeyLookup> {
  const env = options.env ?? process.env;
  const problems: KeyProblem[] = [];
  const fromEnv = env['KOOMPI_GEMINI_API_KEY']?.trim();
  if (fromEnv) return { kind: 'found', key: new Secret(fromEnv), source: 'env' };

  if (options.sessionBus) {
    // A wallet that does not answer within 3 s (locked behind a prompt, or hung) counts as absent.
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<WalletKey>((resolve) => {
      timer = setTimeout(() => resolve({ kind: 'absent' }), 3_000);
    });
    const wallet = await Promise.race([walletKey(options.sessionBus), timeout])
      .catch(() => ({ kind: 'absent' }) as const)
      .finally(() => clearTimeout(timer));
    if (wallet.kind === 'found') return { kind: 'found', key: wallet.key, source: 'wallet' };
    if (wallet.kind === 'locked') problems.push({ kind: 'wallet-locked' });
  }

  const file = options.schoolKeyFile ?? env['KOOMPI_SCHOOL_KEY_FILE'] ?? SCHOOL_KEY_FILE;
  const school = readSchoolKey(file);
  if (school.kind === 'found') return { kind: 'found', key: school.key, source: 'school' };
  if (school.kind === 'problem') problems.push(school.problem);
  return { kind: 'none', problems };
}

type SchoolKey = { kind: 'found'; key: Secret } | { kind: 'absent' } | { kind: 'problem'; problem: KeyProblem };

/**
 * The school's key, only when provisioned as root:koompi-ai with no bits for
 * others: a file someone else owns could be swapped or read by its owner, and
 * any other group may hold students.
 */
export function readSchoolKey(file: string, groupFile = '/etc/group'): SchoolKey {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return { kind: 'absent' };
  }
  if ((stat.mode & 0o007) !== 0) return { kind: 'problem', problem: { kind: 'school-key-exposed', file } };
  if (stat.uid !== 0 || stat.gid !== groupId(groupFile, SCHOOL_KEY_GROUP)) {
    return { kind: 'problem', problem: { kind: 'school-key-wrong-owner', file } };
  }
  try {
    const key = fs.readFileSync(file, 'utf8').trim();
    return key ? { kind: 'found', key: new Secret(key) } : { kind: 'absent' };
  } catch {
    // Not in the koompi-ai group: only the AI service may read the school's key.
    return { kind: 'problem', problem: { kind: 'school-key-unreadable', file } };
  }
}

export const SCHOOL_KEY_GROUP = 'koompi-ai';

function groupId(groupFile: string, name: string): number | undefined {
  let text = '';
  try {
    text = fs.readFileSync(groupFile, 'utf8');
  } catch {
    return undefined;
  }
  for (const line of text.split('\n')) {
    const [group, , gid] = line.split(':');
    if (group === name && gid !== undefined && /^[0-9]+$/.test(gid)) return Number(gid);
  }
  return undefined;
}

type WalletKey = { kind: 'found'; key: Secret } | { kind: 'locked' } | { kind: 'absent' };

const SECRETS = 'org.freedesktop.secrets';
const ATTRIBUTES = { application: 'koompi', type: 'gemini-api-key' };

async function walletKey(bus: dbus.MessageBus): Promise<WalletKey> {
  const serviceObject = await bus.getProxyObject(SECRETS, '/org/freedesktop/secrets');
  const service = serviceObject.getInterface('org.freedesktop.Secret.Service');
  const [unlocked, locked] = (await service['SearchItems']!(ATTRIBUTES)) as [string[], string[]];
  if (unlocked.length === 0) return locked.length > 0 ? { kind: 'locked' } : { kind: 'absent' };
  const [, session] = (await service['OpenSession']!('plain', new dbus.Variant('s', ''))) as [unknown, string];
  try {
    const secrets = (await service['GetSecrets']!([unlocked[0]], session)) as Record<
      string,
      [string, Buffer, Buffer, string]
    >;
    const entry = secrets[unlocked[0]!];
    const value = entry ? Buffer.from(entry[2]).toString('utf8').trim() : '';
    return value ? { kind: 'found', key: new Secret(value) } : { kind: 'absent' };
  } finally {
    const sessionObject = await bus.getProxyObject(SECRETS, session);
    await sessionObject.getInterface('org.freedesktop.Secret.Session')['Close']!().catch(() => undefined);
  }
}
