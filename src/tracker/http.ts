// The HTTP client of the Tracker API: puts the pieces together for each
// call — the request (request.ts), sharing identical GETs (sharedGets.ts),
// attempts with retries (retry.ts), one exchange under a timeout
// (transport.ts), the answer read or turned into a `TrackerError`
// (decode.ts), pages (paging.ts) and the log lines (requestLog.ts).
//
// Cancellation contract: when the caller's AbortSignal fires, the returned
// promise rejects at once (also while waiting between retries) with a
// `TrackerError` of kind 'cancelled' (see `isCancelled()`); it never rejects
// with a raw AbortError.
//
// Secrets: the token lives only in the Authorization header of the outgoing
// request. It is never logged, never put into an error, and any echo of it in
// a server's error text is replaced by "***".

import { raceAbort, sleep as abortableSleep } from './abort';
import { checkBaseUrl, normalizeBaseUrl } from './baseUrl';
import { decodeAnswer } from './decode';
import { isCancelled, mayHaveActed, TrackerError } from './errors';
import { collectPages, type PagedOptions, type PagedResult } from './paging';
import { prepare, type ApiVersion, type HttpResponse, type Prepared, type RequestOptions } from './request';
import { RequestLog, type Logger } from './requestLog';
import { decideRetry, retryPolicy, type RetryOptions, type RetryPolicy } from './retry';
import { SharedGets } from './sharedGets';
import { authorization, tokenProblem, type Credentials } from './token';
import { defaultFetch, exchange, NoAnswer, type Exchanged, type FetchLike } from './transport';
import type { OrgKind } from './types';

interface OrgRef {
  kind: OrgKind;
  id: string;
}

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

const DEFAULT_TIMEOUT_MS = 15_000;

export class HttpClient {
  readonly baseUrl: string;
  readonly apiVersion: ApiVersion;
  private readonly timeoutMs: number;
  private readonly retry: RetryPolicy;
  private readonly fetchImpl: FetchLike;
  private readonly sleepImpl: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly shared = new SharedGets();

  constructor(private readonly options: HttpClientOptions) {
    const problem = checkBaseUrl(options.baseUrl);
    if (problem) throw new Error(problem);
    this.baseUrl = normalizeBaseUrl(options.baseUrl);
    this.apiVersion = options.apiVersion ?? 'v2';
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.retry = retryPolicy(options.retry);
    this.fetchImpl = options.fetch ?? defaultFetch;
    this.sleepImpl = options.sleep ?? abortableSleep;
    this.now = options.now ?? (() => performance.now());
    this.random = options.random ?? Math.random;
  }

  /**
   * One API call. `path` is relative to the version and already encoded:
   * "/issues/TREK-1". Resolves with the parsed JSON (undefined for an empty
   * body / 204); rejects with a TrackerError.
   */
  async request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<HttpResponse<T>> {
    return this.send<T>(prepare(method, path, opts, this.apiVersion), opts.signal);
  }

  /** A list spread over pages (see paging.ts). */
  async requestPaged<T>(method: string, path: string, opts: PagedOptions = {}): Promise<PagedResult<T>> {
    const req = prepare(method, path, { ...opts, query: { ...opts.query, page: 1, perPage: opts.perPage ?? 50 } }, this.apiVersion);
    return collectPages<T>(req, (r) => this.send<unknown>(r, opts.signal), this.baseUrl, opts, this.options.logger);
  }

  /** Shares identical GETs in flight, then runs the attempts. */
  private send<T>(req: Prepared, signal: AbortSignal | undefined): Promise<HttpResponse<T>> {
    if (signal?.aborted) return Promise.reject(this.cancelled(req));
    if (req.method !== 'GET' || req.fresh) return this.execute<T>(req, signal);
    const org = this.options.org();
    const key = [req.path, req.query.toString(), this.options.language?.() ?? '', org.kind, org.id].join('\n');
    return this.shared.get<T>(
      key,
      (sharedSignal) => this.execute<unknown>(req, sharedSignal),
      signal,
      () => this.cancelled(req),
      () => this.log(req).joined(),
    );
  }

