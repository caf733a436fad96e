/**
 * When to retry a cloud call, and how long to wait: pure, so the policy is
 * tested without a network or a clock.
 */
import type { CloudFailure, CloudFailureKind, OfflineReason } from './ai.js';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  /** No single wait is longer; a server asking for more sends us offline instead. */
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 1000, maxDelayMs: 30_000 };

export type RetryDecision = { kind: 'retry'; delayMs: number } | { kind: 'offline'; reason: OfflineReason };

const OFFLINE_REASON: Record<CloudFailureKind, OfflineReason> = {
  'rate-limited': 'rate-limited',
  quota: 'quota',
  'invalid-key': 'invalid-key',
  'bad-request': 'server-error',
  'server-error': 'server-error',
  timeout: 'timeout',
  network: 'no-network',
};

/**
 * `attempt` is the number of the attempt that just failed (1 for the first).
 * Quota spent, a bad key, a bad request or no network: offline at once (a retry
 * cannot help). Rate limits, server errors and timeouts: retry with the
 * server's RetryInfo delay, else exponential backoff with jitter.
 */
export function decideRetry(
  failure: CloudFailure,
  attempt: number,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  random: () => number = Math.random,
): RetryDecision {
  const offline: RetryDecision = { kind: 'offline', reason: OFFLINE_REASON[failure.kind] };
  switch (failure.kind) {
    case 'quota':
    case 'invalid-key':
    case 'bad-request':
    case 'network':
      return offline;
    case 'rate-limited':
    case 'server-error':
    case 'timeout': {
      if (attempt >= policy.maxAttempts) return offline;
      if (failure.retryDelayMs !== undefined) {
        if (failure.retryDelayMs > policy.maxDelayMs) return offline;
        return { kind: 'retry', delayMs: failure.retryDelayMs };
      }
      const exponential = policy.baseDelayMs * 2 ** (attempt - 1);
      const jittered = exponential * (0.75 + 0.5 * random());
      return { kind: 'retry', delayMs: Math.min(policy.maxDelayMs, Math.round(jittered)) };
    }
  }
}

/** Parses a google.protobuf.Duration as JSON writes it ("3s", "1.5s", "0.250s") to milliseconds. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)s$/.exec(text.trim());
  return match ? Math.round(Number(match[1]) * 1000) : undefined;
}

interface GoogleErrorBody {
  error?: { code?: number; status?: string; message?: string; details?: Array<Record<string, unknown>> };
}

/**
 * Classifies an HTTP error from the Gemini API from its status and body (the
 * JSON `{"error": {...}}` Google sends, with google.rpc details).
 */
export function classifyHttpError(status: number, bodyText: string): CloudFailure {
  let body: GoogleErrorBody = {};
  try {
    body = JSON.parse(bodyText) as GoogleErrorBody;
  } catch {
    // not JSON: the status decides
  }
  const details = body.error?.details ?? [];
  let retryDelayMs: number | undefined;
  let quota = false;
  for (const detail of details) {
    const type = String(detail['@type'] ?? '');
    if (type.endsWith('google.rpc.RetryInfo') && typeof detail['retryDelay'] === 'string') {
      retryDelayMs = parseDuration(detail['retryDelay']);
    }
    if (type.endsWith('google.rpc.QuotaFailure')) {
      const violations = Array.isArray(detail['violations'])
        ? (detail['violations'] as Array<Record<string, unknown>>)
        : [];
      // A per-day quota will not come back with a retry: that is "quota spent".
      quota ||= violations.some((v) => /PerDay/i.test(String(v['quotaId'] ?? '')));
    }
    if (type.endsWith('google.rpc.ErrorInfo') && /API_KEY_INVALID/.test(String(detail['reason'] ?? ''))) {
      return { kind: 'invalid-key', status };
    }
  }
  const detail = body.error?.message;
  const base = { status, ...(retryDelayMs !== undefined ? { retryDelayMs } : {}), ...(detail ? { detail } : {}) };
  if (status === 429) return { kind: quota ? 'quota' : 'rate-limited', ...base };
  if (status === 401 || status === 403) return { kind: 'invalid-key', ...base };
  if (status === 400 && /API key/i.test(detail ?? '')) return { kind: 'invalid-key', ...base };
  if (status === 408 || status === 504) return { kind: 'timeout', ...base };
  if (status >= 500) return { kind: 'server-error', ...base };
  return { kind: 'bad-request', ...base };
}
