/**
 * System snapshots: the contract between koompid, its Btrfs store and the
 * clients (CLI, settings). Pure: validation, retention and the "what will a
 * rollback change" report are computed here; `node/` does the Btrfs work.
 */

export type SnapshotKind = 'single' | 'pre' | 'post';

export interface Snapshot {
  /** A decimal number, increasing: "1", "2", … */
  readonly id: string;
  readonly created: Date;
  readonly kind: SnapshotKind;
  readonly reason: string;
  /** Pinned snapshots are never removed by retention. */
  readonly pinned: boolean;
  /** On a post snapshot: the id of its pre snapshot. */
  readonly pre?: string;
  /** Its record (info.json) is unreadable: listed so it can be deleted, never rolled back to. */
  readonly damaged?: boolean;
}

/** What rolling back to a snapshot changes, by package (name → version). */
export interface RollbackReport {
  readonly snapshot: string;
  readonly created: Date;
  readonly reason: string;
  /** Packages the rollback brings back (absent now, present in the snapshot). */
  readonly added: readonly string[];
  /** Packages the rollback takes away. */
  readonly removed: readonly string[];
  readonly changed: readonly { readonly name: string; readonly from: string; readonly to: string }[];
}

export type InputProblem =
  | { readonly kind: 'empty' }
  | { readonly kind: 'too-long'; readonly max: number }
  | { readonly kind: 'control-characters' }
  | { readonly kind: 'bad-format' };

export const MAX_REASON_LENGTH = 200;
export const DEFAULT_KEEP = 10;

/** Any C0/C1 control character, DEL, or a Unicode line/paragraph separator. */
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** Ids are what the store makes: a positive decimal below 10^10. Nothing else reaches a path. */
export function checkSnapshotId(id: string): InputProblem | undefined {
  if (id.length === 0) return { kind: 'empty' };
  if (id.length > 10) return { kind: 'too-long', max: 10 };
  return /^[1-9][0-9]*$/.test(id) ? undefined : { kind: 'bad-format' };
}

/** A reason is free text shown to people: 1 to 200 characters, no control characters. */
export function checkReason(reason: string): InputProblem | undefined {
  if (reason.trim().length === 0) return { kind: 'empty' };
  if ([...reason].length > MAX_REASON_LENGTH) return { kind: 'too-long', max: MAX_REASON_LENGTH };
  if (CONTROL_CHARACTERS.test(reason)) return { kind: 'control-characters' };
  return undefined;
}

/** The next id after the ones in use (ids are never reused while a higher one exists). */
export function nextSnapshotId(ids: Iterable<string>): string {
  let max = 0;
  for (const id of ids) max = Math.max(max, Number(id));
  return String(max + 1);
}

/**
 * Which snapshots retention removes: all but the newest `keep` unpinned ones.
 * A pre snapshot whose post snapshot stays is kept with it, so pairs are not split.
 */
export function snapshotsToPrune(snapshots: readonly Snapshot[], keep = DEFAULT_KEEP): Snapshot[] {
  const unpinned = [...snapshots].filter((s) => !s.pinned).sort((a, b) => Number(a.id) - Number(b.id));
  const excess = unpinned.slice(0, Math.max(0, unpinned.length - keep));
  const kept = new Set(unpinned.slice(excess.length).map((s) => s.id));
  const preOfKept = new Set(snapshots.filter((s) => kept.has(s.id) && s.pre).map((s) => s.pre));
  return excess.filter((s) => !preOfKept.has(s.id));
}

/** Compares two package inventories (name → version): what moving from `now` to `then` changes. */
export function comparePackages(
  now: ReadonlyMap<string, string>,
  then: ReadonlyMap<string, string>,
): Pick<RollbackReport, 'added' | 'removed' | 'changed'> {
  const added = [...then.keys()].filter((name) => !now.has(name)).sort();
  const removed = [...now.keys()].filter((name) => !then.has(name)).sort();
  const changed = [...now.entries()]
    .filter(([name, version]) => then.has(name) && then.get(name) !== version)
    .map(([name, from]) => ({ name, from, to: then.get(name) ?? '' }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { added, removed, changed };
}

/** The snapshot store: Btrfs in koompid (`node/btrfs-store.ts`), a fake in tests. */
export interface SnapshotStore {
  /** Removes half-made snapshots left by a crash; returns how many. */
  recover(): Promise<number>;
  list(): Promise<Snapshot[]>;
  create(input: { kind: SnapshotKind; reason: string; pre?: string }): Promise<Snapshot>;
  delete(id: string): Promise<'deleted' | 'not-found'>;
  setPinned(id: string, pinned: boolean): Promise<'done' | 'not-found'>;
  /** Installed packages (name → version) in a snapshot, or in the live root when `id` is omitted. */
  packages(id?: string): Promise<Map<string, string>>;
}

/** Thrown when the store fails unexpectedly (a Btrfs command failed, a disk is full). */
export class SnapshotStoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SnapshotStoreError';
  }
}
