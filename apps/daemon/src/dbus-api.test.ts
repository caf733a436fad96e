// The read handlers that start work as root go through the per-uid throttle:
// a caller over its budget gets RateLimited and nothing is started.
import { describe, expect, it } from 'vitest';
import {
  DAEMON_ERRORS,
  KOOMPID_INTERFACES as I,
  loadTranslator,
  type Action,
  type Authority,
  type Caller,
  type Decision,
  type MethodHandler,
} from '@koompi/core';
import { systemHandlers } from './dbus-api.js';
import type { Koompid } from './koompid.js';
import { Replies } from './replies.js';
import type { KoompidRefusal } from './koompid.js';
import { ReadThrottle } from './throttle.js';

const people: Record<string, Caller> = {
  ':1.10': { uid: 1001, user: 'sok', groups: ['koompi-student'], role: 'student' },
  ':1.11': { uid: 1001, user: 'sok', groups: ['koompi-student'], role: 'student' }, // sok's second connection
  ':1.20': { uid: 1000, user: 'dara', groups: ['koompi-admin'], role: 'admin' },
};

function setup() {
  const started: string[] = [];
  const backend = {
    search: async (query: string) => {
      started.push(`search ${query}`);
      return [];
    },
  };
  const refuse = (error: KoompidRefusal) => ({ ok: false, error });
  const koompid = {
    backend: (source: string) => (source === 'app' ? backend : undefined),
    startJob: () => refuse({ kind: 'no-journal' }),
    deleteSnapshot: async (id: string) => refuse({ kind: 'snapshot-not-found', id }),
    health: async () => {
      started.push('health');
      return [];
    },
    jobs: () =>
      [1001, 1000].map((uid, i) => ({
        path: `/org/koompi/System1/jobs/${i + 1}`,
        kind: 'install',
        target: 'org.a.B',
        state: 'interrupted',
        stage: 'install',
        percentage: 40,
        uid,
        error: '',
        message: '',
        preSnapshot: '3',
        postSnapshot: '',
      })),
  } as unknown as Koompid;
  const authority = {
    decide: async (sender: string, _action: Action): Promise<Decision> => {
      const caller = people[sender];
      return caller ? { kind: 'allowed', caller } : { kind: 'unknown-caller' };
    },
  } as unknown as Authority;
  const t = loadTranslator('daemon', { locale: 'km' });
  const handlers = systemHandlers({
    koompid,
    authority,
    replies: new Replies(t),
    throttle: new ReadThrottle({ burst: 2, perMinute: 1, now: () => 0 }),
    version: 'test',
    root: async () => '/nonexistent',
    exportJob: () => undefined,
    log: () => undefined,
  });
  const call = (member: string, sender: string, body: unknown[] = []) =>
    (handlers[member] as MethodHandler)({ sender }, body);
  return { started, call, t };
}

describe('koompid read throttle (per uid)', () => {
  it("refuses a student's third Search from a second connection, starts nothing for it, and still serves an admin", async () => {
    const { started, call } = setup();
    await call(`${I.packages}.Search`, ':1.10', ['draw']);
    await call(`${I.packages}.Search`, ':1.11', ['paint']);
    await expect(call(`${I.packages}.Search`, ':1.11', ['write'])).rejects.toMatchObject({
      errorName: DAEMON_ERRORS['rate-limited'],
      text: expect.stringMatching(/sok បានស្នើញឹកញាប់ពេក.*60 វិនាទី/),
    });
    await expect(call(`${I.sysinfo}.CheckHealth`, ':1.10')).rejects.toMatchObject({
      errorName: DAEMON_ERRORS['rate-limited'],
    });
    expect(started).toEqual(['search draw', 'search paint']);
    await expect(call(`${I.packages}.Search`, ':1.20', ['write'])).resolves.toEqual([[]]);
    await expect(call(`${I.sysinfo}.CheckHealth`, ':1.20')).resolves.toEqual([true, []]);
    expect(started).toEqual(['search draw', 'search paint', 'search write', 'health']);
  });
});

describe('ListJobs', () => {
  it("shows a student their own jobs only, and an admin everyone's", async () => {
    const { call } = setup();
    const paths = async (sender: string) =>
      ((await call(`${I.packages}.ListJobs`, sender))[0] as Record<string, { value: unknown }>[]).map((d) => [
        d['path']?.value,
        d['uid']?.value,
      ]);
    expect(await paths(':1.10')).toEqual([['/org/koompi/System1/jobs/1', 1001]]);
    expect(await paths(':1.20')).toEqual([
      ['/org/koompi/System1/jobs/1', 1001],
      ['/org/koompi/System1/jobs/2', 1000],
    ]);
  });
});

describe("koompid's refusals", () => {
  it('become its D-Bus errors in the D-Bus layer, with the text in the system language', async () => {
    const { call, t } = setup();
    await expect(call(`${I.packages}.Install`, ':1.20', ['org.a.B'])).rejects.toMatchObject({
      errorName: DAEMON_ERRORS.failed,
      text: t('dbus.failed', { detail: t('dbus.no-journal') }),
    });
    await expect(call(`${I.snapshots}.Delete`, ':1.20', ['7'])).rejects.toMatchObject({
      errorName: DAEMON_ERRORS['not-found'],
      text: t('dbus.snapshot-not-found', { id: '7' }),
    });
  });
});
