/**
 * Packages through koompid: system packages (pacman, through PackageKit) and
 * apps (Flatpak). Pure: name rules, job states and the backend port; `node/`
 * holds the PackageKit and Flatpak adapters and the D-Bus client.
 */
import type { DaemonFailure } from '../koompid/names.js';
import { CONTROL_CHARACTERS, type InputProblem } from '../snapshots/snapshots.js';

export type PackageSource = 'system' | 'app';

export interface PackageHit {
  /** What to pass to install or remove: a pacman name or a Flatpak app id. */
  readonly id: string;
  readonly name: string;
  readonly summary: string;
  readonly version: string;
  readonly source: PackageSource;
  readonly installed: boolean;
}

export type JobKind = 'install' | 'remove' | 'update';
/** `interrupted`: koompid stopped (a crash, a power cut) while the job waited or ran; its message says what was put back. */
export type JobState = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';
export type JobStage =
  'queued' | 'snapshot-pre' | 'download' | 'install' | 'remove' | 'update' | 'snapshot-post' | 'restore' | 'done';

export const JOB_STAGES: readonly JobStage[] = [
  'queued',
  'snapshot-pre',
  'download',
  'install',
  'remove',
  'update',
  'snapshot-post',
  'restore',
  'done',
];

/** One job as ListJobs reports it (koompid keeps the last 50 in its journal, across restarts). */
export interface JobSummary {
  /** The job's object path, /org/koompi/System1/jobs/N. */
  readonly path: string;
  readonly kind: JobKind;
  readonly target: string;
  readonly state: JobState;
  readonly stage: JobStage;
  readonly percentage: number;
  /** The uid of the person who started it. */
  readonly uid: number;
  /** A D-Bus error name, "" when there is none. */
  readonly error: string;
  readonly message: string;
  readonly preSnapshot: string;
  readonly postSnapshot: string;
}

/** A job's progress, as its Progress signal and properties carry it. */
export interface JobProgress {
  readonly percentage: number;
  readonly stage: JobStage;
}

/** How a backend change ended: expected failures are values. */
export type ChangeOutcome =
  | { readonly kind: 'done' }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'nothing-to-do' }
  | { readonly kind: 'failed'; readonly message: string };

export interface PackageBackend {
  readonly source: PackageSource;
  search(query: string): Promise<PackageHit[]>;
  install(name: string, progress: (p: JobProgress) => void): Promise<ChangeOutcome>;
  remove(name: string, progress: (p: JobProgress) => void): Promise<ChangeOutcome>;
  update(progress: (p: JobProgress) => void): Promise<ChangeOutcome>;
  /** What is installed now (id → version). */
  inventory(): Promise<Map<string, string>>;
  /** Problems that stop the backend from working ([] when healthy). */
  check(): Promise<string[]>;
}

export const MAX_NAME_LENGTH = 255;
export const MAX_QUERY_LENGTH = 100;

const APP_ID = /^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*){2,}$/;
const SYSTEM_NAME = /^[a-z0-9@_+][a-z0-9@._+-]*$/;

/**
 * Which backend a name belongs to, or why it is refused. Apps are reverse-DNS
 * Flatpak ids (`org.kde.kolourpaint`); system packages follow pacman's rules
 * (lower case, no leading `-` or `.`). No path separators, spaces or control
 * characters pass either rule.
 */
export function classifyPackageName(name: string): { kind: 'ok'; source: PackageSource } | InputProblem {
  if (name.length === 0) return { kind: 'empty' };
  if (name.length > MAX_NAME_LENGTH) return { kind: 'too-long', max: MAX_NAME_LENGTH };
  if (CONTROL_CHARACTERS.test(name)) return { kind: 'control-characters' };
  if (APP_ID.test(name)) return { kind: 'ok', source: 'app' };
  if (SYSTEM_NAME.test(name) && name.length <= 128) return { kind: 'ok', source: 'system' };
  return { kind: 'bad-format' };
}

/** A search query: 1 to 100 characters of text, no control characters. */
export function checkQuery(query: string): InputProblem | undefined {
  if (query.trim().length === 0) return { kind: 'empty' };
  if ([...query].length > MAX_QUERY_LENGTH) return { kind: 'too-long', max: MAX_QUERY_LENGTH };
  if (CONTROL_CHARACTERS.test(query)) return { kind: 'control-characters' };
  return undefined;
}

/** Maps a backend's own progress (0–100) into a stage's share of the whole job. */
export function scaleProgress(percentage: number, from: number, to: number): number {
  const p = Math.min(100, Math.max(0, Number.isFinite(percentage) ? percentage : 0));
  return Math.round(from + ((to - from) * p) / 100);
}

/** How a job ended. On failure, `failure.kind` says why (`not-found`, `failed`, …). */
export type JobOutcome =
  | { readonly kind: 'succeeded'; readonly preSnapshot: string; readonly postSnapshot: string }
  | { readonly kind: 'failed'; readonly failure: DaemonFailure; readonly preSnapshot: string }
  | { readonly kind: 'cancelled' };
