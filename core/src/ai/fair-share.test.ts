import { describe, expect, it } from 'vitest';
import { FairShare } from './fair-share.js';

function clock(): { now: () => number; advance: (ms: number) => void } {
  let t = 5_000_000;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

const limits = { perUserConcurrent: 2, perUserPerMinute: 3, totalConcurrent: 3, totalPerMinute: 5 };

describe('FairShare (the AI service quota, by uid)', () => {
  it('refuses a person over their per-minute share, whatever else happens, until the minute has passed', () => {
    const c = clock();
    const share = new FairShare(limits, c.now);
    for (let i = 0; i < 3; i++) {
      const g = share.take(1001);
      expect(g.kind).toBe('granted');
      if (g.kind === 'granted') g.release();
    }
    expect(share.take(1001)).toEqual({ kind: 'refused', by: 'user' });
    c.advance(59_999);
    expect(share.take(1001).kind).toBe('refused');
    c.advance(1);
    expect(share.take(1001).kind).toBe('granted');
  });

  it('refuses a third request running at once for one person, and gives the place back on release', () => {
    const share = new FairShare(limits, clock().now);
    const a = share.take(1001);
    const b = share.take(1001);
    expect(share.take(1001)).toEqual({ kind: 'refused', by: 'user' });
    if (a.kind === 'granted') {
      a.release();
      a.release(); // twice is once
    }
    expect(share.take(1001).kind).toBe('granted');
    expect(b.kind).toBe('granted');
  });

  it('caps everyone together: other people are refused once the school-wide share is spent', () => {
    const c = clock();
    const share = new FairShare(limits, c.now);
    const running = [share.take(1001), share.take(1002), share.take(1003)];
    expect(running.map((g) => g.kind)).toEqual(['granted', 'granted', 'granted']);
    expect(share.take(1004)).toEqual({ kind: 'refused', by: 'everyone' });
    for (const g of running) if (g.kind === 'granted') g.release();
    const more = [share.take(1004), share.take(1005)];
    expect(more.map((g) => g.kind)).toEqual(['granted', 'granted']);
    for (const g of more) if (g.kind === 'granted') g.release();
    expect(share.take(1006)).toEqual({ kind: 'refused', by: 'everyone' }); // 5 started this minute
    c.advance(60_000);
    expect(share.take(1006).kind).toBe('granted');
  });

  it('does not count refused requests, and forgets people who have gone quiet', () => {
    const c = clock();
    const share = new FairShare({ ...limits, perUserPerMinute: 1 }, c.now);
    const g = share.take(1001);
    if (g.kind === 'granted') g.release();
    for (let i = 0; i < 10; i++) share.take(1001);
    c.advance(60_000);
    const again = share.take(1001);
    expect(again.kind).toBe('granted');
    c.advance(60_000);
    if (again.kind === 'granted') again.release();
    expect(share.tracked).toBe(0);
  });
});
