// Sandbox Tracker: a Node `http` server on 127.0.0.1 with in-memory data that
// behaves as /work/shared/tracker-api.md describes. Used by unit tests (real
// HTTP), extension-host tests (in-process), UI tests and the demo.
//
// Pipeline of an API request: record → fault switches (latency, then at most
// one fault) → version → auth → org → route → JSON body → handler → answer
// (or, with `afterHandling`, the answer lost after the handler ran).
// `/_sandbox/*` control endpoints skip all of that.

import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { relationshipFor, type Lang } from './catalog';
import { ApiError, badRequest } from './errors';
import { matchRoute, runRoute, type Reply } from './routes';
import type { View } from './render';
import { Store } from './store';

export interface SandboxOptions {
  port?: number;
  orgKind?: 'yandex360' | 'cloud';
  orgId?: string;
  token?: string;
  iamToken?: string;
  /** Seed the demo data (default true); false leaves only users and queues. */
  seed?: boolean;
}

/**
 * A server that reads some link types the other way round from the
 * documentation — not Tracker's behaviour, a test of a client that must
 * notice it from the answers to its creates. Stored data is unchanged.
 */
export interface SandboxDialect {
  invertDirections?: string[];
}

export interface FaultSwitches {
  /** Added to every API response. */
  latencyMs?: number;
  /** Next N API requests answer 429 with a JSON error body; Retry-After only when `retryAfter` is given. */
  rateLimit?: { count: number; retryAfter?: string };
  /** Next N answer 5xx (500 JSON; 502 HTML "<html>Bad Gateway</html>"; 503 JSON). Default 500. */
  serverError?: { count: number; status?: 500 | 502 | 503 };
  /** Next N answer 200 application/json with a truncated body. */
  malformedJson?: { count: number };
  /** Next N: socket destroyed without a response. */
  drop?: { count: number };
  /** Next N: never answered (until the client gives up or the server closes). */
  stall?: { count: number };
  /**
   * Next N answer `status` with a Tracker error body (`errorMessages: [message]`,
   * `errors`): a revoked token mid-session (401), a refusal that echoes text (403, 422).
   */
  httpError?: { count: number; status: number; message?: string; errors?: Record<string, string> };
  /**
   * Next N are HANDLED (a create is stored), then the answer is lost: `drop`
   * destroys the socket, `stall` never answers, `status` answers 502 (HTML
   * page), 503 or 504 (JSON; default 503) instead of the real reply;
   * `truncated` sends the real status with its JSON body cut in half. The
   * case "Tracker created the link but the client never heard". Faults that
   * fail before handling take precedence when both are set.
   */
  afterHandling?: { count: number; kind: 'drop' | 'stall' | 'status' | 'truncated'; status?: 502 | 503 | 504 };
  /** When set, faults (and latency) apply only to matching requests. */
  match?: { method?: string; path?: string };
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Lower-case names; `authorization` is never kept. */
  headers: Record<string, string>;
  body: unknown;
  /** 0 while pending, and for dropped or stalled requests. */
  status: number;
  /** Set by `afterHandling`: the status the handler produced before the answer was lost. */
  handledStatus?: number;
  at: number;
}

type AfterHandling = NonNullable<FaultSwitches['afterHandling']>;

type FaultKind = 'drop' | 'stall' | 'httpError' | 'rateLimit' | 'serverError' | 'malformedJson';

const MAX_BODY = 1024 * 1024;
const DEFAULT_ORG: Record<'yandex360' | 'cloud', string> = { yandex360: '7000001', cloud: 'bpfsandbox0000000001' };

function errorBody(status: number, message: string): unknown {
  return new ApiError(status, [message]).toBody();
}

export class SandboxServer {
  readonly url: string;
  readonly token: string;
  readonly iamToken: string;
  readonly orgId: string;
  readonly orgKind: 'yandex360' | 'cloud';
  requests: RecordedRequest[] = [];

  private readonly store: Store;
  private faults: FaultSwitches = {};
  private dialect: SandboxDialect = {};
  private closing = false;
  /** Responses held open by the stall fault. */
  private readonly stalled = new Set<http.ServerResponse>();
  /** Pending latency waits, released on close so handlers finish. */
  private readonly sleepers = new Set<() => void>();

  /** Use `startSandbox()`; the constructor expects a listening server. */
  constructor(
    private readonly server: http.Server,
    opts: Required<Omit<SandboxOptions, 'port'>>,
  ) {
    const { port } = server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    this.token = opts.token;
    this.iamToken = opts.iamToken;
    this.orgKind = opts.orgKind;
    this.orgId = opts.orgId;
    this.store = new Store(opts.seed);
    server.on('request', (req, res) => {
      this.handle(req, res).catch((e: unknown) => this.internalError(res, e));
    });
  }

