import { describe, expect, it } from 'vitest';
import { EMPTY_REPLAY_STATE } from './envelope.js';
import type { StudentCard } from './pairing.js';
import { ONLINE_MS, pairedRecord, rosterOf, statusAfter } from './roster.js';
import type { StudentRecord, Submission } from './teacher-state.js';

const card = (deviceId: string, name: string): StudentCard => ({
  deviceId,
  name,
  publicKey: 'k',
  port: 4000,
  syncthingId: '',
});

const record = (
  deviceId: string,
  name: string,
  lastSeen: number,
  extra: Partial<StudentRecord> = {},
): StudentRecord => ({
  card: card(deviceId, name),
  address: '10.0.0.2',
  replay: EMPTY_REPLAY_STATE,
  lastSeen,
  refused: [],
  ...extra,
});

const submission = (student: string, path: string): Submission => ({
  student,
  studentName: student,
  path,
  size: 1,
  sha256: 'x',
  stored: `/s/${path}`,
  receivedAt: 0,
  receiptDelivered: false,
});

describe('the roster', () => {
  it('says who was seen lately, what each works in and how much each handed in', () => {
    const now = 1_000_000;
    const roster = rosterOf(
      [
        record('b', 'សុខា', now - ONLINE_MS, { refused: [{ path: 'big.iso', reason: 'too-large' }] }),
        record('a', 'ដារ៉ា', now - 1, { status: { locked: true, activeApp: 'org.kde.kate', shares: [] } }),
      ],
      [submission('a', 'one.odt'), submission('a', 'two.odt'), submission('b', 'x.odt')],
      now,
    );
    expect(roster.map((r) => [r.deviceId, r.online, r.locked, r.activeApp, r.submitted])).toEqual([
      ['a', true, true, 'org.kde.kate', 2],
      ['b', false, false, '', 1],
    ]);
    expect(roster[1]!.refused).toEqual([{ path: 'big.iso', reason: 'too-large' }]);
  });

  it('keeps a student’s counters, refusals and status when it pairs again', () => {
    const seen = { highest: 5, seen: [4], floor: 0 };
    const status = { locked: false, activeApp: 'firefox', shares: ['s1'] };
    const old = record('a', 'old name', 10, { replay: seen, status, refused: [{ path: 'x', reason: 'bad' }] });
    const again = pairedRecord(old, card('a', 'new name'), '10.0.0.9', 99);
    expect(again).toEqual({ ...old, card: card('a', 'new name'), address: '10.0.0.9', lastSeen: 99 });
    expect(pairedRecord(undefined, card('c', 'c'), '10.0.0.3', 7)).toEqual(
      record('c', 'c', 7, { address: '10.0.0.3' }),
    );
  });

  it('shows a screen locked only when the lock was done, and takes the status a report brings', () => {
    const before = { locked: false, activeApp: 'kate', shares: [] };
    expect(statusAfter(before, { kind: 'lock', message: '' }, { kind: 'done' })).toEqual({ ...before, locked: true });
    expect(statusAfter(before, { kind: 'lock', message: '' }, { kind: 'failed', reason: 'no-session' })).toEqual(
      before,
    );
    expect(statusAfter({ ...before, locked: true }, { kind: 'unlock' }, { kind: 'done' })).toEqual(before);
    expect(statusAfter(undefined, { kind: 'lock', message: '' }, { kind: 'done' })).toEqual({
      activeApp: '',
      shares: [],
      locked: true,
    });
    const reported = { locked: false, activeApp: 'firefox', shares: ['s1'] };
    expect(statusAfter(before, { kind: 'report' }, { kind: 'done', status: reported })).toEqual(reported);
    expect(statusAfter(undefined, { kind: 'message', text: 'hi' }, { kind: 'done' })).toBeUndefined();
  });
});
