// HTTP layer of the Tracker client: headers, per-attempt timeout, retries
// with backoff, cancellation, sharing of identical GETs in flight, and the
// mapping of every failure to a `TrackerError`.
//
// Cancellation contract: when the caller's AbortSignal fires, the returned
// promise rejects at once (also while waiting between retries) with a
// `TrackerError` of kind 'cancelled' (see `isCancelled()`); it never rejects
// with a raw AbortError.
//
// Secrets: the token lives only in the Authorization header of the outgoing
// request. It is never logged, never put into an error, and any echo of it in
// a server's error text is replaced by "***".

import nodeFetch from 'node-fetch';
import { TrackerError, TrackerErrorKind, kindForStatus, parseErrorBody, type Subject } from './errors';
import type { OrgKind, TokenKind } from './types';

export type ApiVersion = 'v2' | 'v3';

export interface Credentials {
  tokenKind: TokenKind;
  token: string;
}

export interface OrgRef {
  kind: OrgKind;
  id: string;
}

export interface Logger {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
  debug(msg: string): void;
  trace(msg: string): void;
}

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

/** The part of a fetch Response this client reads. */
export interface FetchResponseLike {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export interface FetchInit {
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
  redirect: 'manual';
}

export type FetchLike = (url: string, init: FetchInit) => Promise<FetchResponseLike>;

export interface HttpClientOptions {
  /** e.g. "https://api.tracker.yandex.net" or "http://127.0.0.1:8788"; a trailing slash is fine. */
  baseUrl: string;
  /** Version used when a call does not name one (default 'v2'). */
  apiVersion?: ApiVersion;
  /** Read before every attempt, so a new sign-in applies at once; undefined = not signed in. */
  credentials: () => Promise<Credentials | undefined>;
  org: () => OrgRef;
  /** Accept-Language, e.g. 'en' or 'ru'. */
  language?: () => string;
  /** e.g. "TrackerLinks-VSCode/0.1.0". */
  userAgent: string;
  /** Per attempt, headers and body included (default 15000). */
  timeoutMs?: number;
  retry?: RetryOptions;
  logger?: Logger;
  fetch?: FetchLike;
  /** Waits between retries; should reject or resolve early when the signal fires (it is raced with it anyway). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Monotonic clock in ms for the retry budget (default performance.now). */
  now?: () => number;
  /** Random in [0, 1) for the backoff jitter (default Math.random). */
  random?: () => number;
}

export type QueryValue = string | number | boolean | undefined | null | readonly (string | number)[];
export type Query = Record<string, QueryValue>;

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

export interface PagedOptions extends RequestOptions {
  /** Items per page (query `perPage`, default 50). */
  perPage?: number;
  /** Stop once this many items are collected (default: no limit besides maxPages). */
  limit?: number;
  /** Safety bound on the pages fetched (default 50). */
  maxPages?: number;
}

export interface PagedResult<T> {
  items: T[];
  /** From X-Total-Count of the first page, when sent. */
  totalCount?: number;
  /** From X-Total-Pages of the first page, when sent. */
  totalPages?: number;
}

const DEFAULT_TIMEOUT_MS = 15_000;
const RETRYABLE_5XX = new Set([500, 502, 503, 504]);
const IDEMPOTENT = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS']);

/**
 * Returns why the base URL cannot be used, or undefined when it is fine:
 * https anywhere, plain http only to this machine (the token would otherwise
 * travel in clear text).
 */
export function checkBaseUrl(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return `The Tracker API address "${url}" is not a valid URL.`;
  }
  if (u.username || u.password) return 'The Tracker API address must not contain a user name or password.';
  if (u.search || u.hash) return 'The Tracker API address must not contain a query or fragment.';
  if (u.protocol === 'https:') return undefined;
  if (u.protocol === 'http:') {
    if (isLoopbackHost(u.hostname)) return undefined;
    return `The Tracker API address must use https:// (plain http:// is allowed only for 127.0.0.1, localhost or [::1]): ${u.origin}`;
  }
  return `The Tracker API address must start with https:// (got "${u.protocol}").`;
}

function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (h === 'localhost' || h === '[::1]') return true;
  const m = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  return !!m && m.slice(1).every((o) => Number(o) <= 255);
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

/** Finds the URL of `rel="next"` in a Link header. */
export function parseLinkNext(link: string | null | undefined): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(/,(?=\s*<)/)) {
    const m = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (m && /;\s*rel\s*=\s*"?([^";]*\s)?next(\s[^";]*)?"?\s*(;|$)/i.test(m[2])) return m[1];
  }
  return undefined;
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}

const defaultFetch: FetchLike = (url, init) =>
  nodeFetch(url, init as unknown as Parameters<typeof nodeFetch>[1]) as unknown as Promise<FetchResponseLike>;

