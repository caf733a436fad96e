/**
 * The system actions the cloud model may propose, as Gemini function
 * declarations, and the way back from a model's call (or the offline router's
 * answer) to a proposed action. The declarations and what each action needs
 * are in `actions/actions.ts`, the one table every app reads. Pure.
 */
import { INTENT_ACTIONS, TOOL_ACTIONS, type ToolDeclaration } from '../actions/actions.js';
import { INFO_TOPICS, type IntentId, type IntentSlots } from '../intent/types.js';
import type { ProposedAction } from './ai.js';

/** Gemini `tools` for a request: one functionDeclarations list. */
export function functionDeclarations(): ToolDeclaration[] {
  return TOOL_ACTIONS.map((a) => a.tool);
}

export type ToolCallResult = { kind: 'action'; action: ProposedAction } | { kind: 'unknown-tool'; name: string };

/** Maps a model's function call to a proposed action; arguments are kept only when they are plain strings. */
export function actionFromCall(name: string, args: Readonly<Record<string, unknown>>): ToolCallResult {
  const spec = TOOL_ACTIONS.find((a) => a.tool.name === name);
  if (!spec) return { kind: 'unknown-tool', name };
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
  return { kind: 'action', action: { intent: spec.intent, slots, call: { name, args } } };
}

/** The function call the offline router's result stands for, so offline actions look like the model's. */
export function callForIntent(intent: IntentId, slots: IntentSlots): ProposedAction['call'] | undefined {
  const tool = INTENT_ACTIONS[intent].tool;
  if (!tool) return undefined;
  const args: Record<string, unknown> = {};
  for (const key of Object.keys(tool.parameters.properties)) {
    const value = (slots as Record<string, unknown>)[key];
    if (typeof value === 'string') args[key] = value;
  }
  return { name: tool.name, args };
}
