// The table and the runner, with a fake of each port: every intent, from a
// Khmer and an English sentence through the real intent router and catalog.
import { describe, expect, it } from 'vitest';
import { createCatalog } from '../catalog/catalog.js';
import { createIntentRouter } from '../intent/router.js';
import { INTENT_IDS, type IntentId } from '../intent/types.js';
import type { SystemDaemon } from '../system/daemon.js';
import { INTENT_ACTIONS, TOOL_ACTIONS, missingDetail } from './actions.js';
import { UNAVAILABLE, ready, type ActionPorts, type ClassroomPort } from './ports.js';
import { createActionRunner, requestNeedsConfirmation } from './run.js';

const catalog = createCatalog();
const router = createIntentRouter({ catalog });

function fakes() {
  const calls: string[] = [];
  const daemon: SystemDaemon = {
    createSnapshot: async (reason) => (calls.push(`daemon.createSnapshot ${reason}`), { ok: true, value: { id: '7' } }),
    listSnapshots: async () => (calls.push('daemon.listSnapshots'), { ok: true, value: [] }),
    deleteSnapshot: async () => ({ ok: true, value: undefined }),
    rollback: async () => ({ ok: false, error: { kind: 'failed', message: 'no' } }),
    searchPackages: async () => ({ ok: true, value: [] }),
    changePackages: async (change, name) => {
      calls.push(`daemon.${change} ${name ?? ''}`.trim());
      return { ok: true, value: { kind: 'succeeded', preSnapshot: '11', postSnapshot: '12' } };
    },
    close: () => undefined,
  };
  const report = { s1: { kind: 'done' }, s2: { kind: 'unreachable' } };
  const classroom: ClassroomPort = {
    share: async (file) => (
      calls.push(`class.share ${file}`),
      { kind: 'ok', value: { title: file, students: { a: 1 } } }
    ),
    collect: async () => (calls.push('class.collect'), { kind: 'ok', value: [{ studentName: 'Dara', path: '/x' }] }),
    online: async () => (calls.push('class.online'), { kind: 'ok', value: [{ name: 'Dara', online: true }] }),
    lock: async () => (calls.push('class.lock'), { kind: 'ok', value: report }),
    unlock: async () => (calls.push('class.unlock'), { kind: 'ok', value: report }),
  };
  const ports: ActionPorts = {
    catalog,
    daemon: ready(daemon),
    launcher: ready({ launch: async (argv) => (calls.push(`launch ${argv.join(' ')}`), { kind: 'started', pid: 1 }) }),
    classroom: ready(classroom),
    files: ready({ find: async (q) => (calls.push(`files.find ${q}`), []) }),
    info: ready({
      read: async (topic) => (calls.push(`info.${topic}`), { totalBytes: 1, availableBytes: 1 }) as never,
    }),
  };
  return { calls, ports };
}

/** One Khmer and one English sentence per intent, what reaches the ports, and the outcome. */
const CASES: ReadonlyArray<{ intent: IntentId; say: [string, string]; calls: string[]; kind: string }> = [
  {
    intent: 'package.install',
    say: ['ដំឡើង Firefox', 'install firefox'],
    calls: ['daemon.install org.mozilla.firefox'],
    kind: 'done',
  },
  { intent: 'package.remove', say: ['លុប VLC', 'remove vlc'], calls: ['daemon.remove org.videolan.VLC'], kind: 'done' },
  { intent: 'package.search', say: ['ស្វែងរកកម្មវិធីគូររូប', 'search for a browser'], calls: [], kind: 'done' },
  { intent: 'system.update', say: ['ធ្វើបច្ចុប្បន្នភាពប្រព័ន្ធ', 'update the system'], calls: ['daemon.update'], kind: 'done' },
  {
    intent: 'snapshot.create',
    say: ['បង្កើតចំណុចស្ដារ', 'take a snapshot'],
    calls: ['daemon.createSnapshot'],
    kind: 'done',
  },
  { intent: 'snapshot.list', say: ['បង្ហាញចំណុចស្ដារ', 'show snapshots'], calls: ['daemon.listSnapshots'], kind: 'done' },
  { intent: 'system.info', say: ['អង្គចងចាំប៉ុន្មាន', 'how much memory'], calls: ['info.memory'], kind: 'done' },
  { intent: 'file.find', say: ['រកឯកសារ essay', 'find my essay'], calls: ['files.find essay'], kind: 'done' },
  { intent: 'classroom.collect', say: ['ប្រមូលកិច្ចការសិស្ស', 'collect the work'], calls: ['class.collect'], kind: 'done' },
  { intent: 'classroom.online', say: ['សិស្សណាខ្លះភ្ជាប់មកហើយ', 'who is online'], calls: ['class.online'], kind: 'done' },
  { intent: 'classroom.lock', say: ['ចាក់សោអេក្រង់សិស្ស', 'lock the class'], calls: ['class.lock'], kind: 'done' },
  { intent: 'classroom.unlock', say: ['ដោះសោអេក្រង់សិស្ស', 'unlock the class'], calls: ['class.unlock'], kind: 'done' },
  { intent: 'app.open', say: ['បើកឯកសារ', 'open files'], calls: ['launch dolphin'], kind: 'done' },
  { intent: 'settings.language', say: ['ប្ដូរភាសាទៅខ្មែរ', 'switch to khmer'], calls: [], kind: 'refused' },
];