/** Rejects with `reason()` as soon as the signal fires; otherwise settles like `p`. */
function raceAbort<T>(p: Promise<T>, signal: AbortSignal | undefined, reason: () => unknown): Promise<T> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(reason());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(reason());
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

/** A GET in flight that several callers wait for. */
interface SharedGet {
  promise: Promise<HttpResponse<unknown>>;
  controller: AbortController;
  waiting: number;
}

/** Everything about one logical request, fixed before the first attempt. */
interface Prepared {
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

export class HttpClient {
  readonly baseUrl: string;
  readonly apiVersion: ApiVersion;
  private readonly timeoutMs: number;
  private readonly retry: Required<RetryOptions>;
  private readonly fetchImpl: FetchLike;
  private readonly sleepImpl: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly inflight = new Map<string, SharedGet>();

  constructor(private readonly options: HttpClientOptions) {
    const problem = checkBaseUrl(options.baseUrl);
    if (problem) throw new Error(problem);
    this.baseUrl = options.baseUrl.trim().replace(/\/+$/, '');
    this.apiVersion = options.apiVersion ?? 'v2';
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.retry = {
      maxRetries: options.retry?.maxRetries ?? 4,
      baseDelayMs: options.retry?.baseDelayMs ?? 300,
      maxDelayMs: options.retry?.maxDelayMs ?? 8000,
      maxTotalMs: options.retry?.maxTotalMs ?? 30_000,
    };
    this.fetchImpl = options.fetch ?? defaultFetch;
    this.sleepImpl = options.sleep ?? defaultSleep;
    this.now = options.now ?? (() => performance.now());
    this.random = options.random ?? Math.random;
  }

  /**
   * One API call. `path` is relative to the version and already encoded:
   * "/issues/TREK-1". Resolves with the parsed JSON (undefined for an empty
   * body / 204); rejects with a TrackerError.
   */
  async request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<HttpResponse<T>> {
    return this.send<T>(this.prepare(method, path, opts), opts.signal);
  }

  private prepare(method: string, path: string, opts: RequestOptions): Prepared {
    return {
      method: method.toUpperCase(),
      path: `/${opts.version ?? this.apiVersion}${path.startsWith('/') ? path : '/' + path}`,
      query: toSearchParams(opts.query),
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      subject: opts.subject,
      about: opts.about,
      retry: opts.retry,
      fresh: opts.fresh,
    };
  }

  /**
   * A list spread over pages: asks page 1, 2, ... (query `page`, `perPage`)
   * while `Link: rel="next"` (same origin only) or `X-Total-Pages` says there
   * is more, until `limit` items or `maxPages` pages. Every page must be a
   * JSON array. The same body is sent with every page (for `_search`).
   */
  async requestPaged<T>(method: string, path: string, opts: PagedOptions = {}): Promise<PagedResult<T>> {
    const limit = opts.limit ?? Number.POSITIVE_INFINITY;
    const maxPages = opts.maxPages ?? 50;
    const req = this.prepare(method, path, { ...opts, query: { ...opts.query, page: 1, perPage: opts.perPage ?? 50 } });
    const result: PagedResult<T> = { items: [] };
    for (let page = 1; ; page++) {
      const response = await this.send<unknown>(req, opts.signal);
      if (page === 1) {
        result.totalCount = toInt(response.headers.get('X-Total-Count'));
        result.totalPages = toInt(response.headers.get('X-Total-Pages'));
      }
      if (!Array.isArray(response.data)) {
        throw new TrackerError({
          kind: 'badResponse',
          status: response.status,
          method: req.method,
          path: req.path,
          subject: req.subject,
          about: req.about,
          detail: 'expected a list',
        });
      }
      result.items.push(...(response.data as T[]));
      if (result.items.length >= limit || response.data.length === 0 || page >= maxPages) break;
      const next = this.nextPage(response, page, req);
      if (!next) break;
      req.path = next.path;
      req.query = next.query;
    }
    if (result.items.length > limit) result.items.length = limit;
    return result;
  }

  /** Where the page after `page` is: Link rel="next" (same API only), else X-Total-Pages. */
  private nextPage(
    response: HttpResponse<unknown>,
    page: number,
    req: Prepared,
  ): { path: string; query: URLSearchParams } | undefined {
    const link = parseLinkNext(response.headers.get('Link'));
    if (link) {
      const base = new URL(this.baseUrl + '/');
      let u: URL | undefined;
      try {
        u = new URL(link, base);
      } catch {
        u = undefined;
      }
      // Follow only links into the same API: the token must not go elsewhere.
      const basePath = base.pathname.replace(/\/$/, '');
      if (u && u.origin === base.origin && u.pathname.startsWith(basePath + '/')) {
        return { path: u.pathname.slice(basePath.length), query: u.searchParams };
      }
      this.options.logger?.warn(`Ignoring a Link rel="next" outside the API (${u?.origin ?? 'invalid URL'})`);
    }
    const totalPages = toInt(response.headers.get('X-Total-Pages'));
    if (totalPages !== undefined && page < totalPages) {
      return { path: req.path, query: withParam(req.query, 'page', page + 1) };
    }
    return undefined;
  }

