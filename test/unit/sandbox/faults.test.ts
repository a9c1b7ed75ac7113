import * as assert from 'node:assert/strict';
import { startSandbox, type RecordedRequest } from '../../sandbox/server';
import { call, errorOf, goodHeaders, useSandbox } from './helpers';

describe('sandbox: fault switches', () => {
  const sb = useSandbox();

  it('adds latency to API responses', async () => {
    sb().setFaults({ latencyMs: 150 });
    const t0 = Date.now();
    assert.equal((await call(sb(), 'GET', '/v2/myself')).status, 200);
    assert.ok(Date.now() - t0 >= 140, `took ${Date.now() - t0}ms`);
  });

  it('answers 429 N times with Retry-After in seconds, then normally', async () => {
    sb().setFaults({ rateLimit: { count: 2, retryAfter: '2' } });
    for (let n = 0; n < 2; n++) {
      const r = await call(sb(), 'GET', '/v2/myself');
      assert.equal(r.status, 429);
      assert.equal(r.headers.get('retry-after'), '2');
      assert.equal(errorOf(r).statusCode, 429);
      assert.ok(errorOf(r).errorMessages.length);
    }
    assert.equal((await call(sb(), 'GET', '/v2/myself')).status, 200);
    assert.deepEqual(sb().requests.map((r) => r.status), [429, 429, 200]);
  });

  it('passes an HTTP-date Retry-After through, and omits it when not set', async () => {
    const date = new Date(Date.now() + 3000).toUTCString();
    sb().setFaults({ rateLimit: { count: 1, retryAfter: date } });
    assert.equal((await call(sb(), 'GET', '/v2/myself')).headers.get('retry-after'), date);
    sb().setFaults({ rateLimit: { count: 1 } });
    const r = await call(sb(), 'GET', '/v2/myself');
    assert.equal(r.status, 429);
    assert.equal(r.headers.get('retry-after'), null);
  });

  it('answers 500 and 503 with JSON, 502 with an HTML page', async () => {
    sb().setFaults({ serverError: { count: 1 } });
    const r500 = await call(sb(), 'GET', '/v2/myself');
    assert.equal(r500.status, 500);
    assert.equal(errorOf(r500).statusCode, 500);
    sb().setFaults({ serverError: { count: 1, status: 503 } });
    const r503 = await call(sb(), 'GET', '/v2/myself');
    assert.equal(r503.status, 503);
    assert.match(r503.headers.get('content-type') ?? '', /application\/json/);
    assert.equal(errorOf(r503).statusCode, 503);
    sb().setFaults({ serverError: { count: 1, status: 502 } });
    const r502 = await call(sb(), 'GET', '/v2/myself');
    assert.equal(r502.status, 502);
    assert.match(r502.headers.get('content-type') ?? '', /text\/html/);
    assert.equal(r502.text, '<html>Bad Gateway</html>');
    assert.equal((await call(sb(), 'GET', '/v2/myself')).status, 200);
  });

  it('answers 200 with broken JSON', async () => {
    sb().setFaults({ malformedJson: { count: 1 } });
    const r = await call(sb(), 'GET', '/v2/issues/TREK-12');
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type') ?? '', /application\/json/);
    assert.ok(r.text.length > 0);
    assert.throws(() => JSON.parse(r.text));
  });

  it('drops the connection without a response', async () => {
    sb().setFaults({ drop: { count: 1 } });
    await assert.rejects(fetch(`${sb().url}/v2/myself`, { headers: goodHeaders(sb()) }));
    assert.equal(sb().requests[0]?.status, 0);
    assert.equal((await call(sb(), 'GET', '/v2/myself')).status, 200);
  });

  it('stalls until the client gives up', async () => {
    sb().setFaults({ stall: { count: 1 } });
    const t0 = Date.now();
    await assert.rejects(fetch(`${sb().url}/v2/myself`, { headers: goodHeaders(sb()), signal: AbortSignal.timeout(200) }));
    assert.ok(Date.now() - t0 >= 190);
    assert.equal(sb().requests[0]?.status, 0);
    assert.equal((await call(sb(), 'GET', '/v2/myself')).status, 200);
  });

  it('applies faults only to matching requests when match is set', async () => {
    sb().setFaults({ serverError: { count: 1, status: 503 }, match: { method: 'post', path: '/links' } });
    assert.equal((await call(sb(), 'GET', '/v2/issues/TREK-12/links')).status, 200);
    assert.equal((await call(sb(), 'POST', '/v2/issues/_search', { body: { queue: 'OPS' } })).status, 200);
    const r = await call(sb(), 'POST', '/v2/issues/TREK-23/links', { body: { relationship: 'relates', issue: 'OPS-4' } });
    assert.equal(r.status, 503);
    assert.equal(sb().linksOf('TREK-23').length, 0, 'a faulted request changes nothing');
    assert.equal((await call(sb(), 'POST', '/v2/issues/TREK-23/links', { body: { relationship: 'relates', issue: 'OPS-4' } })).status, 201);
  });

  it('applies faults before auth, replaces them on setFaults and clears them on resetFaults', async () => {
    sb().setFaults({ rateLimit: { count: 5 } });
    assert.equal((await call(sb(), 'GET', '/v2/myself', { bare: true })).status, 429);
    sb().setFaults({ serverError: { count: 1 } });
    assert.equal((await call(sb(), 'GET', '/v2/myself')).status, 500);
    sb().setFaults({ rateLimit: { count: 5 } });
    sb().resetFaults();
    assert.equal((await call(sb(), 'GET', '/v2/myself')).status, 200);
  });

  it('ends stalled requests and closes quickly on close()', async () => {
    const s = await startSandbox();
    s.setFaults({ stall: { count: 3 } });
    const pending = [1, 2, 3].map(() => fetch(`${s.url}/v2/myself`, { headers: goodHeaders(s) }).then(() => 'answered', () => 'failed'));
    while (s.requests.length < 3) await new Promise((r) => setTimeout(r, 10));
    const t0 = Date.now();
    await s.close();
    assert.ok(Date.now() - t0 < 1000);
    assert.deepEqual(await Promise.all(pending), ['failed', 'failed', 'failed']);
  });

  it('closes quickly with a latency wait in flight and keep-alive sockets', async () => {
    const s = await startSandbox();
    await call(s, 'GET', '/v2/myself');
    s.setFaults({ latencyMs: 60_000 });
    const pending = fetch(`${s.url}/v2/myself`, { headers: goodHeaders(s) }).then(() => 'answered', () => 'failed');
    while (s.requests.length < 2) await new Promise((r) => setTimeout(r, 10));
    const t0 = Date.now();
    await s.close();
    assert.ok(Date.now() - t0 < 1000);
    assert.equal(await pending, 'failed');
  });
});

