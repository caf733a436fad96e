/**
 * The system actions the cloud model may propose, as Gemini function
 * declarations, and their mapping to the intent router's ids (the same actions
 * the offline router and the `koompi` CLI use). Pure data and mapping.
 */
import { INFO_TOPICS, type IntentId, type IntentSlots } from '../intent/types.js';
import type { ProposedAction } from './ai.js';

interface ToolSpec {
  readonly name: string;
  readonly intent: IntentId;
  readonly description: string;
  readonly parameters: {
    readonly type: 'OBJECT';
    readonly properties: Readonly<Record<string, { type: 'STRING'; description: string; enum?: readonly string[] }>>;
    readonly required?: readonly string[];
  };
  /** False for actions that only read: they need no confirmation. */
  readonly changesSystem: boolean;
}

const str = (description: string, values?: readonly string[]) =>
  ({ type: 'STRING', description, ...(values ? { enum: values } : {}) }) as const;

export const TOOLS: readonly ToolSpec[] = [
  {
    name: 'install_package',
    intent: 'package.install',
    description: 'Install an app on this computer (asks the person first; a snapshot is taken before).',
    parameters: {
      type: 'OBJECT',
      properties: { app: str('App name or package id, e.g. "firefox", "gimp"') },
      required: ['app'],
    },
    changesSystem: true,
  },
  {
    name: 'remove_package',
    intent: 'package.remove',
    description: 'Remove an installed app (asks the person first; a snapshot is taken before).',
    parameters: { type: 'OBJECT', properties: { app: str('App name or package id') }, required: ['app'] },
    changesSystem: true,
  },
  {
    name: 'search_packages',
    intent: 'package.search',
    description: 'Search the apps that can be installed.',
    parameters: {
      type: 'OBJECT',
      properties: { query: str('What to look for, e.g. "drawing", "browser"') },
      required: ['query'],
    },
    changesSystem: false,
  },
  {
    name: 'update_system',
    intent: 'system.update',
    description: 'Update the system (asks first; snapshot before, automatic rollback if it breaks).',
    parameters: { type: 'OBJECT', properties: {} },
    changesSystem: true,
  },
  {
    name: 'create_snapshot',
    intent: 'snapshot.create',
    description: 'Take a snapshot of the system that can be rolled back to.',
    parameters: { type: 'OBJECT', properties: { reason: str('Why, in a few words') } },
    changesSystem: true,
  },
  {
    name: 'list_snapshots',
    intent: 'snapshot.list',
    description: 'List the system snapshots.',
    parameters: { type: 'OBJECT', properties: {} },
    changesSystem: false,
  },
  {
    name: 'system_info',
    intent: 'system.info',
    description: 'Read information about this computer.',
    parameters: { type: 'OBJECT', properties: { topic: str('What to report', INFO_TOPICS) }, required: ['topic'] },
    changesSystem: false,
  },
  {
    name: 'share_with_class',
    intent: 'classroom.share',
    description: "Share a file or folder with the teacher's class (teachers only).",
    parameters: { type: 'OBJECT', properties: { path: str('File or folder to share') }, required: ['path'] },
    changesSystem: true,
  },
  {
    name: 'collect_from_class',
    intent: 'classroom.collect',
    description: "Collect the students' submitted work (teachers only).",
    parameters: { type: 'OBJECT', properties: {} },
    changesSystem: true,
  },
  {
    name: 'open_app',
    intent: 'app.open',
    description: 'Open an app: chat, write, present, calculate, classroom, or an installed app.',
    parameters: { type: 'OBJECT', properties: { app: str('App to open') }, required: ['app'] },
    changesSystem: false,
  },
];

/** Gemini `tools` for a request: one functionDeclarations list. */
export function functionDeclarations(): Array<{
  name: string;
  description: string;
  parameters: ToolSpec['parameters'];
}> {
  return TOOLS.map(({ name, description, parameters }) => ({ name, description, parameters }));
}

export type ToolCallResult = { kind: 'action'; action: ProposedAction } | { kind: 'unknown-tool'; name: string };

/** Maps a model's function call to a proposed action; arguments are kept only when they are plain strings. */
export function actionFromCall(name: string, args: Readonly<Record<string, unknown>>): ToolCallResult {
  const tool = TOOLS.find((t) => t.name === name);
  if (!tool) return { kind: 'unknown-tool', name };
  const slots: { -readonly [K in keyof IntentSlots]?: IntentSlots[K] } = {};
  const text = (key: string) => (typeof args[key] === 'string' ? (args[key] as string).slice(0, 500) : undefined);
  const app = text('app');
  if (app) slots.app = app;
  const query = text('query');
  if (query) slots.query = query;
  const path = text('path');
  if (path) slots.path = path;
  const topic = text('topic');
  if (topic && (INFO_TOPICS as readonly string[]).includes(topic)) slots.topic = topic as IntentSlots['topic'];
  return { kind: 'action', action: { intent: tool.intent, slots, call: { name, args } } };
}

/** Whether carrying out an action changes the system (and so needs the person's yes). */
export function needsConfirmation(action: ProposedAction): boolean {
  return TOOLS.find((t) => t.name === action.call.name)?.changesSystem ?? true;
}

/** The function call the offline router's result stands for, so offline actions look like the model's. */
export function callForIntent(intent: IntentId, slots: IntentSlots): ProposedAction['call'] | undefined {
  const tool = TOOLS.find((t) => t.intent === intent);
  if (!tool) return undefined;
  const args: Record<string, unknown> = {};
  for (const key of Object.keys(tool.parameters.properties)) {
    const value = (slots as Record<string, unknown>)[key];
    if (typeof value === 'string') args[key] = value;
  }
  return { name: tool.name, args };
}
