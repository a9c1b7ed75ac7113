// One HTTP exchange under its own timeout: the fetch, the status and the
// whole body, or why there was none (cancelled, timed out, network failure).
// It knows nothing of retries, Tracker's errors or the token.

import nodeFetch from 'node-fetch';
import { raceAbort } from './abort';

/** The part of a fetch Response this client reads. */
interface FetchResponseLike {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

interface FetchInit {
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
  redirect: 'manual';
}

export type FetchLike = (url: string, init: FetchInit) => Promise<FetchResponseLike>;

export const defaultFetch: FetchLike = (url, init) =>
  nodeFetch(url, init as unknown as Parameters<typeof nodeFetch>[1]) as unknown as Promise<FetchResponseLike>;

export interface Exchanged {
  status: number;
  text: string;
  headers: FetchResponseLike['headers'];
}

/** Why an exchange produced no answer; `code` is a system error code (ECONNRESET...), never a message. */
export class NoAnswer {
  constructor(
    readonly reason: 'cancelled' | 'timeout' | 'network',
    readonly code?: string,
  ) {}
}

/**
 * Sends one request and reads the whole answer within `timeoutMs` (headers
 * and body). Rejects with a `NoAnswer` only; redirects are not followed.
 */
export async function exchange(
  fetchImpl: FetchLike,
  url: string,
  init: Omit<FetchInit, 'signal' | 'redirect'>,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<Exchanged> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onCallerAbort = (): void => controller.abort();
  signal?.addEventListener('abort', onCallerAbort, { once: true });
  try {
    const run = async (): Promise<Exchanged> => {
      const res = await fetchImpl(url, { ...init, signal: controller.signal, redirect: 'manual' });
      return { status: res.status, text: await res.text(), headers: res.headers };
    };
    // Raced with our own signal so a fetch that ignores it cannot hang us.
    return await raceAbort(run(), controller.signal, () => new Error('aborted'));
  } catch (e) {
    if (signal?.aborted) throw new NoAnswer('cancelled');
    if (timedOut) throw new NoAnswer('timeout');
    throw new NoAnswer('network', errorCode(e));
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onCallerAbort);
  }
}

/** The system error code (ECONNRESET...) of a fetch failure, never its message. */
function errorCode(e: unknown): string | undefined {
  if (!e || typeof e !== 'object') return undefined;
  const o = e as { code?: unknown; errno?: unknown; type?: unknown };
  for (const v of [o.code, o.errno, o.type]) {
    if (typeof v === 'string' && /^[A-Za-z0-9_-]{1,40}$/.test(v)) return v;
  }
  return undefined;
}
