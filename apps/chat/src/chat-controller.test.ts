// The controller with the real assistant orchestration (offline engine, real
// router and help) and a fake koompid: confirm runs the action through
// koompid, the result is reported, and an install is offered for undo.
import { describe, expect, it } from 'vitest';
import {
  Assistant,
  HelpIndex,
  createIntentRouter,
  createOfflineEngine,
  loadTranslator,
  type ChatTurn,
  type HistoryStore,
  type SystemDaemon,
} from '@koompi/core';
import { createActionRunner } from './actions.js';
import { ChatController } from './chat-controller.js';
import { Conversation } from './conversation.js';
import { createSystemActions } from './system-actions.js';

function memoryHistory(): HistoryStore {
  const turns: ChatTurn[] = [];
  return {
    append: async (t) => void turns.push(t),
    recent: async (n) => turns.slice(-n),
    search: async () => [],
  };
}

function setup(daemon: Partial<SystemDaemon>) {
  const ai = { km: loadTranslator('ai', { locale: 'km' }), en: loadTranslator('ai', { locale: 'en' }) };
  const messages = (l: 'km' | 'en') => ai[l];
  const assistant = new Assistant({
    offline: createOfflineEngine({ router: createIntentRouter(), help: new HelpIndex([]), messages }),
    history: memoryHistory(),
    messages,
  });
  const t = loadTranslator('chat', { locale: 'en' });
  const calls: string[] = [];
  const fullDaemon: SystemDaemon = {
    createSnapshot: async () => ({ ok: true, value: { id: '9' } }),
    listSnapshots: async () => ({ ok: true, value: [] }),
    deleteSnapshot: async () => ({ ok: true, value: undefined }),
    rollback: async () => ({ ok: false, error: { kind: 'failed', message: 'no' } }),
    searchPackages: async () => ({ ok: true, value: [] }),
    changePackages: async (change, name) => {
      calls.push(`${change} ${name ?? ''}`.trim());
      return { ok: true, value: { kind: 'succeeded', preSnapshot: '11', postSnapshot: '12' } };
    },
    close: () => undefined,
    ...daemon,
  };
  const actions = createActionRunner({
    t: () => t,
    launcher: { launch: async () => ({ kind: 'started', pid: 1 }) },
    probe: { status: async () => ({ kind: 'running' }) },
    system: createSystemActions({
      daemon: fullDaemon,
      t: () => t,
      daemonT: () => loadTranslator('daemon', { locale: 'en' }),
    }),
  });
  const controller = new ChatController(new Conversation(), assistant, actions, t);
  const pending: Array<[string | undefined, boolean]> = [];
  controller.on({ pendingAction: (a, undo) => pending.push([a?.intent, undo]) });
  return { controller, calls, pending };
}

describe('ChatController', () => {
  it('runs a confirmed install through koompid, reports the pre snapshot, then offers to undo it', async () => {
    const { controller, calls, pending } = setup({});
    expect(await controller.send('install vlc')).toBe('sent');
    expect(controller.pendingAction?.intent).toBe('package.install');
    expect(calls).toEqual([]);
    await controller.confirm();
    expect(calls).toEqual(['install vlc']);
    const notices = controller.conversation.messages.filter((m) => m.author === 'notice').map((m) => m.text);
    expect(notices).toContain('vlc is installed. A snapshot (11) was taken before.');
    expect(controller.pendingAction?.intent).toBe('package.remove');
    expect(pending.at(-1)).toEqual(['package.remove', true]);
    await controller.confirm();
    expect(calls).toEqual(['install vlc', 'remove vlc']);
    // Undoing is not offered for the undo itself.
    expect(controller.pendingAction).toBeUndefined();
  });

  it('changes nothing when the person cancels', async () => {
    const { controller, calls } = setup({});
    await controller.send('ដំឡើង Firefox');
    controller.cancel();
    expect(calls).toEqual([]);
    expect(controller.conversation.messages.at(-1)).toMatchObject({
      author: 'notice',
      text: 'Cancelled. Nothing was changed.',
    });
  });

  it("says koompid's refusal in the person's language (a student may not install)", async () => {
    const { controller } = setup({
      changePackages: async () => ({ ok: false, error: { kind: 'not-authorized', message: 'denied' } }),
    });
    await controller.send('install gimp');
    await controller.confirm();
    const notices = controller.conversation.messages.filter((m) => m.author === 'notice').map((m) => m.text);
    expect(notices.some((n) => /not allowed/.test(n))).toBe(true);
    expect(controller.pendingAction).toBeUndefined();
  });

  it('refuses a second question while an answer is coming', async () => {
    const { controller } = setup({});
    const first = controller.send('what is a snapshot?');
    expect(await controller.send('another')).toBe('busy');
    await first;
  });
});
