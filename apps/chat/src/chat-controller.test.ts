// The controller with the real assistant orchestration (offline engine, real
// router and help), core's action runner and the catalog, a fake koompid and
// launcher, and a real teacher classroom on a temporary control socket.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Assistant,
  HelpIndex,
  connectClassroomControl,
  createActionRunner,
  createCatalog,
  createIntentRouter,
  createOfflineEngine,
  loadTranslator,
  ready,
  type ChatTurn,
  type DiskFileFinderOptions,
  type HistoryStore,
  type LocalInfoOptions,
  type SystemDaemon,
} from '@koompi/core';
import { createChatActions } from './actions.js';
import { chatActionPorts } from './compose.js';
import { ChatController } from './chat-controller.js';
import { startTeacherControl, type RunningTeacher } from '../../../tests/support/teacher-control.js';
import { Conversation } from './conversation.js';

const catalog = createCatalog();
let classroom: RunningTeacher;
let socket: string;

beforeAll(async () => {
  classroom = await startTeacherControl('koompi-chat-actions-');
  socket = classroom.socket;
});

afterAll(() => classroom.close());

/** Where Chat's real file finder and system-facts reader look (a temporary home, a fake power supply). */
interface SourceOptions {
  readonly files?: DiskFileFinderOptions;
  readonly info?: LocalInfoOptions;
}

function memoryHistory(): HistoryStore & { turns: ChatTurn[] } {
  const turns: ChatTurn[] = [];
  return {
    turns,
    append: async (t) => void turns.push(t),
    recent: async (n) => turns.slice(-n),
    search: async () => [],
  };
}

