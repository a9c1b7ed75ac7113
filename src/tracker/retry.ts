// When a failed request is tried again, and after how long: safe requests on
// 5xx, drops and timeouts; anything on 429 (not processed); full-jitter
// backoff within a count and a time budget; Retry-After obeyed.

import type { TrackerError } from './errors';
import { failureReason } from './requestLog';

export interface RetryOptions {
  /** Retries after the first attempt (default 4). */
  maxRetries?: number;
  /** Backoff base: the cap of the n-th delay is baseDelayMs * 2^n (default 300). */
  baseDelayMs?: number;
  /** Cap of a single backoff delay (default 8000). */
  maxDelayMs?: number;
  /** No retry is started once this much time has passed since the first attempt (default 30000). */
  maxTotalMs?: number;
}

export type RetryPolicy = Required<RetryOptions>;

export function retryPolicy(o: RetryOptions | undefined): RetryPolicy {
  return {
    maxRetries: o?.maxRetries ?? 4,
    baseDelayMs: o?.baseDelayMs ?? 300,
    maxDelayMs: o?.maxDelayMs ?? 8000,
    maxTotalMs: o?.maxTotalMs ?? 30_000,
  };
}

const RETRYABLE_5XX = new Set([500, 502, 503, 504]);
const IDEMPOTENT = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS']);

/** Wait `delayMs` and try again, or stop (with a line for the log when the budget, not the error, decided). */
type RetryDecision = { delayMs: number } | { stop: true; note?: string };

/**
 * What to do after `error` on attempt `attempt` (0 = the first) of `method`,
 * `elapsedMs` after the first attempt began. `retry`: true = retry like a GET
 * (read-only POSTs), false = never, undefined = by method.
 */
export function decideRetry(
  policy: RetryPolicy,
  request: { method: string; retry?: boolean },
  error: TrackerError,
  attempt: number,
  elapsedMs: number,
  random: () => number,
): RetryDecision {
  if (request.retry === false) return { stop: true };
  const retriesAnything = request.retry === true || IDEMPOTENT.has(request.method);
  const retryable =
    error.kind === 'rateLimited' ||
    (retriesAnything &&
      ((error.kind === 'server' && RETRYABLE_5XX.has(error.status)) || error.kind === 'network' || error.kind === 'timeout'));
  if (!retryable) return { stop: true };
  if (attempt >= policy.maxRetries) {
    return { stop: true, note: `giving up after ${attempt + 1} attempts (${failureReason(error)})` };
  }
  const left = policy.maxTotalMs - elapsedMs;
  if (error.retryAfterMs !== undefined) {
    // The error carries retryAfterMs for the caller when it is too long to wait here.
    if (error.retryAfterMs > left) return { stop: true, note: `Retry-After ${error.retryAfterMs}ms exceeds the retry budget; giving up` };
    return { delayMs: error.retryAfterMs };
  }
  // Full jitter: spreads clients out instead of retrying in lockstep.
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  const delay = random() * cap;
  return delay > left ? { stop: true } : { delayMs: delay };
}

/** Parses Retry-After: delta seconds or an HTTP date. Returns ms (>= 0) or undefined. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number = Date.now()): number | undefined {
  if (value == null) return undefined;
  const v = value.trim();
  if (!v) return undefined;
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}