  /** Attempts with retries, within the count and time budget. */
  private async execute<T>(req: Prepared, signal: AbortSignal | undefined): Promise<HttpResponse<T>> {
    const started = this.now();
    const log = this.log(req);
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
      if (isCancelled(error)) throw error;
      // A DELETE retried after an ambiguous failure may find its target
      // already gone: the first attempt did the job.
      if (ambiguous && req.method === 'DELETE' && error.kind === 'notFound') {
        log.note('already deleted by an earlier attempt', 'info');
        return { data: undefined as T, status: 204, method: req.method, path: req.path, headers: { get: () => null } };
      }
      const decision = decideRetry(this.retry, req, error, attempt, this.now() - started, this.random);
      if ('stop' in decision) {
        if (decision.note) log.note(decision.note);
        throw attempt > 0 ? error.with({ attempts: attempt + 1 }) : error;
      }
      log.retrying(error, attempt, this.retry.maxRetries, decision.delayMs);
      await raceAbort(this.sleepImpl(decision.delayMs, signal), signal, () => this.cancelled(req));
      if (signal?.aborted) throw this.cancelled(req);
      if (mayHaveActed(error)) ambiguous = true;
    }
  }

  /** One HTTP exchange: credentials and headers, the exchange, the answer read. */
  private async attempt<T>(req: Prepared, signal: AbortSignal | undefined): Promise<HttpResponse<T>> {
    const creds = await raceAbort(this.options.credentials(), signal, () => this.cancelled(req));
    const base = { method: req.method, path: req.path, subject: req.subject, about: req.about };
    // Nothing to send without a token that can go in a header (token.ts).
    if (!creds || tokenProblem(creds.token)) throw new TrackerError({ ...base, kind: 'unauthorized' });
    const org = this.options.org();
    const orgId = String(org.id ?? '').trim();
    if (!/^[\x20-\x7e]*$/.test(orgId)) throw new TrackerError({ ...base, kind: 'forbidden' });
    const redact = (s: string): string => s.split(creds.token).join('***');

    const headers: Record<string, string> = {
      Authorization: authorization(creds),
      [org.kind === 'cloud' ? 'X-Cloud-Org-ID' : 'X-Org-ID']: orgId,
      Accept: 'application/json',
      'User-Agent': this.options.userAgent,
    };
    const language = this.options.language?.();
    if (language) headers['Accept-Language'] = language;
    if (req.body !== undefined) headers['Content-Type'] = 'application/json';

    const qs = req.query.toString();
    const url = this.baseUrl + req.path + (qs ? '?' + qs : '');
    const log = this.log(req);
    const t0 = this.now();
    const elapsed = (): number => Math.round(this.now() - t0);
    let answer: Exchanged;
    try {
      answer = await exchange(this.fetchImpl, url, { method: req.method, headers, body: req.body }, this.timeoutMs, signal);
    } catch (e) {
      if (!(e instanceof NoAnswer)) throw e;
      if (e.reason === 'cancelled') {
        log.cancelled(elapsed());
        throw this.cancelled(req);
      }
      if (e.reason === 'timeout') {
        log.timedOut(elapsed());
        throw new TrackerError({ ...base, kind: 'timeout', timeoutMs: this.timeoutMs });
      }
      log.failed(e.code, elapsed());
      throw new TrackerError({ ...base, kind: 'network', code: e.code });
    }
    log.answered(answer.status, elapsed());
    const data = decodeAnswer(answer.status, answer.text, answer.headers, base, redact);
    return { data: data as T, status: answer.status, method: req.method, path: req.path, headers: answer.headers };
  }

  private log(req: Prepared): RequestLog {
    return new RequestLog(this.options.logger, `${req.method} ${req.path}`);
  }

  private cancelled(req: Prepared): TrackerError {
    return new TrackerError({ kind: 'cancelled', method: req.method, path: req.path, subject: req.subject, about: req.about });
  }
}