function setup(daemon: Partial<SystemDaemon> = {}, classroomSocket = socket, sources: SourceOptions = {}) {
  const ai = { km: loadTranslator('ai', { locale: 'km' }), en: loadTranslator('ai', { locale: 'en' }) };
  const messages = (l: 'km' | 'en') => ai[l];
  const history = memoryHistory();
  const assistant = new Assistant({
    offline: createOfflineEngine({ router: createIntentRouter({ catalog }), help: new HelpIndex([]), messages }),
    history,
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
  const launched: string[][] = [];
  // Chat's own ports (compose.ts), with a fake launcher and a classroom on a temporary socket.
  const actions = createChatActions({
    run: createActionRunner({
      ...chatActionPorts({ catalog, daemon: fullDaemon, ...sources }),
      launcher: ready({ launch: async (argv) => (launched.push([...argv]), { kind: 'started', pid: 1 }) }),
      classroom: ready(connectClassroomControl(classroomSocket, 10_000)),
    }),
    catalog,
    t: () => t,
    daemonT: () => loadTranslator('daemon', { locale: 'en' }),
  });
  const controller = new ChatController(
    new Conversation(),
    { ask: (text) => assistant.ask(text), record: (text) => history.append({ role: 'model', text, at: new Date() }) },
    actions,
    t,
  );
  const pending: Array<[string | undefined, boolean]> = [];
  controller.on({ pendingAction: (a, undo) => pending.push([a?.intent, undo]) });
  const said = () => controller.conversation.messages.filter((m) => m.author !== 'person').map((m) => m.text);
  return { controller, calls, pending, launched, said, history };
}

describe('ChatController', () => {
  it('installs Firefox as the Flatpak org.mozilla.firefox (what `koompi` sends), then offers to undo it', async () => {
    const { controller, calls, pending } = setup();
    expect(await controller.send('ដំឡើង Firefox')).toBe('sent');
    expect(controller.pendingAction?.intent).toBe('package.install');
    expect(calls).toEqual([]);
    await controller.confirm();
    expect(calls).toEqual(['install org.mozilla.firefox']);
    expect(pending.at(-1)).toEqual(['package.remove', true]);
    await controller.confirm();
    expect(calls).toEqual(['install org.mozilla.firefox', 'remove org.mozilla.firefox']);
    // Undoing is not offered for the undo itself.
    expect(controller.pendingAction).toBeUndefined();
  });

  it('says the outcome once: not shown and then repeated by the assistant', async () => {
    const { controller, said, history } = setup();
    await controller.send('install firefox');
    const before = said().length;
    await controller.confirm();
    const after = said().slice(before);
    expect(after).toEqual(['Firefox is installed. A snapshot (11) was taken before.']);
    expect(history.turns.at(-1)).toMatchObject({ role: 'model', text: after[0] });
  });

  it('says an offline install and open once each in the whole transcript (no "Done." from the assistant)', async () => {
    const { controller } = setup();
    const transcript = () => controller.conversation.messages.map((m) => m.text);
    await controller.send('install firefox');
    await controller.confirm();
    const installed = 'Firefox is installed. A snapshot (11) was taken before.';
    expect(transcript().filter((text) => text.includes(installed))).toHaveLength(1);
    await controller.send('open files');
    expect(transcript().filter((text) => text.includes('Opened Files.'))).toHaveLength(1);
    expect(transcript().filter((text) => /^Done\./.test(text))).toEqual([]);
  });

  it('opens the file manager for "open files", without asking', async () => {
    const { controller, launched, said } = setup();
    await controller.send('open files');
    expect(controller.pendingAction).toBeUndefined();
    expect(launched).toEqual([['dolphin']]);
    expect(said().at(-1)).toBe('Opened Files.');
  });

  it('does not start a program the catalog does not know until the person says yes', async () => {
    const { controller, launched } = setup();
    await controller.send('open xeyes');
    expect(launched).toEqual([]);
    expect(controller.pendingAction?.intent).toBe('app.open');
    controller.cancel();
    expect(launched).toEqual([]);
    await controller.send('open xeyes');
    await controller.confirm();
    expect(launched).toEqual([['xeyes']]);
  });

  it('locks the class and lists who is online through the running classroom service', async () => {
    const { controller, said } = setup();
    await controller.send('lock the class');
    expect(controller.pendingAction?.intent).toBe('classroom.lock');
    await controller.confirm();
    expect(said().at(-1)).toBe('Screens locked on 0 of 0 computers.');
    await controller.send('who is online');
    expect(said().at(-1)).toBe('0 of 0 students online.');
  });

  it('says plainly when no classroom is running', async () => {
    const { controller, said } = setup({}, path.join(path.dirname(socket), 'nothing.sock'));
    await controller.send('ចាក់សោអេក្រង់សិស្ស');
    await controller.confirm();
    expect(said().at(-1)).toBe(
      'The classroom service is not running, so nothing was sent. Open KOOMPI Classroom first.',
    );
  });

  it('changes nothing when the person cancels', async () => {
    const { controller, calls } = setup();
    await controller.send('ដំឡើង Firefox');
    controller.cancel();
    expect(calls).toEqual([]);
    expect(controller.conversation.messages.at(-1)).toMatchObject({
      author: 'notice',
      text: 'Cancelled. Nothing was changed.',
    });
  });

  it("says koompid's refusal in the person's language (a student may not install)", async () => {
    const { controller, said } = setup({
      changePackages: async () => ({ ok: false, error: { kind: 'not-authorized', message: 'denied' } }),
    });
    await controller.send('install gimp');
    await controller.confirm();
    expect(said().some((n) => /not allowed/.test(n))).toBe(true);
    expect(controller.pendingAction).toBeUndefined();
  });

  it("answers how much battery is left from this computer's facts (the reader `koompi info` uses)", async () => {
    const power = fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-chat-power-'));
    fs.mkdirSync(path.join(power, 'BAT0'));
    fs.writeFileSync(path.join(power, 'BAT0', 'type'), 'Battery\n');
    fs.writeFileSync(path.join(power, 'BAT0', 'capacity'), '73\n');
    fs.writeFileSync(path.join(power, 'BAT0', 'status'), 'Discharging\n');
    try {
      const { controller, said } = setup({}, socket, { info: { powerSupplyDir: power } });
      await controller.send('how much battery is left');
      expect(controller.pendingAction).toBeUndefined();
      expect(said().at(-1)).toBe('Battery: 73%');
      await controller.send('how much memory is free');
      expect(said().at(-1)).toMatch(/^Memory: .+ free of .+/);
    } finally {
      fs.rmSync(power, { recursive: true, force: true });
    }
  });

  it("finds the person's files by name (the finder `koompi file find` uses), without asking", async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'koompi-chat-home-'));
    fs.mkdirSync(path.join(home, 'Documents'));
    fs.writeFileSync(path.join(home, 'Documents', 'essay-water.odt'), 'x');
    fs.writeFileSync(path.join(home, 'notes.txt'), 'x');
    try {
      const { controller, said } = setup({}, socket, { files: { home } });
      await controller.send('find my essay');
      expect(controller.pendingAction).toBeUndefined();
      expect(said().at(-1)).toBe(`Your files named "essay":\n${path.join(home, 'Documents', 'essay-water.odt')}`);
      await controller.send('find my homework');
      expect(said().at(-1)).toBe('No file named "homework" in your home folder.');
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  });

  it('refuses a second question while an answer is coming', async () => {
    const { controller } = setup();
    const first = controller.send('what is a snapshot?');
    expect(await controller.send('another')).toBe('busy');
    await first;
  });
});
