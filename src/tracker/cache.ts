import { isTrackerError } from './errors';
import type { Issue, IssueLink, TrackerApi } from './types';

interface Entry<T> {
  at: number;
  value?: T;
  error?: unknown;
}

export interface CacheOptions {
  /** How long an issue or its links are served without asking again. */
  ttlMs?: number;
  /** How long "not found" is remembered, so a typo'd key is not asked for on every hover. */
  notFoundTtlMs?: number;
  now?: () => number;
}

/**
 * A short-lived cache of issues and their links, shared by the hover, the
 * status bar and the tree. Concurrent misses for one key become one request
 * because the HTTP layer shares identical GETs in flight; a caller's abort
 * only cancels its own wait there.
 */
export class IssueCache {
  private readonly issues = new Map<string, Entry<Issue>>();
  private readonly links = new Map<string, Entry<IssueLink[]>>();
  private readonly ttl: number;
  private readonly notFoundTtl: number;
  private readonly now: () => number;

  constructor(
    private readonly api: () => TrackerApi,
    o: CacheOptions = {},
  ) {
    this.ttl = o.ttlMs ?? 60_000;
    this.notFoundTtl = o.notFoundTtlMs ?? 15_000;
    this.now = o.now ?? Date.now;
  }

  getIssue(key: string, o: { signal?: AbortSignal; maxAgeMs?: number } = {}): Promise<Issue> {
    return this.load(this.issues, key.toUpperCase(), o, (signal) => this.api().getIssue(key, { signal }));
  }

  getLinks(key: string, o: { signal?: AbortSignal; maxAgeMs?: number } = {}): Promise<IssueLink[]> {
    return this.load(this.links, key.toUpperCase(), o, (signal) => this.api().getIssueLinks(key, { signal }));
  }

  /** The cached issue, if any, without asking the server. */
  peekIssue(key: string): Issue | undefined {
    return this.issues.get(key.toUpperCase())?.value;
  }

  /** Forget one key (after its links changed) or everything (after sign-in). */
  invalidate(key?: string): void {
    if (key === undefined) {
      this.issues.clear();
      this.links.clear();
      return;
    }
    this.issues.delete(key.toUpperCase());
    this.links.delete(key.toUpperCase());
  }

  private async load<T>(
    map: Map<string, Entry<T>>,
    key: string,
    o: { signal?: AbortSignal; maxAgeMs?: number },
    fetch: (signal?: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const hit = map.get(key);
    const age = hit ? this.now() - hit.at : Infinity;
    if (hit && hit.value !== undefined && age < (o.maxAgeMs ?? this.ttl)) return hit.value;
    // A remembered "not found" also yields to maxAgeMs, or Retry could not retry.
    if (hit && hit.error !== undefined && age < Math.min(o.maxAgeMs ?? Infinity, this.notFoundTtl)) throw hit.error;
    try {
      const value = await fetch(o.signal);
      map.set(key, { at: this.now(), value });
      return value;
    } catch (e) {
      if (isTrackerError(e) && e.kind === 'notFound') map.set(key, { at: this.now(), error: e });
      throw e;
    }
  }
}
