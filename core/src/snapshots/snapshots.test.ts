import { describe, expect, it } from 'vitest';
import {
  checkReason,
  checkSnapshotId,
  comparePackages,
  nextSnapshotId,
  snapshotsToPrune,
  type Snapshot,
} from './snapshots.js';

const snap = (id: number, extra: Partial<Snapshot> = {}): Snapshot => ({
  id: String(id),
  created: new Date(id * 1000),
  kind: 'single',
  reason: `s${id}`,
  pinned: false,
  ...extra,
});

describe('snapshot ids and reasons', () => {
  it('accepts only positive decimal ids without leading zeros', () => {
    for (const id of ['1', '42', '9999999999']) expect(checkSnapshotId(id)).toBeUndefined();
    expect(checkSnapshotId('')).toEqual({ kind: 'empty' });
    expect(checkSnapshotId('12345678901')).toEqual({ kind: 'too-long', max: 10 });
    for (const id of ['0', '01', '-1', '../1', '1/..', '1 ', 'a', '1\u0000']) {
      expect(checkSnapshotId(id), id).toEqual({ kind: 'bad-format' });
    }
  });

  it('accepts Khmer and English reasons, refuses empty, long and control characters', () => {
    expect(checkReason('មុនពេលប្រឡង before the exam')).toBeUndefined();
    expect(checkReason('  ')).toEqual({ kind: 'empty' });
    expect(checkReason('ក'.repeat(200))).toBeUndefined();
    expect(checkReason('ក'.repeat(201))).toEqual({ kind: 'too-long', max: 200 });
    for (const r of ['a\nb', 'a\u0000', '\u001b[2J', 'x\u0085', 'x\u2028']) {
      expect(checkReason(r)).toEqual({ kind: 'control-characters' });
    }
  });

  it('numbers snapshots after the highest id in use', () => {
    expect(nextSnapshotId([])).toBe('1');
    expect(nextSnapshotId(['3', '10', '7'])).toBe('11');
  });
});

describe('retention', () => {
  it('keeps the newest 10 unpinned snapshots and every pinned one', () => {
    const list = [snap(1, { pinned: true }), ...Array.from({ length: 14 }, (_, i) => snap(i + 2))];
    expect(snapshotsToPrune(list).map((s) => s.id)).toEqual(['2', '3', '4', '5']);
    expect(snapshotsToPrune(list.slice(0, 11))).toEqual([]);
  });

  it('does not split a pre/post pair whose post snapshot stays', () => {
    const list = [snap(1, { kind: 'pre' }), snap(2, { kind: 'post', pre: '1' }), snap(3), snap(4)];
    expect(snapshotsToPrune(list, 3).map((s) => s.id)).toEqual([]);
    expect(snapshotsToPrune(list, 2).map((s) => s.id)).toEqual(['1', '2']);
  });
});

describe('comparePackages', () => {
  it('says what moving from now to then adds, removes and changes', () => {
    const now = new Map([
      ['linux', '6.18.2-1'],
      ['broken', '1.0-1'],
      ['fcitx5', '5.1.12-1'],
    ]);
    const then = new Map([
      ['linux', '6.18.1-1'],
      ['fcitx5', '5.1.12-1'],
      ['firefox', '140.0-1'],
    ]);
    expect(comparePackages(now, then)).toEqual({
      added: ['firefox'],
      removed: ['broken'],
      changed: [{ name: 'linux', from: '6.18.2-1', to: '6.18.1-1' }],
    });
  });
});
