/**
 * The intent router's contract. Intent ids and slot names are the `koompi`
 * CLI's JSON contract (`koompi intent --json`): change them only with a
 * version bump of that contract.
 */

/** Every intent the router can return, in the order the CLI documents them. */
export const INTENT_IDS = [
  'package.install',
  'package.remove',
  'package.search',
  'system.update',
  'snapshot.create',
  'snapshot.list',
  'snapshot.rollback',
  'snapshot.delete',
  'system.info',
  'file.find',
  'file.backup',
  'classroom.share',
  'classroom.collect',
  'classroom.online',
  'classroom.lock',
  'classroom.unlock',
  'app.open',
  'settings.language',
  'help',
  'unknown',
] as const;

export type IntentId = (typeof INTENT_IDS)[number];

/** The topics `system.info` knows. */
export const INFO_TOPICS = ['memory', 'disk', 'battery', 'network', 'cpu', 'os'] as const;
export type InfoTopic = (typeof INFO_TOPICS)[number];

/** Slot values, all strings. Which slots an intent fills is listed in docs/intent.md. */
export interface IntentSlots {
  /** A catalog app id (`firefox`, `write`), or the name as said when the catalog does not know it. */
  readonly app?: string;
  /** What to look for, as the person said it, without the words of the command. */
  readonly query?: string;
  readonly topic?: InfoTopic;
  /** A folder (`~/Documents`) or the path the person gave. */
  readonly path?: string;
  readonly language?: 'km' | 'en';
}

export interface IntentResult {
  readonly intent: IntentId;
  readonly slots: IntentSlots;
  /** 0..1: how sure the router is. `unknown` comes with the confidence that nothing else fits. */
  readonly confidence: number;
}

export function isIntentId(value: string): value is IntentId {
  return (INTENT_IDS as readonly string[]).includes(value);
}
