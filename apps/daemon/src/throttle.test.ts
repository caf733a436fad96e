import { describe, expect, it } from 'vitest';
import { ReadThrottle } from './throttle.js';

function clock(): { now: () => number; advance: (ms: number) => void } {
  let t = 1_000_000;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

describe('ReadThrottle (a token bucket per uid)', () => {
  it('lets a burst through, then refuses until tokens come back at the per-minute rate', () => {
    const c = clock();
    const throttle = new ReadThrottle({ burst: 3, perMinute: 6, now: c.now });
    expect([1, 2, 3, 4].map(() => throttle.take(1001))).toEqual([true, true, true, false]);
    expect(throttle.waitSeconds(1001)).toBe(10);
    c.advance(9_000);
    expect(throttle.take(1001)).toBe(false);
    c.advance(1_000);
    expect(throttle.take(1001)).toBe(true);
    expect(throttle.take(1001)).toBe(false);
  });

  it('never refills past the burst', () => {
    const c = clock();
    const throttle = new ReadThrottle({ burst: 2, perMinute: 60, now: c.now });
    c.advance(3_600_000);
    expect([1, 2, 3].map(() => throttle.take(1001))).toEqual([true, true, false]);
  });

  it('keeps one bucket per uid: one caller emptying theirs leaves another untouched', () => {
    const c = clock();
    const throttle = new ReadThrottle({ burst: 2, perMinute: 1, now: c.now });
    throttle.take(1001);
    throttle.take(1001);
    expect(throttle.take(1001)).toBe(false);
    expect(throttle.take(1002)).toBe(true);
    expect(throttle.waitSeconds(1002)).toBe(0);
  });

  it('never throttles root (uid 0)', () => {
    const throttle = new ReadThrottle({ burst: 1, perMinute: 1, now: clock().now });
    expect(Array.from({ length: 50 }, () => throttle.take(0)).every(Boolean)).toBe(true);
  });

  it('stays bounded without handing a busy caller a fresh bucket while quiet ones can go', () => {
    const c = clock();
    const throttle = new ReadThrottle({ burst: 2, perMinute: 1, now: c.now, maxCallers: 3 });
    throttle.take(1001);
    throttle.take(1001); // 1001 is empty
    throttle.take(1002);
    throttle.take(1003);
    c.advance(120_000); // 1002 and 1003 are full again, 1001 too
    throttle.take(1001);
    throttle.take(1001); // empty again
    throttle.take(1004); // the map is full: the quiet (full) buckets go, 1001's stays
    expect(throttle.take(1001)).toBe(false);
  });
});