describe('sandbox: recording and control endpoints', () => {
  const sb = useSandbox();
  const control = async (method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> => {
    const res = await fetch(`${sb().url}${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, json: await res.json() };
  };

  it('records API requests without the token', async () => {
    await call(sb(), 'POST', '/v2/issues/_search?perPage=5', { body: { queue: 'OPS' }, headers: { 'Accept-Language': 'ru' } });
    await call(sb(), 'GET', '/v2/issues/NOPE-1');
    assert.equal(sb().requests.length, 2);
    const [search, missing] = sb().requests as [RecordedRequest, RecordedRequest];
    assert.equal(search.method, 'POST');
    assert.equal(search.path, '/v2/issues/_search');
    assert.deepEqual(search.query, { perPage: '5' });
    assert.deepEqual(search.body, { queue: 'OPS' });
    assert.equal(search.status, 200);
    assert.equal(search.headers['accept-language'], 'ru');
    assert.equal(search.headers['x-org-id'], sb().orgId);
    assert.equal('authorization' in search.headers, false);
    assert.equal(JSON.stringify(sb().requests).includes(sb().token), false);
    assert.ok(search.at <= Date.now());
    assert.equal(missing.status, 404);
    assert.equal(missing.body, undefined);
  });

  it('counts requests by method and path substring', async () => {
    await call(sb(), 'GET', '/v2/issues/TREK-12/links');
    await call(sb(), 'GET', '/v2/issues/TREK-12');
    await call(sb(), 'POST', '/v2/issues/TREK-23/links', { body: { relationship: 'relates', issue: 'OPS-4' } });
    assert.equal(sb().countRequests(), 3);
    assert.equal(sb().countRequests({ path: '/links' }), 2);
    assert.equal(sb().countRequests({ method: 'get', path: '/links' }), 1);
    assert.equal(sb().countRequests({ method: 'DELETE' }), 0);
  });

  it('serves health, requests, faults and reset over HTTP without auth, unrecorded', async () => {
    const health = await control('GET', '/_sandbox/health');
    assert.equal(health.status, 200);
    assert.deepEqual(health.json, { ok: true, url: sb().url, orgKind: 'yandex360', orgId: '7000001' });

    await call(sb(), 'GET', '/v2/myself');
    const recorded = await control('GET', '/_sandbox/requests');
    assert.deepEqual((recorded.json as RecordedRequest[]).map((r) => [r.path, r.status]), [['/v2/myself', 200]]);

    const faults = await control('POST', '/_sandbox/faults', { serverError: { count: 1, status: 503 } });
    assert.equal(faults.status, 200);
    assert.equal((await control('GET', '/_sandbox/health')).status, 200, 'faults never hit control endpoints');
    assert.equal((await call(sb(), 'GET', '/v2/myself')).status, 503);

    await call(sb(), 'POST', '/v2/issues/TREK-23/links', { body: { relationship: 'relates', issue: 'OPS-4' } });
    assert.equal(sb().linksOf('TREK-23').length, 1);
    assert.equal((await control('POST', '/_sandbox/reset')).status, 200);
    assert.equal(sb().linksOf('TREK-23').length, 0);
    assert.equal(sb().requests.length, 0);

    assert.equal((await control('POST', '/_sandbox/faults', [1])).status, 400);
    assert.equal((await control('GET', '/_sandbox/nothing')).status, 404);
    assert.equal(sb().requests.length, 0);
  });
});
