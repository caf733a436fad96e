import { describe, expect, it } from 'vitest';
import { err, ok, type Result } from './result.js';

function half(n: number): Result<number, string> {
  return n % 2 === 0 ? ok(n / 2) : err(`${n} is odd`);
}

describe('Result', () => {
  it('carries the value of a success and the error of a failure', () => {
    expect(half(4)).toEqual({ ok: true, value: 2 });
    expect(half(3)).toEqual({ ok: false, error: '3 is odd' });
  });

  it('narrows on ok', () => {
    const r = half(8);
    expect(r.ok ? r.value : r.error).toBe(4);
  });
});