describe('the action table', () => {
  it('has an entry for every intent, and a Gemini tool for each action the model may propose', () => {
    expect(Object.keys(INTENT_ACTIONS).sort()).toEqual([...INTENT_IDS].sort());
    const names = TOOL_ACTIONS.map((a) => a.tool.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain('share_with_class');
    for (const a of TOOL_ACTIONS) {
      if (a.requires) expect(a.tool.parameters.required).toContain(a.requires);
    }
  });

  it('asks before every change, never before a read, and before a program the catalog does not know', () => {
    const ask = (intent: IntentId, app?: string) =>
      requestNeedsConfirmation(catalog, { intent, slots: app ? { app } : {} });
    expect(ask('package.install', 'firefox')).toBe(true);
    expect(ask('classroom.lock')).toBe(true);
    expect(ask('snapshot.list')).toBe(false);
    expect(ask('classroom.online')).toBe(false);
    expect(ask('app.open', 'files')).toBe(false);
    expect(ask('app.open', 'write')).toBe(false);
    expect(ask('app.open', 'xeyes')).toBe(true);
  });

  it('says when the sentence lacks the detail an action needs', () => {
    expect(missingDetail('package.install', {})).toBe(true);
    expect(missingDetail('package.install', { app: 'gimp' })).toBe(false);
    expect(missingDetail('system.update', {})).toBe(false);
  });
});

describe('the action runner', () => {
  for (const c of CASES) {
    for (const sentence of c.say) {
      it(`${sentence} → ${c.intent} → ${c.calls.join(', ') || 'no port'}`, async () => {
        const routed = router.route(sentence);
        expect(routed.intent).toBe(c.intent);
        const { calls, ports } = fakes();
        const outcome = await createActionRunner(ports)({ intent: routed.intent, slots: routed.slots });
        expect(outcome.kind).toBe(c.kind);
        expect(calls.map((x) => x.trim())).toEqual(c.calls);
      });
    }
  }

  it('offers the inverse of an install and of a removal as the undo', async () => {
    const { ports } = fakes();
    const run = createActionRunner(ports);
    const installed = await run({ intent: 'package.install', slots: { app: 'Firefox' } });
    expect(installed).toMatchObject({
      kind: 'done',
      done: { what: 'package', package: 'org.mozilla.firefox', preSnapshot: '11' },
      undo: { intent: 'package.remove', slots: { app: 'firefox' } },
    });
    const removed = await run({ intent: 'package.remove', slots: { app: 'vlc' } });
    expect(removed).toMatchObject({ undo: { intent: 'package.install', slots: { app: 'vlc' } } });
  });

  it('shares the path the model gave with the class', async () => {
    const { calls, ports } = fakes();
    const outcome = await createActionRunner(ports)({
      intent: 'classroom.share',
      slots: { path: '/home/t/lesson.pdf' },
    });
    expect(outcome).toMatchObject({ kind: 'done', done: { what: 'shared', students: 1 } });
    expect(calls).toEqual(['class.share /home/t/lesson.pdf']);
  });

  it('turns a service chosen as unavailable, and a refusal, into values without calling anything', async () => {
    const { calls, ports } = fakes();
    const run = createActionRunner({ ...ports, daemon: UNAVAILABLE, classroom: UNAVAILABLE });
    expect(await run({ intent: 'package.install', slots: { app: 'gimp' } })).toMatchObject({
      kind: 'unavailable',
      service: 'daemon',
    });
    expect(await run({ intent: 'classroom.lock', slots: {} })).toMatchObject({
      kind: 'unavailable',
      service: 'classroom',
    });
    expect(await run({ intent: 'package.install', slots: {} })).toMatchObject({
      kind: 'refused',
      reason: 'needs-detail',
    });
    expect(calls).toEqual([]);
  });

  it("reports koompid's refusal and the classroom's wrong role as refused, a failed job with its snapshot", async () => {
    const { ports } = fakes();
    const daemon = ports.daemon.kind === 'ready' ? ports.daemon.port : undefined;
    const run = createActionRunner({
      ...ports,
      daemon: ready({
        ...daemon!,
        changePackages: async (change) =>
          change === 'install'
            ? { ok: false, error: { kind: 'not-authorized', message: 'students may not' } }
            : {
                ok: true,
                value: { kind: 'failed', preSnapshot: '3', failure: { kind: 'failed', message: 'disk full' } },
              },
      }),
      classroom: ready({
        ...(ports.classroom.kind === 'ready' ? ports.classroom.port : ({} as ClassroomPort)),
        lock: async () => ({ kind: 'wrong-role', role: 'student' }),
      }),
    });
    expect(await run({ intent: 'package.install', slots: { app: 'gimp' } })).toMatchObject({
      kind: 'refused',
      reason: 'not-authorized',
    });
    expect(await run({ intent: 'system.update', slots: {} })).toMatchObject({
      kind: 'failed',
      detail: 'disk full',
      preSnapshot: '3',
    });
    expect(await run({ intent: 'classroom.lock', slots: {} })).toMatchObject({
      kind: 'refused',
      reason: 'wrong-role',
      detail: 'student',
    });
  });

  it('starts a catalog app by its launch command, a bare program name only as itself, and nothing with a path', async () => {
    const { calls, ports } = fakes();
    const run = createActionRunner(ports);
    await run({ intent: 'app.open', slots: { app: 'write' } });
    await run({ intent: 'app.open', slots: { app: 'xeyes' } });
    expect(await run({ intent: 'app.open', slots: { app: '/bin/sh -c x' } })).toMatchObject({
      kind: 'refused',
      reason: 'unknown-app',
    });
    expect(calls).toEqual(['launch koompi-write', 'launch xeyes']);
  });
});
