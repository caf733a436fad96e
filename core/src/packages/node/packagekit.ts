import { DbusCallError, unwrapVariant, type DbusConnection, type IncomingSignal } from '../../dbus/node/connection.js';
import {
  scaleProgress,
  type ChangeOutcome,
  type JobProgress,
  type JobStage,
  type PackageBackend,
  type PackageHit,
} from '../packages.js';

const PK = 'org.freedesktop.PackageKit';
const PK_PATH = '/org/freedesktop/PackageKit';
const PK_TX = 'org.freedesktop.PackageKit.Transaction';

// PackageKit enums (pk-enum.h).
const INFO_INSTALLED = 1;
const INFO_AVAILABLE = 2;
const FILTER_NONE = 0n;
const FILTER_INSTALLED = 1n << 2n;
const FLAG_ONLY_TRUSTED = 1n << 1n;
const EXIT_SUCCESS = 1;
const ERROR_NOT_FOUND = new Set([8 /* package-not-installed */, 9 /* package-not-found */, 11 /* already-installed */]);

interface PkPackage {
  readonly info: number;
  readonly id: string;
  readonly summary: string;
}

interface TransactionResult {
  readonly exit: number;
  readonly packages: PkPackage[];
  readonly error?: { code: number; details: string };
}

/** Thrown when PackageKit cannot be reached or answers nonsense. */
export class PackageKitError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PackageKitError';
  }
}

/**
 * System packages through PackageKit's D-Bus API (pacman's alpm backend on the
 * image, the dummy backend in tests). koompid calls it as root, after it has
 * checked its own caller; PackageKit then asks polkit about root, which passes.
 */
export class PackageKitBackend implements PackageBackend {
  readonly source = 'system' as const;

  constructor(private readonly connection: DbusConnection) {}

  async search(query: string): Promise<PackageHit[]> {
    const result = await this.transaction('SearchNames', 'tas', [FILTER_NONE, [query]]);
    return dedupe(result.packages).map((p) => {
      const [name = p.id, version = ''] = p.id.split(';');
      return { id: name, name, summary: p.summary, version, source: 'system', installed: p.info === INFO_INSTALLED };
    });
  }

  async install(name: string, progress: (p: JobProgress) => void): Promise<ChangeOutcome> {
    const found = await this.resolve(name);
    if (found.length === 0) return { kind: 'not-found' };
    const available = found.filter((p) => p.info === INFO_AVAILABLE || p.info > INFO_AVAILABLE);
    if (available.length === 0) return { kind: 'nothing-to-do' };
    return this.change(
      'InstallPackages',
      'tas',
      [FLAG_ONLY_TRUSTED, available.slice(0, 1).map((p) => p.id)],
      'install',
      progress,
    );
  }

  async remove(name: string, progress: (p: JobProgress) => void): Promise<ChangeOutcome> {
    const installed = (await this.resolve(name)).filter((p) => p.info === INFO_INSTALLED);
    if (installed.length === 0) return { kind: 'not-found' };
    return this.change('RemovePackages', 'tasbb', [0n, installed.map((p) => p.id), false, false], 'remove', progress);
  }

  async update(progress: (p: JobProgress) => void): Promise<ChangeOutcome> {
    const updates = await this.transaction('GetUpdates', 't', [FILTER_NONE]);
    const ids = dedupe(updates.packages).map((p) => p.id);
    if (ids.length === 0) return { kind: 'nothing-to-do' };
    return this.change('UpdatePackages', 'tas', [FLAG_ONLY_TRUSTED, ids], 'update', progress);
  }

  async inventory(): Promise<Map<string, string>> {
    const result = await this.transaction('GetPackages', 't', [FILTER_INSTALLED]);
    const packages = new Map<string, string>();
    for (const p of result.packages) {
      const [name, version = ''] = p.id.split(';');
      if (name) packages.set(name, version);
    }
    return packages;
  }

  async check(): Promise<string[]> {
    try {
      await this.connection.call(
        PK,
        PK_PATH,
        'org.freedesktop.DBus.Properties',
        'Get',
        'ss',
        [PK, 'BackendName'],
        5_000,
      );
      return [];
    } catch (error) {
      return [`PackageKit: ${error instanceof DbusCallError ? error.errorName : String(error)}`];
    }
  }

  /** Exact-name matches: Resolve, else a name search (some backends resolve only installed names). */
  private async resolve(name: string): Promise<PkPackage[]> {
    const resolved = dedupe((await this.transaction('Resolve', 'tas', [FILTER_NONE, [name]])).packages);
    if (resolved.length > 0) return resolved;
    const searched = await this.transaction('SearchNames', 'tas', [FILTER_NONE, [name]]);
    return dedupe(searched.packages).filter((p) => p.id.split(';')[0] === name);
  }

