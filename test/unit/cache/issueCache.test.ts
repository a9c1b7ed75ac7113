import { strict as assert } from 'node:assert';
import { startSandbox, type SandboxServer } from '../../sandbox/server';
import { HttpClient } from '../../../src/tracker/http';
import { TrackerClient } from '../../../src/tracker/client';
import { IssueCache } from '../../../src/tracker/cache';
import { isTrackerError } from '../../../src/tracker/errors';

describe('IssueCache over the sandbox', () => {
  let sb: SandboxServer;
  let now = 0;
  let cache: IssueCache;

  before(async () => {
    sb = await startSandbox();
  });
  after(() => sb.close());
  beforeEach(() => {
    sb.reset();
    now = 1_000;
    const http = new HttpClient({
      baseUrl: sb.url,
      credentials: async () => ({ tokenKind: 'oauth', token: sb.token }),
      org: () => ({ kind: 'yandex360', id: sb.orgId }),
      userAgent: 'TrackerLinks-Test/0',
      retry: { maxRetries: 0 },
    });
    const client = new TrackerClient(http);
    cache = new IssueCache(() => client, { ttlMs: 60_000, notFoundTtlMs: 10_000, now: () => now });
  });

  it('answers a repeated lookup from memory within the TTL, and asks again after it', async () => {
    const a = await cache.getIssue('TREK-12');
    const b = await cache.getIssue('trek-12');
    assert.equal(a.key, 'TREK-12');
    assert.equal(b, a);
    assert.equal(sb.countRequests({ method: 'GET', path: '/issues/TREK-12' }), 1);
    now += 61_000;
    await cache.getIssue('TREK-12');
    assert.equal(sb.countRequests({ method: 'GET', path: '/issues/TREK-12' }), 2);
  });

  it('turns 20 concurrent misses for one key into one request', async () => {
    sb.setFaults({ latencyMs: 50 });
    const all = await Promise.all(Array.from({ length: 20 }, () => cache.getLinks('TREK-12')));
    assert.ok(all.every((l) => l.length === all[0].length && l.length > 0));
    assert.equal(sb.countRequests({ method: 'GET', path: '/issues/TREK-12/links' }), 1);
  });

  it('remembers "not found" briefly so a wrong key is not asked for on every hover', async () => {
    const miss = () => cache.getIssue('TREK-99999').then(() => assert.fail('expected 404'), (e) => e);
    const e1 = await miss();
    assert.ok(isTrackerError(e1) && e1.kind === 'notFound');
    await miss();
    assert.equal(sb.countRequests({ method: 'GET', path: '/issues/TREK-99999' }), 1);
    now += 11_000;
    await miss();
    assert.equal(sb.countRequests({ method: 'GET', path: '/issues/TREK-99999' }), 2);
  });

  it('forgets a key when its links change, and honours maxAgeMs 0 for a manual refresh', async () => {
    await cache.getLinks('TREK-12');
    cache.invalidate('TREK-12');
    await cache.getLinks('TREK-12');
    await cache.getLinks('TREK-12', { maxAgeMs: 0 });
    assert.equal(sb.countRequests({ method: 'GET', path: '/issues/TREK-12/links' }), 3);
  });
});