  // ---- contract --------------------------------------------------------------

  setFaults(f: FaultSwitches): void {
    // Deep copy: counters are decremented in place.
    this.faults = JSON.parse(JSON.stringify(f ?? {})) as FaultSwitches;
  }

  resetFaults(): void {
    this.faults = {};
  }

  setDialect(d: SandboxDialect): void {
    this.dialect = { invertDirections: [...(d.invertDirections ?? [])] };
  }

  reset(): void {
    this.store.reset();
    this.requests.splice(0);
    this.resetFaults();
    this.dialect = {};
  }

  countRequests(filter?: { method?: string; path?: string }): number {
    return this.requests.filter((r) => matches(r.method, r.path, filter)).length;
  }

  linksOf(key: string): Array<{ id: number; relationship: string; other: string }> {
    const issue = this.store.findIssue(key);
    if (!issue) throw new Error(`sandbox: no issue ${key}`);
    return this.store
      .linksOfIssue(issue)
      .sort((a, b) => a.link.id - b.link.id)
      .map((s) => ({ id: s.link.id, relationship: relationshipFor(s.link.type, s.direction), other: s.other.key }));
  }

  entityLinksOf(type: 'project' | 'portfolio' | 'goal', id: string): Array<{ relationship: string; entity: string }> {
    const e = this.store.findEntity(id, type);
    if (!e) throw new Error(`sandbox: no ${type} ${id}`);
    return this.store.entityLinksOf(e).map((s) => ({ relationship: s.relationship, entity: s.other.id }));
  }

