// HttpClient against tiny ad-hoc servers: things the sandbox cannot show
// (exact outgoing headers, Link paging, HTML error pages, echoed tokens,
// redirects, retry arithmetic with an injected clock).
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpClient, HttpClientOptions } from '../../../src/tracker/http';
import { TrackerClient } from '../../../src/tracker/client';
import type { Logger } from '../../../src/tracker/requestLog';
import { TrackerError, isTrackerError } from '../../../src/tracker/errors';

const TOKEN = 'y0_AgAAAAB-secret-token-42';

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  rawHeaders: string[];
  body: string;
}

type Handler = (req: Seen, res: http.ServerResponse, n: number) => void;

interface Stub {
  url: string;
  seen: Seen[];
  close(): Promise<void>;
}

async function stub(handler: Handler): Promise<Stub> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const s: Seen = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, rawHeaders: req.rawHeaders, body };
      seen.push(s);
      handler(s, res, seen.length);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(body === undefined ? '' : JSON.stringify(body));
}

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const rec = (level: string) => (m: string) => lines.push(`${level} ${m}`);
  return { lines, info: rec('info'), warn: rec('warn'), error: rec('error'), debug: rec('debug'), trace: rec('trace') };
}

function client(url: string, over: Partial<HttpClientOptions> = {}): HttpClient {
  return new HttpClient({
    baseUrl: url,
    credentials: async () => ({ tokenKind: 'oauth', token: TOKEN }),
    org: () => ({ kind: 'yandex360', id: '7654321' }),
    language: () => 'en',
    userAgent: 'TrackerLinks-VSCode/0.1.0',
    sleep: async () => undefined,
    ...over,
  });
}

