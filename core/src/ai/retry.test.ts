import { describe, expect, it } from 'vitest';
import { classifyHttpError, decideRetry, parseDuration } from './retry.js';

describe('classifyHttpError', () => {
  const body = (status: number, details: unknown[] = [], message = 'x') =>
    JSON.stringify({ error: { code: status, message, status: 'S', details } });

  it('reads RetryInfo from a 429 and tells a rate limit from a spent daily quota', () => {
    expect(
      classifyHttpError(429, body(429, [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '7s' }])),
    ).toMatchObject({
      kind: 'rate-limited',
      retryDelayMs: 7000,
    });
    const perDay = {
      '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
      violations: [{ quotaId: 'GenerateRequestsPerDayPerProjectPerModel' }],
    };
    expect(classifyHttpError(429, body(429, [perDay])).kind).toBe('quota');
    const perMinute = {
      '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
      violations: [{ quotaId: 'GenerateRequestsPerMinute' }],
    };
    expect(classifyHttpError(429, body(429, [perMinute])).kind).toBe('rate-limited');
  });

  it('knows bad keys, server errors, timeouts, and survives a body that is not JSON', () => {
    expect(
      classifyHttpError(
        400,
        body(400, [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID' }]),
      ).kind,
    ).toBe('invalid-key');
    expect(classifyHttpError(403, body(403)).kind).toBe('invalid-key');
    expect(classifyHttpError(503, '<html>oops</html>').kind).toBe('server-error');
    expect(classifyHttpError(504, '').kind).toBe('timeout');
    expect(classifyHttpError(400, body(400, [], 'bad field')).kind).toBe('bad-request');
  });
});

describe('decideRetry', () => {
  it('retries rate limits with the server delay, up to the attempt limit', () => {
    expect(decideRetry({ kind: 'rate-limited', retryDelayMs: 3000 }, 1)).toEqual({ kind: 'retry', delayMs: 3000 });
    expect(decideRetry({ kind: 'rate-limited', retryDelayMs: 3000 }, 3)).toEqual({
      kind: 'offline',
      reason: 'rate-limited',
    });
  });
  it('goes offline rather than wait longer than the cap', () => {
    expect(decideRetry({ kind: 'rate-limited', retryDelayMs: 120_000 }, 1)).toEqual({
      kind: 'offline',
      reason: 'rate-limited',
    });
  });
  it('backs off exponentially with jitter when the server gives no delay', () => {
    expect(decideRetry({ kind: 'server-error' }, 1, undefined, () => 0.5)).toEqual({ kind: 'retry', delayMs: 1000 });
    expect(decideRetry({ kind: 'server-error' }, 2, undefined, () => 0.5)).toEqual({ kind: 'retry', delayMs: 2000 });
    const low = decideRetry({ kind: 'timeout' }, 2, undefined, () => 0);
    const high = decideRetry({ kind: 'timeout' }, 2, undefined, () => 0.999);
    expect(low).toEqual({ kind: 'retry', delayMs: 1500 });
    expect(high.kind === 'retry' && high.delayMs).toBeGreaterThan(2400);
  });
  it('never retries what a retry cannot fix', () => {
    for (const kind of ['quota', 'invalid-key', 'bad-request', 'network'] as const) {
      expect(decideRetry({ kind }, 1).kind).toBe('offline');
    }
    expect(decideRetry({ kind: 'network' }, 1)).toEqual({ kind: 'offline', reason: 'no-network' });
  });
  it('parses protobuf durations', () => {
    expect(parseDuration('3s')).toBe(3000);
    expect(parseDuration('0.250s')).toBe(250);
    expect(parseDuration('soon')).toBeUndefined();
  });
});
