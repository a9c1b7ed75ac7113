// Identical GETs in flight are sent once: later callers wait for the first
// one's answer, each gets its own copy of the data, and the request is
// aborted only when every caller has cancelled.

import type { HttpResponse } from './request';

interface SharedGet {
  promise: Promise<HttpResponse<unknown>>;
  controller: AbortController;
  waiting: number;
}

export class SharedGets {
  private readonly inflight = new Map<string, SharedGet>();

  /**
   * The answer of the GET known by `key`: joins one in flight (calling
   * `onJoin`), or starts it with `start`. When `signal` fires this caller
   * rejects with `cancelled()` at once.
   */
  get<T>(
    key: string,
    start: (signal: AbortSignal) => Promise<HttpResponse<unknown>>,
    signal: AbortSignal | undefined,
    cancelled: () => unknown,
    onJoin: () => void,
  ): Promise<HttpResponse<T>> {
    let shared = this.inflight.get(key);
    if (shared) {
      onJoin();
    } else {
      const controller = new AbortController();
      const promise = start(controller.signal);
      const entry: SharedGet = { promise, controller, waiting: 0 };
      shared = entry;
      this.inflight.set(key, entry);
      const forget = (): void => {
        if (this.inflight.get(key) === entry) this.inflight.delete(key);
      };
      promise.then(forget, forget);
    }
    const entry = shared;
    entry.waiting++;
    return new Promise<HttpResponse<T>>((resolve, reject) => {
      let settled = false;
      const onAbort = (): void => {
        if (settled) return;
        settled = true;
        reject(cancelled());
        // Abort the shared request only when nobody waits for it any more.
        if (--entry.waiting === 0) {
          if (this.inflight.get(key) === entry) this.inflight.delete(key);
          entry.controller.abort();
        }
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      entry.promise.then(
        (res) => {
          signal?.removeEventListener('abort', onAbort);
          if (settled) return;
          settled = true;
          entry.waiting--;
          // Each caller gets its own copy: one must not see another's edits.
          resolve({ ...res, data: res.data === undefined ? undefined : structuredClone(res.data) } as HttpResponse<T>);
        },
        (e: unknown) => {
          signal?.removeEventListener('abort', onAbort);
          if (settled) return;
          settled = true;
          entry.waiting--;
          reject(e);
        },
      );
    });
  }
}