async function rejects(p: Promise<unknown>): Promise<TrackerError> {
  try {
    await p;
  } catch (e) {
    assert.ok(isTrackerError(e), `expected a TrackerError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected a rejection');
}

function assertNoToken(e: TrackerError, lines: string[] = []): void {
  const all = [e.message, JSON.stringify(e), String(e.stack), ...lines].join('\n');
  assert.ok(!all.includes(TOKEN), 'the token leaked into an error or log line');
  assert.ok(!all.includes('secret-token'), 'a part of the token leaked');
}

describe('tracker/http HttpClient (ad-hoc servers)', () => {
  let s: Stub | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  it('sends OAuth + X-Org-ID, Accept, Accept-Language and User-Agent; Content-Type only with a body', async () => {
    s = await stub((_req, res) => json(res, 200, { ok: true }));
    const c = client(s.url + '/');
    await c.request('GET', '/myself');
    await c.request('POST', '/issues/_search', { body: { queue: 'TREK' } });
    const [get, post] = s.seen;
    assert.equal(get.url, '/v2/myself');
    assert.equal(get.headers.authorization, `OAuth ${TOKEN}`);
    assert.equal(get.headers['x-org-id'], '7654321');
    assert.equal(get.headers['x-cloud-org-id'], undefined);
    assert.equal(get.headers.accept, 'application/json');
    assert.equal(get.headers['accept-language'], 'en');
    assert.equal(get.headers['user-agent'], 'TrackerLinks-VSCode/0.1.0');
    assert.equal(get.headers['content-type'], undefined);
    assert.equal(post.headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(post.body), { queue: 'TREK' });
    // exactly one organisation header, sent once
    const orgHeaders = get.rawHeaders.filter((h, i) => i % 2 === 0 && /^x-(cloud-)?org-id$/i.test(h));
    assert.deepEqual(orgHeaders, ['X-Org-ID']);
  });

  it('sends Bearer + X-Cloud-Org-ID for an IAM token in a cloud organisation', async () => {
    s = await stub((_req, res) => json(res, 200, {}));
    const c = client(s.url, {
      credentials: async () => ({ tokenKind: 'iam', token: 't1.iam-token' }),
      org: () => ({ kind: 'cloud', id: 'bpf123abc' }),
      language: () => 'ru',
    });
    await c.request('GET', '/myself', { version: 'v3' });
    const [r] = s.seen;
    assert.equal(r.url, '/v3/myself');
    assert.equal(r.headers.authorization, 'Bearer t1.iam-token');
    assert.equal(r.headers['x-cloud-org-id'], 'bpf123abc');
    assert.equal(r.headers['x-org-id'], undefined);
    assert.equal(r.headers['accept-language'], 'ru');
  });

  it('reads the credentials per request, so a sign-in takes effect at once', async () => {
    s = await stub((_req, res) => json(res, 200, {}));
    const store: { token?: string } = {};
    const c = client(s.url, {
      credentials: async () => (store.token ? { tokenKind: 'oauth', token: store.token } : undefined),
    });
    const e = await rejects(c.request('GET', '/myself'));
    assert.equal(e.kind, 'unauthorized');
    assert.equal(e.status, 0);
    assert.equal(e.message, 'unauthorized: GET /v2/myself');
    assert.equal(s.seen.length, 0, 'nothing is sent without a token');
    store.token = 'new-token';
    await c.request('GET', '/myself');
    assert.equal(s.seen[0].headers.authorization, 'OAuth new-token');
  });

  it('refuses a token that is not a legal header value without echoing it', async () => {
    s = await stub((_req, res) => json(res, 200, {}));
    const c = client(s.url, { credentials: async () => ({ tokenKind: 'oauth', token: TOKEN + '\n' }) });
    const e = await rejects(c.request('GET', '/myself'));
    assert.equal(e.kind, 'unauthorized');
    assertNoToken(e);
    assert.equal(s.seen.length, 0);
  });

  it('refuses plain http to a non-loopback host at construction', () => {
    assert.throws(() => client('http://api.tracker.yandex.net'), /must use https/);
    assert.throws(() => client('http://192.168.1.10:8080'), /must use https/);
    assert.doesNotThrow(() => client('https://api.tracker.yandex.net/'));
    assert.doesNotThrow(() => client('http://localhost:8788'));
  });

  it('keeps a path prefix of the base URL', async () => {
    s = await stub((_req, res) => json(res, 200, []));
    await client(s.url + '/tracker/').request('GET', '/linktypes');
    assert.equal(s.seen[0].url, '/tracker/v2/linktypes');
  });

  it('logs one line per request with method, path, status and time — never the token', async () => {
    s = await stub((req, res) => (req.url.startsWith('/v2/issues/TREK-1') ? json(res, 200, {}) : json(res, 404, {})));
    const logger = recordingLogger();
    const c = client(s.url, { logger });
    await c.request('GET', '/issues/TREK-1', { query: { fields: 'summary' } });
    await rejects(c.request('GET', '/issues/NOPE-1'));
    assert.match(logger.lines[0], /^info GET \/v2\/issues\/TREK-1 200 \d+ms$/);
    assert.match(logger.lines[1], /^info GET \/v2\/issues\/NOPE-1 404 \d+ms$/);
    assert.ok(!logger.lines.join('\n').includes(TOKEN));
  });

  it('an error status is the kind of error the user is told about (4xx of error-codes.md: the contract suite)', async () => {
    const cases: [number, string][] = [
      [429, 'rateLimited'],
      [500, 'server'],
      [503, 'server'],
      [302, 'badResponse'],
    ];
    s = await stub((req, res) => json(res, Number(req.url.split('/').pop()), {}));
    const c = client(s.url);
    for (const [status, kind] of cases) {
      const e = await rejects(c.request('GET', `/status/${status}`, { retry: false }));
      assert.deepEqual([e.kind, e.status], [kind, status], `HTTP ${status}`);
    }
  });

  it('reads error bodies tolerantly: Tracker\'s shape, HTML, nothing, odd shapes', async () => {
    const bodies: [string, string[], Record<string, string>][] = [
      ['{"errors":{"issue":"bad"},"errorMessages":["Oops"],"statusCode":422}', ['Oops'], { issue: 'bad' }],
      ['<html><body>502 Bad Gateway</body></html>', [], {}],
      ['', [], {}],
      ['[1,2]', [], {}],
      ['{"errorMessages":"not a list","errors":{"x":["a","b"],"y":7}}', [], { x: 'a; b', y: '7' }],
    ];
    let body = '';
    s = await stub((_req, res) => void res.writeHead(422, { 'Content-Type': 'application/json' }).end(body));
    for (const [text, errorMessages, fieldErrors] of bodies) {
      body = text;
      const e = await rejects(client(s.url).request('GET', '/issues/TREK-1'));
      assert.deepEqual([e.kind, e.errorMessages, e.fieldErrors], ['validation', errorMessages, fieldErrors], text);
    }
  });

  it('204 and empty bodies give undefined; a 2xx that is not JSON is badResponse', async () => {
    s = await stub((req, res) => {
      if (req.method === 'DELETE') return void res.writeHead(204).end();
      if (req.url.includes('empty')) return void res.writeHead(200).end();
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"broken": ');
    });
    const c = client(s.url);
    assert.equal((await c.request('DELETE', '/issues/TREK-1/links/5')).data, undefined);
    assert.equal((await c.request('GET', '/empty')).data, undefined);
    const e = await rejects(c.request('GET', '/broken'));
    assert.equal(e.kind, 'badResponse');
    assert.equal(e.status, 200);
    assert.match(e.message, /^badResponse HTTP 200: GET \/v2\/broken — the body is not valid JSON/);
  });

  it('an HTML 502 page is a server error (no crash), retried for GET then reported', async () => {
    s = await stub((_req, res) => {
      res.writeHead(502, { 'Content-Type': 'text/html' });
      res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
    });
    const e = await rejects(client(s.url, { retry: { maxRetries: 2 } }).request('GET', '/myself'));
    assert.equal(e.kind, 'server');
    assert.equal(e.status, 502);
    assert.match(e.message, /^server HTTP 502: GET \/v2\/myself/);
    assert.deepEqual(e.errorMessages, []);
    assert.equal(e.attempts, 3);
    assert.equal(s.seen.length, 3);
  });

  it('redacts a token echoed by the server in its error body', async () => {
    s = await stub((req, res) =>
      json(res, 403, { errorMessages: [`Token ${req.headers.authorization} has no access`], errors: { [TOKEN]: TOKEN } }),
    );
    const logger = recordingLogger();
    const e = await rejects(client(s.url, { logger }).request('GET', '/myself'));
    assert.equal(e.kind, 'forbidden');
    assert.match(e.message, /Token OAuth \*\*\* has no access/);
    assertNoToken(e, logger.lines);
  });

  it('does not follow redirects (the token must not travel elsewhere)', async () => {
    s = await stub((_req, res) => void res.writeHead(302, { Location: 'http://127.0.0.2:1/steal' }).end());
    const e = await rejects(client(s.url).request('GET', '/myself'));
    assert.equal(e.kind, 'badResponse');
    assert.equal(e.status, 302);
    assert.equal(s.seen.length, 1);
  });

  it('connection refused is a network error with its code', async () => {
    s = await stub(() => undefined);
    const url = s.url;
    await s.close();
    s = undefined;
    const e = await rejects(client(url, { retry: { maxRetries: 1 } }).request('GET', '/myself'));
    assert.equal(e.kind, 'network');
    assert.equal(e.code, 'ECONNREFUSED');
    assert.match(e.message, /^network ECONNREFUSED: GET \/v2\/myself/);
  });

  it('pages by Link rel="next" (same origin only) and by X-Total-Pages', async () => {
    const all = Array.from({ length: 7 }, (_, i) => ({ key: `Q${i + 1}` }));
    s = await stub((req, res) => {
      const u = new URL(req.url, 'http://x');
      const page = Number(u.searchParams.get('page') ?? '1');
      const perPage = Number(u.searchParams.get('perPage') ?? '50');
      const items = all.slice((page - 1) * perPage, page * perPage);
      const pages = Math.ceil(all.length / perPage);
      const headers: Record<string, string> = {};
      if (u.pathname.endsWith('/linked') && page < pages) {
        headers.Link = `<${u.pathname}?page=${page + 1}&perPage=${perPage}&cursor=abc>; rel="next"`;
      } else if (u.pathname.endsWith('/counted')) {
        headers['X-Total-Pages'] = String(pages);
        headers['X-Total-Count'] = String(all.length);
      } else if (u.pathname.endsWith('/elsewhere')) {
        headers.Link = '<https://evil.example/v2/elsewhere?page=2>; rel="next"';
      }
      json(res, 200, items, headers);
    });
    const c = client(s.url);
    const linked = await c.requestPaged<{ key: string }>('GET', '/linked', { perPage: 3 });
    assert.deepEqual(linked.items.map((q) => q.key), all.map((q) => q.key));
    assert.equal(s.seen.length, 3);
    assert.match(s.seen[2].url, /^\/v2\/linked\?page=3&perPage=3&cursor=abc$/);

    s.seen.length = 0;
    const counted = await c.requestPaged<{ key: string }>('GET', '/counted', { perPage: 2, query: { fields: 'key' } });
    assert.equal(counted.items.length, 7);
    assert.equal(counted.totalCount, 7);
    assert.equal(counted.totalPages, 4);
    assert.deepEqual(
      s.seen.map((r) => new URL(r.url, 'http://x').searchParams.get('page')),
      ['1', '2', '3', '4'],
    );
    assert.ok(s.seen.every((r) => r.url.includes('fields=key')));

    s.seen.length = 0;
    const limited = await c.requestPaged<{ key: string }>('GET', '/counted', { perPage: 2, limit: 3 });
    assert.deepEqual(limited.items.map((q) => q.key), ['Q1', 'Q2', 'Q3']);
    assert.equal(s.seen.length, 2, 'stops once the limit is reached');

    s.seen.length = 0;
    const elsewhere = await c.requestPaged<{ key: string }>('GET', '/elsewhere', { perPage: 2 });
    assert.equal(elsewhere.items.length, 2);
    assert.equal(s.seen.length, 1, 'a Link to another host is not followed');
  });

  it('a listing follows Link rel="next" among other relations, quoted or not, absolute or relative; nothing else', async () => {
    let link: (base: string) => string | undefined = () => undefined;
    s = await stub((req, res) => {
      const page = new URL(req.url, 'http://x').searchParams.get('page');
      const next = page === '1' ? link(s?.url ?? '') : undefined;
      json(res, 200, [{ key: `Q${page}` }], next ? { Link: next } : {});
    });
    const tracker = new TrackerClient(client(s.url));
    const listed = async (l: typeof link): Promise<string[]> => {
      link = l;
      return (await tracker.queues()).map((q) => q.key);
    };
    assert.deepEqual(await listed((b) => `<${b}/v2/queues?page=1>; rel="first", <${b}/v2/queues?page=3>; rel="next"`), ['Q1', 'Q3']);
    assert.deepEqual(await listed(() => '</v2/queues?page=2>; rel=next'), ['Q1', 'Q2']);
    assert.deepEqual(await listed((b) => `<${b}/v2/queues?page=1>; rel="prev"`), ['Q1']);
    assert.deepEqual(await listed(() => undefined), ['Q1']);
  });

  it('backs off with full jitter, bounded in count', async () => {
    s = await stub((_req, res) => json(res, 503, { errorMessages: ['busy'] }));
    const delays: number[] = [];
    const c = client(s.url, {
      random: () => 0.5,
      sleep: async (ms) => void delays.push(ms),
      retry: { maxRetries: 4, baseDelayMs: 100, maxDelayMs: 500 },
    });
    const e = await rejects(c.request('GET', '/myself'));
    assert.equal(e.kind, 'server');
    assert.equal(s.seen.length, 5);
    // random * min(maxDelay, base * 2^n)
    assert.deepEqual(delays, [50, 100, 200, 250]);
  });

  it('stops retrying when the total time budget is spent', async () => {
    s = await stub((_req, res) => json(res, 500, {}));
    let clock = 0;
    const c = client(s.url, {
      now: () => clock,
      random: () => 0.99,
      sleep: async (ms) => void (clock += ms),
      retry: { maxRetries: 10, baseDelayMs: 1000, maxDelayMs: 4000, maxTotalMs: 5000 },
    });
    const e = await rejects(c.request('GET', '/myself'));
    assert.equal(e.kind, 'server');
    // waits ~990 + ~1980 (total ~2970); the next ~3960 would exceed 5000
    assert.equal(s.seen.length, 3);
    assert.ok(clock <= 5000);
  });

  it('fails at once with rateLimited + retryAfterMs when Retry-After exceeds the budget', async () => {
    s = await stub((_req, res) => json(res, 429, {}, { 'Retry-After': '120' }));
    const delays: number[] = [];
    const c = client(s.url, { sleep: async (ms) => void delays.push(ms), retry: { maxTotalMs: 10_000 } });
    const e = await rejects(c.request('GET', '/myself'));
    assert.equal(e.kind, 'rateLimited');
    assert.equal(e.retryAfterMs, 120_000);
    assert.match(e.message, /^rateLimited HTTP 429: GET \/v2\/myself/);
    assert.equal(s.seen.length, 1);
    assert.deepEqual(delays, []);
  });

  it('retry: false disables retries; retry: true lets a read-only POST retry a 5xx', async () => {
    s = await stub((_req, res, n) => (n % 2 === 1 ? json(res, 503, {}) : json(res, 200, [])));
    const c = client(s.url);
    assert.equal((await rejects(c.request('GET', '/myself', { retry: false }))).kind, 'server');
    assert.equal(s.seen.length, 1);
    s.seen.length = 0;
    await c.request('POST', '/issues/_search', { body: { queue: 'TREK' }, retry: true });
    assert.equal(s.seen.length, 2);
  });

  it('a DELETE whose retry finds the target gone counts as done', async () => {
    s = await stub((_req, res, n) => (n === 1 ? json(res, 503, {}) : json(res, 404, {})));
    const r = await client(s.url).request('DELETE', '/issues/TREK-1/links/9', { subject: 'Link 9 of TREK-1' });
    assert.equal(r.data, undefined);
    assert.equal(s.seen.length, 2);
  });
});
