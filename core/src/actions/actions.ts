/**
 * The one table of what KOOMPI can do for a sentence: for every intent, what
 * carries it out (koompid, the launcher, the classroom, the person's files, …),
 * whether it changes the system or the class (and so needs the person's yes),
 * the Gemini tool that proposes it and the `koompi` command that does the same.
 * Chat, the CLI and the assistant read this table; none keeps its own. Pure.
 */
import { INFO_TOPICS, type IntentId, type IntentSlots } from '../intent/types.js';

/**
 * What carries an action out. `none`: no service (a question, or a setting the
 * CLI writes). Rolling back, deleting a snapshot and backing up need koompid
 * but are done by `koompi` only; the runner says `not-here` for them.
 */
export type ActionNeed = 'daemon' | 'launcher' | 'classroom' | 'files' | 'info' | 'catalog' | 'none';

/**
 * When the person must say yes first: `always` for changes; `never` for reads;
 * `unless-catalog-app` for opening an app (a program KOOMPI's catalog does not
 * know is not started without asking).
 */
export type Confirmation = 'always' | 'never' | 'unless-catalog-app';

export interface ToolParameter {
  readonly type: 'STRING';
  readonly description: string;
  readonly enum?: readonly string[];
}

/** A Gemini function declaration. */
export interface ToolDeclaration {
  readonly name: string;
  readonly description: string;
  readonly parameters: {
    readonly type: 'OBJECT';
    readonly properties: Readonly<Record<string, ToolParameter>>;
    readonly required?: readonly string[];
  };
}

export interface ActionSpec {
  readonly intent: IntentId;
  readonly needs: ActionNeed;
  readonly confirm: Confirmation;
  /** The slot without which the action cannot run ("install" needs an app). */
  readonly requires?: keyof IntentSlots;
  /** Offered to the model; absent for actions the model is not offered. */
  readonly tool?: ToolDeclaration;
  /** The same action as `koompi` arguments, once `requires` is filled. */
  readonly command: (slots: IntentSlots) => readonly string[];
  /** What to type when the sentence lacks the detail (`koompi package install firefox`). */
  readonly example?: string;
}

const str = (description: string, values?: readonly string[]): ToolParameter =>
  values ? { type: 'STRING', description, enum: values } : { type: 'STRING', description };
const tool = (
  name: string,
  description: string,
  properties: Readonly<Record<string, ToolParameter>> = {},
  required?: readonly string[],
): ToolDeclaration => ({
  name,
  description,
  parameters: required ? { type: 'OBJECT', properties, required } : { type: 'OBJECT', properties },
});
const slot = (slots: IntentSlots, key: keyof IntentSlots): string => String(slots[key] ?? '');