  private async change(
    method: string,
    signature: string,
    body: unknown[],
    stage: JobStage,
    progress: (p: JobProgress) => void,
  ): Promise<ChangeOutcome> {
    progress({ percentage: 0, stage });
    const result = await this.transaction(method, signature, body, (percentage) =>
      progress({ percentage: scaleProgress(percentage, 0, 100), stage }),
    );
    if (result.exit === EXIT_SUCCESS) return { kind: 'done' };
    if (result.error && ERROR_NOT_FOUND.has(result.error.code)) {
      return result.error.code === 11 ? { kind: 'nothing-to-do' } : { kind: 'not-found' };
    }
    return { kind: 'failed', message: result.error?.details.slice(0, 500) ?? `PackageKit exit ${result.exit}` };
  }

  /** Runs one PackageKit transaction to its Finished signal, collecting Package and ErrorCode signals. */
  private async transaction(
    method: string,
    signature: string,
    body: unknown[],
    onPercentage?: (percentage: number) => void,
  ): Promise<TransactionResult> {
    let path: string;
    try {
      [path] = (await this.connection.call(PK, PK_PATH, PK, 'CreateTransaction', '', [], 10_000)) as [string];
    } catch (error) {
      throw new PackageKitError('PackageKit is not available', { cause: error });
    }
    const packages: PkPackage[] = [];
    let error: { code: number; details: string } | undefined;
    let finish: (exit: number) => void = () => undefined;
    const finished = new Promise<number>((resolve) => (finish = resolve));
    const onSignal = (s: IncomingSignal): void => {
      if (s.interface === PK_TX && s.member === 'Package') {
        packages.push({ info: Number(s.body[0]), id: String(s.body[1]), summary: String(s.body[2] ?? '') });
      } else if (s.interface === PK_TX && s.member === 'ErrorCode') {
        error = { code: Number(s.body[0]), details: String(s.body[1] ?? '') };
      } else if (s.interface === PK_TX && s.member === 'Finished') {
        finish(Number(s.body[0]));
      } else if (s.member === 'PropertiesChanged' && onPercentage) {
        const changed = s.body[1] as Record<string, unknown> | undefined;
        const value = changed ? Number(unwrapVariant(changed['Percentage'])) : NaN;
        if (Number.isFinite(value) && value <= 100) onPercentage(value);
      }
    };
    // Only PackageKit's own connection speaks for the transaction: anyone on the
    // bus may emit a signal with this path (a forged Package would choose what
    // gets installed), but the bus sets the sender and no one can borrow a unique name.
    const owner = await this.owner();
    let gone: (error: PackageKitError) => void = () => undefined;
    const vanished = new Promise<never>((_resolve, reject) => (gone = reject));
    vanished.catch(() => undefined);
    const unsubscribe = await this.connection.subscribe({ sender: owner, path }, onSignal);
    const unwatch = await this.connection.subscribe(
      { sender: 'org.freedesktop.DBus', interface: 'org.freedesktop.DBus', member: 'NameOwnerChanged' },
      (s) => {
        if (s.body[0] === PK && s.body[1] === owner) gone(new PackageKitError(`PackageKit stopped during ${method}`));
      },
    );
    try {
      if ((await this.owner().catch(() => '')) !== owner) throw new PackageKitError(`PackageKit restarted`);
      await Promise.race([this.connection.call(PK, path, PK_TX, method, signature, body, 30_000), vanished]);
      const exit = await Promise.race([withTimeout(finished, 30 * 60_000, `PackageKit ${method}`), vanished]);
      return { exit, packages, ...(error ? { error } : {}) };
    } catch (cause) {
      if (cause instanceof PackageKitError) throw cause;
      if (cause instanceof DbusCallError) {
        return { exit: 2, packages, error: { code: -1, details: `${cause.errorName}: ${cause.text}` } };
      }
      throw new PackageKitError(`PackageKit ${method} failed`, { cause });
    } finally {
      await unsubscribe();
      await unwatch();
    }
  }

  /** PackageKit's unique bus name (CreateTransaction has just activated it). */
  private async owner(): Promise<string> {
    try {
      const [owner] = await this.connection.callBus('GetNameOwner', 's', [PK]);
      if (typeof owner === 'string' && owner.startsWith(':')) return owner;
    } catch (error) {
      throw new PackageKitError('PackageKit has no owner on the bus', { cause: error });
    }
    throw new PackageKitError('PackageKit has no owner on the bus');
  }
}

function dedupe(packages: PkPackage[]): PkPackage[] {
  const seen = new Map<string, PkPackage>();
  for (const p of packages) seen.set(p.id, p);
  return [...seen.values()];
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_r, reject) => {
      timer = setTimeout(() => reject(new PackageKitError(`${what} timed out`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