  /** Shares identical GETs in flight, then runs the attempts. */
  private send<T>(req: Prepared, signal: AbortSignal | undefined): Promise<HttpResponse<T>> {
    if (signal?.aborted) return Promise.reject(this.cancelled(req));
    if (req.method !== 'GET' || req.fresh) return this.execute<T>(req, signal);

    const org = this.options.org();
    const key = [req.path, req.query.toString(), this.options.language?.() ?? '', org.kind, org.id].join('\n');
    let shared = this.inflight.get(key);
    if (shared) {
      this.options.logger?.trace(`GET ${req.path} joins an identical request in flight`);
    } else {
      const controller = new AbortController();
      const promise = this.execute<unknown>(req, controller.signal);
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
        reject(this.cancelled(req));
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

  /** Attempts with retries, within the count and time budget. */
  private async execute<T>(req: Prepared, signal: AbortSignal | undefined): Promise<HttpResponse<T>> {
    const started = this.now();
    // Set after a failure where the server may have acted (5xx, drop, timeout).
    let ambiguous = false;
    for (let attempt = 0; ; attempt++) {
      let error: TrackerError;
      try {
        return await this.attempt<T>(req, signal);
      } catch (e) {
        if (!(e instanceof TrackerError)) throw e;
        error = e;
      }
      if (error.kind === 'cancelled') throw error;
      // A DELETE retried after an ambiguous failure may find its target
      // already gone: the first attempt did the job.
      if (ambiguous && req.method === 'DELETE' && error.kind === 'notFound') {
        this.options.logger?.info(`${req.method} ${req.path}: already deleted by an earlier attempt`);
        return { data: undefined as T, status: 204, method: req.method, path: req.path, headers: { get: () => null } };
      }
      const delay = this.retryDelay(req, error, attempt, started);
      if (delay === undefined) throw attempt > 0 ? error.with({ attempts: attempt + 1 }) : error;
      this.options.logger?.warn(
        `${req.method} ${req.path}: ${reason(error)}; retry ${attempt + 1}/${this.retry.maxRetries} in ${Math.round(delay)}ms`,
      );
      await raceAbort(this.sleepImpl(delay, signal), signal, () => this.cancelled(req));
      if (signal?.aborted) throw this.cancelled(req);
      if (error.mayHaveActed) ambiguous = true;
    }
  }

  /**
   * How long to wait before retrying after `error`, or undefined to give up
   * (throwing `error`). Throws instead when Retry-After exceeds the budget.
   */
  private retryDelay(req: Prepared, error: TrackerError, attempt: number, started: number): number | undefined {
    if (req.retry === false) return undefined;
    const retriesAnything = req.retry === true || IDEMPOTENT.has(req.method);
    const retryable =
      error.kind === 'rateLimited' ||
      (retriesAnything &&
        ((error.kind === 'server' && RETRYABLE_5XX.has(error.status)) ||
          error.kind === 'network' ||
          error.kind === 'timeout'));
    if (!retryable) return undefined;
    if (attempt >= this.retry.maxRetries) {
      this.options.logger?.warn(`${req.method} ${req.path}: giving up after ${attempt + 1} attempts (${reason(error)})`);
      return undefined;
    }
    const left = this.retry.maxTotalMs - (this.now() - started);
    if (error.retryAfterMs !== undefined) {
      if (error.retryAfterMs > left) {
        this.options.logger?.warn(
          `${req.method} ${req.path}: Retry-After ${error.retryAfterMs}ms exceeds the retry budget; giving up`,
        );
        return undefined; // the error carries retryAfterMs for the caller
      }
      return error.retryAfterMs;
    }
    // Full jitter: spreads clients out instead of retrying in lockstep.
    const cap = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** attempt);
    const delay = this.random() * cap;
    if (delay > left) return undefined;
    return delay;
  }

  /** One HTTP exchange under its own timeout. */
  private async attempt<T>(req: Prepared, signal: AbortSignal | undefined): Promise<HttpResponse<T>> {
    const creds = await raceAbort(this.options.credentials(), signal, () => this.cancelled(req));
    const base = { method: req.method, path: req.path, subject: req.subject, about: req.about };
    // Nothing to send without a token; a token that is not a legal header
    // value would make the HTTP library throw with the value in its message.
    if (!creds || !creds.token || !/^[\x21-\x7e]+$/.test(creds.token)) {
      throw new TrackerError({ ...base, kind: 'unauthorized' });
    }
    const org = this.options.org();
    const orgId = String(org.id ?? '').trim();
    if (!/^[\x20-\x7e]*$/.test(orgId)) throw new TrackerError({ ...base, kind: 'forbidden' });
    const redact = (s: string): string => s.split(creds.token).join('***');

    const headers: Record<string, string> = {
      Authorization: `${creds.tokenKind === 'iam' ? 'Bearer' : 'OAuth'} ${creds.token}`,
      [org.kind === 'cloud' ? 'X-Cloud-Org-ID' : 'X-Org-ID']: orgId,
      Accept: 'application/json',
      'User-Agent': this.options.userAgent,
    };
    const language = this.options.language?.();
    if (language) headers['Accept-Language'] = language;
    if (req.body !== undefined) headers['Content-Type'] = 'application/json';

    const qs = req.query.toString();
    const url = this.baseUrl + req.path + (qs ? '?' + qs : '');
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.timeoutMs);
    const onCallerAbort = (): void => controller.abort();
    signal?.addEventListener('abort', onCallerAbort, { once: true });
    const t0 = this.now();
    const elapsed = (): number => Math.round(this.now() - t0);
    const log = this.options.logger;

    let status: number;
    let text: string;
    let responseHeaders: FetchResponseLike['headers'];
    try {
      const exchange = async (): Promise<[number, string, FetchResponseLike['headers']]> => {
        const res = await this.fetchImpl(url, {
          method: req.method,
          headers,
          body: req.body,
          signal: controller.signal,
          redirect: 'manual',
        });
        return [res.status, await res.text(), res.headers];
      };
      // Raced with our own signal so a fetch that ignores it cannot hang us.
      [status, text, responseHeaders] = await raceAbort(exchange(), controller.signal, () => new Error('aborted'));
    } catch (e) {
      if (signal?.aborted) {
        log?.info(`${req.method} ${req.path} cancelled ${elapsed()}ms`);
        throw this.cancelled(req);
      }
      if (timedOut) {
        log?.warn(`${req.method} ${req.path} timed out ${elapsed()}ms`);
        throw new TrackerError({ ...base, kind: 'timeout', timeoutMs: this.timeoutMs });
      }
      const code = errorCode(e);
      log?.warn(`${req.method} ${req.path} failed (${code ?? 'network error'}) ${elapsed()}ms`);
      throw new TrackerError({ ...base, kind: 'network', code });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onCallerAbort);
    }

