// What a caller asks of the HTTP layer, and one logical request fixed before
// its first attempt (method, versioned path, query, body, what it is about).

import type { Subject } from './errors';

export type ApiVersion = 'v2' | 'v3';

type QueryValue = string | number | boolean | undefined | null | readonly (string | number)[];
type Query = Record<string, QueryValue>;

export interface RequestOptions {
  query?: Query;
  /** Serialised as JSON. */
  body?: unknown;
  signal?: AbortSignal;
  /** What the call is about, for messages: "Issue TREK-12". */
  subject?: string;
  /** The same as data, for messages in the user's language. */
  about?: Subject;
  version?: ApiVersion;
  /**
   * true: retry like a GET (for read-only POSTs such as `_search`);
   * false: never retry; default: GET/HEAD/DELETE retry on 429/5xx/network/
   * timeout, other methods only on 429 (the server did not process it).
   */
  retry?: boolean;
  /**
   * Do not join an identical GET already in flight: a read that must see the
   * server after a write (checking whether a create happened) asks anew.
   */
  fresh?: boolean;
}

export interface HttpResponse<T> {
  data: T;
  status: number;
  method: string;
  /** The path that answered, with the version: "/v2/issues/TREK-1". */
  path: string;
  headers: { get(name: string): string | null };
}

/** Everything about one logical request, fixed before the first attempt. */
export interface Prepared {
  method: string;
  /** With the version, without base path and query: "/v2/issues/TREK-1". */
  path: string;
  query: URLSearchParams;
  body?: string;
  subject?: string;
  about?: Subject;
  retry?: boolean;
  fresh?: boolean;
}

export function prepare(method: string, path: string, opts: RequestOptions, defaultVersion: ApiVersion): Prepared {
  return {
    method: method.toUpperCase(),
    path: `/${opts.version ?? defaultVersion}${path.startsWith('/') ? path : '/' + path}`,
    query: toSearchParams(opts.query),
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    subject: opts.subject,
    about: opts.about,
    retry: opts.retry,
    fresh: opts.fresh,
  };
}

function toSearchParams(query: Query | undefined): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined || v === null) continue;
    p.set(k, Array.isArray(v) ? v.join(',') : String(v));
  }
  return p;
}