  close(): Promise<void> {
    this.closing = true;
    for (const wake of this.sleepers) wake();
    this.sleepers.clear();
    for (const res of this.stalled) res.socket?.destroy();
    this.stalled.clear();
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      // Keep-alive and stalled sockets would otherwise hold close() open.
      this.server.closeAllConnections();
    });
  }

  /** Read-only access to the data for tests that need more than the helpers. */
  get data(): Store['data'] {
    return this.store.data;
  }

  // ---- request pipeline ------------------------------------------------------

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const method = (req.method ?? 'GET').toUpperCase();
    if (url.pathname === '/_sandbox' || url.pathname.startsWith('/_sandbox/')) {
      return this.control(req, res, method, url);
    }
    const rec: RecordedRequest = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: recordableHeaders(req),
      body: undefined,
      status: 0,
      at: Date.now(),
    };
    this.requests.push(rec);
    const raw = await readBody(req);
    rec.body = raw === undefined ? undefined : parseOr(raw.text, raw.text);
    if (raw?.tooLarge) return this.reply(res, rec, { status: 413, body: errorBody(413, 'Request body is too large') });

    const fault = this.takeFault(method, url.pathname);
    if (fault.latencyMs > 0) await this.sleep(fault.latencyMs);
    if (this.closing) return;
    if (fault.kind) return this.applyFault(fault.kind, req, res, rec);
    const reply = this.api(req, method, url, raw?.text);
    if (fault.after) return this.loseAnswer(fault.after, res, rec, reply);
    this.reply(res, rec, reply);
  }

  /** Version → auth → org → route → body → handler. */
  private api(req: http.IncomingMessage, method: string, url: URL, rawBody: string | undefined): Reply {
    const segments = splitPath(url.pathname);
    if (!segments) return { status: 400, body: errorBody(400, 'Malformed path') };
    const [version, ...rest] = segments;
    if (version !== 'v2' && version !== 'v3') return { status: 404, body: errorBody(404, 'Not found') };
    const denied = this.checkAuth(req) ?? this.checkOrg(req);
    if (denied) return denied;
    const match = matchRoute(method, version, rest);
    if (!match) return { status: 404, body: errorBody(404, `No such resource: ${method} ${url.pathname}`) };
    let body: unknown;
    if (rawBody !== undefined && rawBody.trim() !== '') {
      try {
        body = JSON.parse(rawBody);
      } catch {
        return { status: 400, body: badRequest('Request body is not valid JSON').toBody() };
      }
    }
    const lang = languageOf(req);
    const api = `${this.url}/${version}`;
    const view: View = { api, lang, store: this.store, invertedTypes: new Set(this.dialect.invertDirections ?? []) };
    return runRoute(match, { version, query: url.searchParams, body, lang, url, store: this.store, view });
  }

  /** OAuth works for both org kinds; an IAM (Bearer) token only with X-Cloud-Org-ID. */
  private checkAuth(req: http.IncomingMessage): Reply | undefined {
    const auth = header(req, 'authorization') ?? '';
    const m = /^(\S+)\s+(.+)$/.exec(auth.trim());
    const scheme = m?.[1]?.toLowerCase();
    const token = m?.[2]?.trim();
    const valid =
      (scheme === 'oauth' && token === this.token) ||
      (scheme === 'bearer' && token === this.iamToken && header(req, 'x-cloud-org-id') !== undefined);
    if (valid) return undefined;
    return { status: 401, body: errorBody(401, 'Not authorized') };
  }

  private checkOrg(req: http.IncomingMessage): Reply | undefined {
    const org = header(req, 'x-org-id');
    const cloud = header(req, 'x-cloud-org-id');
    const forbidden = (message: string): Reply => ({ status: 403, body: errorBody(403, message) });
    if (org !== undefined && cloud !== undefined) return forbidden('Send only one of X-Org-ID and X-Cloud-Org-ID');
    const given = this.orgKind === 'cloud' ? cloud : org;
    if (given === undefined || given.trim() !== this.orgId) return forbidden('Organization not found or access denied');
    return undefined;
  }

  // ---- faults ----------------------------------------------------------------

  /** Consumes at most one fault for this request; latency applies to every matching request. */
  private takeFault(method: string, path: string): { latencyMs: number; kind?: FaultKind; after?: AfterHandling } {
    const f = this.faults;
    if (f.match && !matches(method, path, f.match)) return { latencyMs: 0 };
    const latencyMs = Math.max(0, Number(f.latencyMs) || 0);
    const order: FaultKind[] = ['drop', 'stall', 'httpError', 'rateLimit', 'serverError', 'malformedJson'];
    for (const kind of order) {
      const sw = f[kind];
      if (sw && sw.count > 0) {
        sw.count -= 1;
        return { latencyMs, kind };
      }
    }
    const after = f.afterHandling;
    if (after && after.count > 0) {
      after.count -= 1;
      return { latencyMs, after: { ...after } };
    }
    return { latencyMs };
  }

  /** The request was handled (and whatever it changed stays changed); its answer never arrives. */
  private loseAnswer(after: AfterHandling, res: http.ServerResponse, rec: RecordedRequest, handled: Reply): void {
    rec.handledStatus = handled.status;
    switch (after.kind) {
      case 'drop':
        res.socket?.destroy();
        return;
      case 'stall':
        this.stalled.add(res);
        res.on('close', () => this.stalled.delete(res));
        return;
      case 'status': {
        const status = after.status ?? 503;
        if (status === 502) return this.sendRaw(res, rec, 502, 'text/html; charset=utf-8', '<html>Bad Gateway</html>');
        const message = status === 504 ? 'Gateway timeout' : 'Service temporarily unavailable';
        return this.reply(res, rec, { status, body: errorBody(status, message) });
      }
      case 'truncated': {
        const text = JSON.stringify(handled.body ?? {});
        return this.sendRaw(res, rec, handled.status, 'application/json; charset=utf-8', text.slice(0, Math.floor(text.length / 2)));
      }
    }
  }

  private applyFault(kind: FaultKind, req: http.IncomingMessage, res: http.ServerResponse, rec: RecordedRequest): void {
    switch (kind) {
      case 'drop':
        req.socket.destroy();
        return;
      case 'stall':
        this.stalled.add(res);
        res.on('close', () => this.stalled.delete(res));
        return;
      case 'httpError': {
        const e = this.faults.httpError ?? { count: 0, status: 500 };
        const body = new ApiError(e.status, [e.message ?? `HTTP ${e.status}`], e.errors ?? {}).toBody();
        return this.reply(res, rec, { status: e.status, body });
      }
      case 'rateLimit': {
        const retryAfter = this.faults.rateLimit?.retryAfter;
        const headers: Record<string, string> = retryAfter ? { 'Retry-After': retryAfter } : {};
        return this.reply(res, rec, { status: 429, body: errorBody(429, 'Too many requests'), headers });
      }
      case 'serverError': {
        const status = this.faults.serverError?.status ?? 500;
        if (status === 502) return this.sendRaw(res, rec, 502, 'text/html; charset=utf-8', '<html>Bad Gateway</html>');
        const message = status === 503 ? 'Service temporarily unavailable' : 'Internal server error';
        return this.reply(res, rec, { status, body: errorBody(status, message) });
      }
      case 'malformedJson':
        return this.sendRaw(res, rec, 200, 'application/json; charset=utf-8', '{"self":"broken","id":"5f0c1a","key":"TREK-12","summary":"Show linked iss');
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }

  // ---- control endpoints -----------------------------------------------------

  private async control(req: http.IncomingMessage, res: http.ServerResponse, method: string, url: URL): Promise<void> {
    const raw = await readBody(req);
    const send = (status: number, body: unknown): void => this.sendRaw(res, undefined, status, 'application/json; charset=utf-8', JSON.stringify(body));
    const route = `${method} ${url.pathname.replace(/\/+$/, '')}`;
    switch (route) {
      case 'GET /_sandbox/health':
        return send(200, { ok: true, url: this.url, orgKind: this.orgKind, orgId: this.orgId });
      case 'GET /_sandbox/requests':
        return send(200, this.requests);
      case 'POST /_sandbox/reset':
        this.reset();
        return send(200, { ok: true });
      case 'POST /_sandbox/faults': {
        const faults = raw?.text.trim() ? parseOr(raw.text, undefined) : {};
        if (typeof faults !== 'object' || faults === null || Array.isArray(faults)) {
          return send(400, errorBody(400, 'Body must be a JSON object of fault switches'));
        }
        this.setFaults(faults as FaultSwitches);
        return send(200, { ok: true, faults: this.faults });
      }
      default:
        return send(404, errorBody(404, `No such control endpoint: ${route}`));
    }
  }

  // ---- output ----------------------------------------------------------------

  private reply(res: http.ServerResponse, rec: RecordedRequest | undefined, r: Reply): void {
    if (r.status === 204 || r.body === undefined) {
      if (rec) rec.status = r.status;
      if (!writable(res)) return;
      res.writeHead(r.status, r.headers);
      res.end();
      return;
    }
    this.sendRaw(res, rec, r.status, 'application/json; charset=utf-8', JSON.stringify(r.body), r.headers);
  }

  private sendRaw(
    res: http.ServerResponse,
    rec: RecordedRequest | undefined,
    status: number,
    contentType: string,
    text: string,
    headers: Record<string, string> = {},
  ): void {
    if (rec) rec.status = status;
    if (!writable(res)) return;
    res.writeHead(status, { ...headers, 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
  }

  /** Last resort: a bug in a handler answers 500 instead of crashing the process. */
  private internalError(res: http.ServerResponse, e: unknown): void {
    const message = e instanceof Error ? e.message : String(e);
    const last = this.requests[this.requests.length - 1];
    if (last && last.status === 0) last.status = 500;
    if (!writable(res) || res.headersSent) return;
    this.sendRaw(res, undefined, 500, 'application/json; charset=utf-8', JSON.stringify(errorBody(500, `Sandbox error: ${message}`)));
  }
}

// ---- helpers -------------------------------------------------------------------

function writable(res: http.ServerResponse): boolean {
  return !res.destroyed && !res.writableEnded;
}

function matches(method: string, path: string, filter?: { method?: string; path?: string }): boolean {
  if (!filter) return true;
  if (filter.method && filter.method.toUpperCase() !== method.toUpperCase()) return false;
  if (filter.path && !path.includes(filter.path)) return false;
  return true;
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

function recordableHeaders(req: http.IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    // Never keep the token, not even in memory.
    if (name === 'authorization' || value === undefined) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function languageOf(req: http.IncomingMessage): Lang {
  return /^\s*ru\b/i.test(header(req, 'accept-language') ?? '') ? 'ru' : 'en';
}

/** Path segments, URL-decoded, trailing slash ignored; undefined on bad escapes. */
function splitPath(pathname: string): string[] | undefined {
  try {
    return pathname.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return undefined;
  }
}

function parseOr(text: string, fallback: unknown): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return fallback;
  }
}

/** Whole body as text; undefined when empty. Oversized bodies are drained, not buffered. */
function readBody(req: http.IncomingMessage): Promise<{ text: string; tooLarge: boolean } | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => (size === 0 ? resolve(undefined) : resolve({ text: Buffer.concat(chunks).toString('utf8'), tooLarge: size > MAX_BODY })));
    req.on('error', () => resolve(undefined));
    req.on('close', () => resolve(size === 0 ? undefined : { text: Buffer.concat(chunks).toString('utf8'), tooLarge: size > MAX_BODY }));
  });
}

/** Starts a sandbox on 127.0.0.1 (`port` 0 or absent → ephemeral). */
export function startSandbox(opts: SandboxOptions = {}): Promise<SandboxServer> {
  const orgKind = opts.orgKind ?? 'yandex360';
  const server = http.createServer();
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      // Sockets that error (e.g. client resets) must not crash the process.
      server.on('clientError', (_err: Error, socket: Socket) => socket.destroy());
      resolve(
        new SandboxServer(server, {
          orgKind,
          orgId: opts.orgId ?? DEFAULT_ORG[orgKind],
          token: opts.token ?? 'sandbox-demo-token',
          iamToken: opts.iamToken ?? 'sandbox-iam-token',
          seed: opts.seed ?? true,
        }),
      );
    });
  });
}
