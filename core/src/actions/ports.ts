/**
 * What the action runner talks to, and what it says back. Every service is
 * chosen once, when the app starts: a real port, or `unavailable` when the
 * service cannot be had on this machine (as Spectacle picks its platform);
 * nothing is probed before each action. Pure.
 */
import type { Catalog } from '../catalog/catalog.js';
import type { LocalizedText } from '../catalog/types.js';
import type { DaemonFailure } from '../koompid/names.js';
import type { IntentId, IntentSlots, InfoTopic } from '../intent/types.js';
import type { Snapshot } from '../snapshots/snapshots.js';
import type { SystemDaemon } from '../system/daemon.js';
import type { FileFinder, FoundFile } from '../system/files.js';
import type { SystemInfo } from '../sysinfo/sysinfo.js';
import type { SystemInfoSource } from '../system/info.js';
import type { AppLauncher } from '../system/launcher.js';

/** One answer of the running classroom (its control socket); the shape of `ControlResult`. */
export type ClassroomAnswer<T> =
  | { readonly kind: 'ok'; readonly value: T }
  | { readonly kind: 'no-service' }
  | { readonly kind: 'wrong-role'; readonly role: 'teacher' | 'student' }
  | { readonly kind: 'failed'; readonly message: string };

/** A student of the class: whether their computer answers now, and the app in front. */
export interface RosterStudent {
  readonly name: string;
  readonly online: boolean;
  readonly activeApp?: string;
}

/** A command sent to every student: each one's outcome. */
export type ClassReport = Readonly<Record<string, { readonly kind: string }>>;

/** The part of the classroom's control client that actions use (`connectClassroomControl` fits it). */
export interface ClassroomPort {
  share(file: string): Promise<ClassroomAnswer<{ readonly title: string; readonly students: Readonly<object> }>>;
  collect(): Promise<ClassroomAnswer<ReadonlyArray<{ readonly studentName: string; readonly path: string }>>>;
  online(): Promise<ClassroomAnswer<readonly RosterStudent[]>>;
  lock(message?: string): Promise<ClassroomAnswer<ClassReport>>;
  unlock(): Promise<ClassroomAnswer<ClassReport>>;
}

/** A service chosen at start: there, or explicitly not. */
export type Service<T> = { readonly kind: 'ready'; readonly port: T } | { readonly kind: 'unavailable' };

export const ready = <T>(port: T): Service<T> => ({ kind: 'ready', port });
export const UNAVAILABLE: Service<never> = { kind: 'unavailable' };

export interface ActionPorts {
  readonly catalog: Catalog;
  readonly daemon: Service<SystemDaemon>;
  readonly launcher: Service<AppLauncher>;
  readonly classroom: Service<ClassroomPort>;
  readonly files: Service<FileFinder>;
  readonly info: Service<SystemInfoSource>;
}

/** What an action is about, once: the words the person used resolved through the catalog. */
export interface ActionRequest {
  readonly intent: IntentId;
  readonly slots: IntentSlots;
  /** Extra arguments the model gave (`reason` of a snapshot, `message` of a lock). */
  readonly args?: Readonly<Record<string, unknown>>;
}

/** An app as the person knows it: the catalog's names, or the words they used. */
export interface NamedApp {
  readonly id: string;
  readonly name: LocalizedText;
}

export type Done =
  | {
      readonly what: 'package';
      readonly change: 'install' | 'remove';
      readonly app: NamedApp;
      readonly package: string;
      readonly preSnapshot: string;
      readonly postSnapshot: string;
    }
  | { readonly what: 'updated'; readonly preSnapshot: string; readonly postSnapshot: string }
  | { readonly what: 'snapshot-created'; readonly id: string }
  | { readonly what: 'snapshots'; readonly snapshots: readonly Snapshot[] }
  | {
      readonly what: 'search';
      readonly query: string;
      /** Best first, with the catalog's score. */
      readonly apps: ReadonlyArray<NamedApp & { readonly score: number }>;
    }
  | { readonly what: 'info'; readonly topic: InfoTopic; readonly info: SystemInfo[InfoTopic] }
  | { readonly what: 'files'; readonly query: string; readonly files: readonly FoundFile[] }
  | { readonly what: 'opened'; readonly app: NamedApp; readonly argv: readonly string[]; readonly pid: number }
  | { readonly what: 'shared'; readonly title: string; readonly students: number }
  | {
      readonly what: 'collected';
      readonly submissions: ReadonlyArray<{ readonly studentName: string; readonly path: string }>;
    }
  | { readonly what: 'online'; readonly students: readonly RosterStudent[] }
  | {
      readonly what: 'locked' | 'unlocked';
      readonly done: number;
      readonly total: number;
      /** Each student computer's outcome. */
      readonly report: ClassReport;
    };

export type RefusalReason =
  /** koompid's refusals: the person's role may not, or the request was wrong. */
  | DaemonFailure['kind']
  /** The classroom running here is the other role (a student asked to share). */
  | 'wrong-role'
  /** The sentence lacks what the action needs ("install" what?). */
  | 'needs-detail'
  /** Not something this app carries out (language, backups, rollback): the CLI or Settings does. */
  | 'not-here'
  /** An app KOOMPI does not know, or a name that cannot be a program. */
  | 'unknown-app';

export type ActionOutcome =
  | { readonly kind: 'done'; readonly intent: IntentId; readonly done: Done; readonly undo?: ActionRequest }
  | {
      readonly kind: 'refused';
      readonly intent: IntentId;
      readonly reason: RefusalReason;
      readonly detail?: string;
      readonly app?: NamedApp;
    }
  | {
      readonly kind: 'unavailable';
      readonly intent: IntentId;
      readonly service: 'daemon' | 'launcher' | 'classroom' | 'files' | 'info';
    }
  | {
      readonly kind: 'failed';
      readonly intent: IntentId;
      readonly detail: string;
      /** The job stopped before it finished (nothing changed). */
      readonly cancelled?: boolean;
      /** The system is as it was at this snapshot. */
      readonly preSnapshot?: string;
      readonly app?: NamedApp;
    };