    if (status >= 200 && status < 300) {
      log?.info(`${req.method} ${req.path} ${status} ${elapsed()}ms`);
      let data: unknown = undefined;
      if (status !== 204 && text.trim() !== '') {
        try {
          data = JSON.parse(text);
        } catch {
          throw new TrackerError({ ...base, kind: 'badResponse', status, detail: 'the body is not valid JSON' });
        }
      }
      return { data: data as T, status, method: req.method, path: req.path, headers: responseHeaders };
    }

    const kind: TrackerErrorKind = kindForStatus(status);
    (kind === 'server' || kind === 'rateLimited' ? log?.warn : log?.info)?.call(
      log,
      `${req.method} ${req.path} ${status} ${elapsed()}ms`,
    );
    const parsed = parseErrorBody(text);
    throw new TrackerError({
      ...base,
      kind,
      status,
      errorMessages: parsed.errorMessages.map(redact),
      fieldErrors: Object.fromEntries(Object.entries(parsed.fieldErrors).map(([f, t]) => [redact(f), redact(t)])),
      retryAfterMs:
        kind === 'rateLimited' || kind === 'server' ? parseRetryAfter(responseHeaders.get('Retry-After')) : undefined,
      detail: kind === 'badResponse' ? `unexpected HTTP ${status}` : undefined,
    });
  }

  private cancelled(req: Prepared): TrackerError {
    return new TrackerError({ kind: 'cancelled', method: req.method, path: req.path, subject: req.subject, about: req.about });
  }
}

function reason(e: TrackerError): string {
  if (e.status) return `HTTP ${e.status}`;
  if (e.kind === 'network') return `network error${e.code ? ' ' + e.code : ''}`;
  return e.kind;
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

function toSearchParams(query: Query | undefined): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined || v === null) continue;
    p.set(k, Array.isArray(v) ? v.join(',') : String(v));
  }
  return p;
}

function withParam(q: URLSearchParams, key: string, value: number): URLSearchParams {
  const p = new URLSearchParams(q);
  p.set(key, String(value));
  return p;
}

function toInt(v: string | null): number | undefined {
  if (v == null || !/^\s*\d+\s*$/.test(v)) return undefined;
  return Number(v);
}