export const INTENT_ACTIONS: Readonly<Record<IntentId, ActionSpec>> = {
  'package.install': {
    intent: 'package.install',
    needs: 'daemon',
    confirm: 'always',
    requires: 'app',
    tool: tool(
      'install_package',
      'Install an app on this computer (asks the person first; a snapshot is taken before).',
      { app: str('App name or package id, e.g. "firefox", "gimp"') },
      ['app'],
    ),
    command: (s) => ['package', 'install', slot(s, 'app')],
    example: 'koompi package install firefox',
  },
  'package.remove': {
    intent: 'package.remove',
    needs: 'daemon',
    confirm: 'always',
    requires: 'app',
    tool: tool(
      'remove_package',
      'Remove an installed app (asks the person first; a snapshot is taken before).',
      { app: str('App name or package id') },
      ['app'],
    ),
    command: (s) => ['package', 'remove', slot(s, 'app')],
    example: 'koompi package remove firefox',
  },
  'package.search': {
    intent: 'package.search',
    needs: 'catalog',
    confirm: 'never',
    requires: 'query',
    tool: tool(
      'search_packages',
      'Search the apps that can be installed.',
      { query: str('What to look for, e.g. "drawing", "browser"') },
      ['query'],
    ),
    command: (s) => ['package', 'search', slot(s, 'query')],
    example: 'koompi package search browser',
  },
  'system.update': {
    intent: 'system.update',
    needs: 'daemon',
    confirm: 'always',
    tool: tool('update_system', 'Update the system (asks first; snapshot before, automatic rollback if it breaks).'),
    command: () => ['package', 'update'],
  },
  'snapshot.create': {
    intent: 'snapshot.create',
    needs: 'daemon',
    confirm: 'always',
    tool: tool('create_snapshot', 'Take a snapshot of the system that can be rolled back to.', {
      reason: str('Why, in a few words'),
    }),
    command: () => ['snapshot', 'create'],
  },
  'snapshot.list': {
    intent: 'snapshot.list',
    needs: 'daemon',
    confirm: 'never',
    tool: tool('list_snapshots', 'List the system snapshots.'),
    command: () => ['snapshot', 'list'],
  },
  'snapshot.rollback': {
    intent: 'snapshot.rollback',
    needs: 'daemon',
    confirm: 'always',
    command: () => ['snapshot', 'rollback'],
  },
  'snapshot.delete': {
    intent: 'snapshot.delete',
    needs: 'daemon',
    confirm: 'always',
    requires: 'query',
    command: (s) => ['snapshot', 'delete', slot(s, 'query')],
    example: 'koompi snapshot list; koompi snapshot delete ID',
  },
  'system.info': {
    intent: 'system.info',
    needs: 'info',
    confirm: 'never',
    tool: tool('system_info', 'Read information about this computer.', { topic: str('What to report', INFO_TOPICS) }, [
      'topic',
    ]),
    command: (s) => (s.topic ? ['info', s.topic] : ['info']),
  },
  'file.find': {
    intent: 'file.find',
    needs: 'files',
    confirm: 'never',
    requires: 'query',
    tool: tool(
      'find_files',
      "Find the person's own files by name, in their home folder (reads only).",
      { query: str('Words of the file name, e.g. "essay", "report 2026"') },
      ['query'],
    ),
    command: (s) => ['file', 'find', slot(s, 'query')],
    example: 'koompi file find essay',
  },
  'file.backup': {
    intent: 'file.backup',
    needs: 'daemon',
    confirm: 'always',
    command: (s) => ['file', 'backup', s.path ?? '~'],
  },
  'classroom.share': {
    intent: 'classroom.share',
    needs: 'classroom',
    confirm: 'always',
    requires: 'path',
    tool: tool(
      'share_with_class',
      "Share a file or folder with the teacher's class (teachers only).",
      { path: str('File or folder to share') },
      ['path'],
    ),
    command: (s) => ['class', 'share', slot(s, 'path')],
    example: 'koompi class share lesson.pdf',
  },
  'classroom.collect': {
    intent: 'classroom.collect',
    needs: 'classroom',
    confirm: 'always',
    tool: tool('collect_from_class', "Collect the students' submitted work (teachers only)."),
    command: () => ['class', 'collect'],
  },
  'classroom.online': {
    intent: 'classroom.online',
    needs: 'classroom',
    confirm: 'never',
    tool: tool('class_online', 'List the students of the class and who is online (teachers only).'),
    command: () => ['class', 'online'],
  },
  'classroom.lock': {
    intent: 'classroom.lock',
    needs: 'classroom',
    confirm: 'always',
    tool: tool('lock_class', "Lock the students' screens (teachers only).", {
      message: str('What the locked screens say'),
    }),
    command: () => ['class', 'lock'],
  },
  'classroom.unlock': {
    intent: 'classroom.unlock',
    needs: 'classroom',
    confirm: 'always',
    tool: tool('unlock_class', "Unlock the students' screens (teachers only)."),
    command: () => ['class', 'unlock'],
  },
  'app.open': {
    intent: 'app.open',
    needs: 'launcher',
    confirm: 'unless-catalog-app',
    requires: 'app',
    tool: tool(
      'open_app',
      'Open an app: chat, write, present, calculate, classroom, or another app KOOMPI knows.',
      { app: str('App to open') },
      ['app'],
    ),
    command: (s) => ['open', slot(s, 'app')],
    example: 'koompi open chat',
  },
  'settings.language': {
    intent: 'settings.language',
    needs: 'none',
    confirm: 'always',
    requires: 'language',
    command: (s) => ['lang', slot(s, 'language')],
    example: 'koompi lang km',
  },
  help: { intent: 'help', needs: 'none', confirm: 'never', command: () => [] },
  unknown: { intent: 'unknown', needs: 'none', confirm: 'never', command: () => [] },
};

/** Every action the model is offered, with its declaration. */
export const TOOL_ACTIONS: readonly (ActionSpec & { readonly tool: ToolDeclaration })[] = Object.values(
  INTENT_ACTIONS,
).filter((a): a is ActionSpec & { tool: ToolDeclaration } => a.tool !== undefined);

export function actionSpec(intent: IntentId): ActionSpec {
  return INTENT_ACTIONS[intent];
}

/** Whether the sentence lacks the detail the action cannot run without. */
export function missingDetail(intent: IntentId, slots: IntentSlots): boolean {
  const key = INTENT_ACTIONS[intent].requires;
  return key !== undefined && !slots[key];
}

/**
 * Whether carrying out `intent` needs the person's yes. `isCatalogApp` tells
 * whether the app slot names an app the catalog can start.
 */
export function needsConfirmation(intent: IntentId, isCatalogApp: () => boolean): boolean {
  switch (INTENT_ACTIONS[intent].confirm) {
    case 'always':
      return true;
    case 'never':
      return false;
    case 'unless-catalog-app':
      return !isCatalogApp();
  }
}
