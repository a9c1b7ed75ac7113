// TrackerClient over real HTTP against the project's sandbox Tracker.
import * as assert from 'node:assert/strict';
import { startSandbox, SandboxServer } from '../../sandbox/server';
import nodeFetch from 'node-fetch';
import { HttpClient, HttpClientOptions } from '../../../src/tracker/http';
import type { Logger } from '../../../src/tracker/requestLog';
import type { FetchLike } from '../../../src/tracker/transport';
import { sandboxHttp } from '../sandboxClient';
import { TrackerClient, findEntityByIdOnly } from '../../../src/tracker/client';
import { TrackerError, isTrackerError } from '../../../src/tracker/errors';

/** Every error and log line seen in this file: checked for the token at the end. */
const seenErrors: TrackerError[] = [];
const logLines: string[] = [];
const tokens: string[] = [];

const logger: Logger = {
  info: (m) => logLines.push(m),
  warn: (m) => logLines.push(m),
  error: (m) => logLines.push(m),
  debug: (m) => logLines.push(m),
  trace: (m) => logLines.push(m),
};

async function rejects(p: Promise<unknown>): Promise<TrackerError> {
  try {
    await p;
  } catch (e) {
    assert.ok(isTrackerError(e), `expected a TrackerError, got ${String(e)}`);
    seenErrors.push(e);
    return e;
  }
  assert.fail('expected a rejection');
}

/** Real fetch that remembers the AbortSignal of every request it sends. */
function observedFetch(signals: AbortSignal[]): FetchLike {
  return (url, init) => {
    signals.push(init.signal);
    return nodeFetch(url, init as unknown as Parameters<typeof nodeFetch>[1]) as unknown as ReturnType<FetchLike>;
  };
}

const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Tracker date format in UTC. */
const trackerDate = (ms: number): string => new Date(ms).toISOString().replace('Z', '+0000');

describe('tracker/client TrackerClient (sandbox)', function () {
  this.timeout(10_000);
  let sb: SandboxServer;

  function httpFor(over: Partial<HttpClientOptions> = {}): HttpClient {
    return sandboxHttp(sb, { language: () => 'en', userAgent: 'TrackerLinks-VSCode/0.1.0', timeoutMs: 2000, retry: { baseDelayMs: 5, maxDelayMs: 20 }, logger, ...over });
  }
  const clientFor = (over: Partial<HttpClientOptions> = {}): TrackerClient => new TrackerClient(httpFor(over));

  before(async () => {
    sb = await startSandbox({ orgKind: 'yandex360' });
    tokens.push(sb.token);
  });
  after(async () => {
    await sb.close();
  });
  beforeEach(() => {
    sb.reset();
    sb.resetFaults();
  });

  describe('endpoints', () => {
    it('myself', async () => {
      const me = await clientFor().myself();
      assert.equal(me.login, 'sandbox.user');
    });

    it('queues: paged with perPage=100', async () => {
      const queues = await clientFor().queues();
      for (const k of ['TREK', 'WEB', 'MOB', 'OPS', 'LEGAL']) assert.ok(queues.some((q) => q.key === k), k);
      const [r] = sb.requests.filter((x) => x.path.endsWith('/queues'));
      assert.equal(String(r.query.perPage), '100');
    });

    it('paging across pages with the paged helper', async () => {
      const r = await httpFor().requestPaged<{ key: string }>('GET', '/queues', { perPage: 2 });
      assert.deepEqual(r.items.map((q) => q.key).sort(), ['LEGAL', 'MOB', 'OPS', 'TREK', 'WEB']);
      assert.equal(sb.countRequests({ method: 'GET', path: '/queues' }), 3);
    });

    it('linkTypes: Accept-Language changes the labels', async () => {
      const en = await clientFor({ language: () => 'en' }).linkTypes();
      const ru = await clientFor({ language: () => 'ru' }).linkTypes();
      const dep = (l: typeof en) => l.find((t) => t.id === 'depends');
      assert.equal(dep(en)?.outward, 'Depends on');
      assert.equal(dep(ru)?.outward, 'Зависит от');
      const langs = sb.requests.filter((x) => x.path.endsWith('/linktypes')).map((x) => x.headers['accept-language']);
      assert.deepEqual(langs, ['en', 'ru']);
    });

    it('sends the organisation, user agent and no authorization in the recorded headers', async () => {
      await clientFor().myself();
      const [r] = sb.requests;
      assert.equal(r.headers['x-org-id'], sb.orgId);
      assert.equal(r.headers['x-cloud-org-id'], undefined);
      assert.equal(r.headers['user-agent'], 'TrackerLinks-VSCode/0.1.0');
    });

    it('getIssue, and which issues are epics', async () => {
      const c = clientFor();
      const i = await c.getIssue('TREK-12');
      assert.equal(i.key, 'TREK-12');
      assert.equal(i.summary, 'Show linked issues in the sidebar tree');
      assert.equal((await c.getIssue('TREK-1')).type?.key, 'epic');
      assert.notEqual(i.type?.key, 'epic');
    });

    it('searchIssues: keys, query, and queue across pages up to the limit', async () => {
      const c = clientFor();
      const byKeys = await c.searchIssues({ keys: ['TREK-12', 'WEB-7'] });
      assert.deepEqual(byKeys.map((i) => i.key).sort(), ['TREK-12', 'WEB-7']);

      const all = await c.searchIssues({ queue: 'TREK' }, { limit: 100 });
      assert.ok(all.length >= 20 && all.every((i) => i.queue?.key === 'TREK'));

      const before = sb.countRequests({ method: 'POST', path: '/issues/_search' });
      const some = await c.searchIssues({ queue: 'TREK' }, { limit: 12, perPage: 5 });
      assert.equal(some.length, 12);
      assert.equal(new Set(some.map((i) => i.key)).size, 12, 'no page fetched twice');
      assert.equal(sb.countRequests({ method: 'POST', path: '/issues/_search' }) - before, 3);
      const last = sb.requests[sb.requests.length - 1];
      assert.equal(String(last.query.page), '3');
      assert.deepEqual(last.body, { queue: 'TREK' });

      await assert.rejects(
        c.searchIssues({ keys: ['TREK-1'], queue: 'TREK' } as unknown as { queue: string }),
        /exactly one/,
      );
    });

    it('suggestIssues uses v3 _suggest', async () => {
      const found = await clientFor().suggestIssues('sidebar');
      assert.ok(found.some((i) => i.key === 'TREK-12'));
      assert.ok(sb.requests.some((r) => r.path === '/v3/issues/_suggest'));
    });

    it('getIssueLinks, createIssueLink, deleteIssueLink', async () => {
      const c = clientFor();
      const links = await c.getIssueLinks('TREK-12');
      assert.ok(links.length >= 10);
      const dep = links.find((l) => l.object.key === 'TREK-14');
      assert.equal(dep?.type.id, 'depends');
      assert.equal(dep?.direction, 'outward');

      const created = await c.createIssueLink('TREK-15', 'relates', 'TREK-22');
      assert.equal(created.object.key, 'TREK-22');
      assert.ok(sb.linksOf('TREK-15').some((l) => l.id === created.id && l.other === 'TREK-22'));

      await c.deleteIssueLink('TREK-15', created.id);
      assert.ok(!sb.linksOf('TREK-15').some((l) => l.id === created.id));
    });

    it('epic relationships: allowed towards an epic, 422 towards a non-epic', async () => {
      const c = clientFor();
      const ok = await c.createIssueLink('TREK-23', 'has epic', 'TREK-1');
      assert.equal(ok.object.key, 'TREK-1');
      const e = await rejects(c.createIssueLink('TREK-23', 'has epic', 'TREK-22'));
      assert.equal(e.kind, 'validation');
      assert.equal(e.status, 422);
    });

    it('importIssueLink with dates inside the allowed range', async () => {
      const c = clientFor();
      // A link can be dated once both issues exist (import-links.md).
      const createdOf = async (key: string) => Date.parse((await c.getIssue(key)).createdAt!.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
      const created = Math.max(await createdOf('TREK-22'), await createdOf('TREK-23'));
      const link = await c.importIssueLink('TREK-22', {
        relationship: 'clone',
        issue: 'TREK-23',
        createdAt: trackerDate(created + 86_400_000),
        createdBy: 'alice.morgan',
      });
      assert.equal(link.object.key, 'TREK-23');
      assert.ok(sb.linksOf('TREK-22').some((l) => l.id === link.id));
      assert.ok(sb.requests.some((r) => r.method === 'POST' && r.path === '/v2/issues/TREK-22/links/_import'));
    });

    it('getEntity, searchEntities, getEntityLinks', async () => {
      const c = clientFor();
      const p = await c.getEntity('project', '1');
      assert.equal(p.fields?.summary, 'Tracker Links for VS Code');
      const [g] = sb.requests.filter((r) => r.method === 'GET' && r.path.includes('/entities/project/'));
      assert.equal(String(g.query.fields), 'summary,entityStatus,lead');

      const found = await c.searchEntities('project', 'Marketplace', { perPage: 10 });
      assert.ok(found.values.some((e) => e.fields?.summary === 'Marketplace launch'));
      const s = sb.requests.find((r) => r.path === '/v2/entities/project/_search');
      assert.deepEqual(s?.body, { input: 'Marketplace' });
      assert.equal(String(s?.query.perPage), '10');
      assert.equal(String(s?.query.fields), 'summary,entityStatus');

      const links = await c.getEntityLinks('project', '1');
      assert.ok(links.some((l) => l.type === 'depends on' && l.linkFieldValues.summary === 'Issue key detection'));
    });

    // get-links.md: linkFieldValues holds only the fields named in `fields`.
    // The sandbox adds nothing unasked, so a client that does not ask for the
    // id gets none (and Remove would send no `right`).
    it('getEntityLinks asks for the id and the kind of every linked entity, and gets them', async () => {
      const c = clientFor();
      const p1 = await c.getEntity('project', '1');
      const links = await c.getEntityLinks('project', p1.id);
      const g = sb.requests.find((r) => r.method === 'GET' && r.path === `/v2/entities/project/${p1.id}/links`);
      assert.equal(String(g?.query.fields), 'id,entityType,shortId,summary,entityStatus');
      const truth = sb.entityLinksOf('project', p1.id);
      assert.deepEqual(links.map((l) => l.linkFieldValues.id).sort(), truth.map((l) => l.entity).sort());
      const goal = await c.getEntity('goal', '8');
      const toGoal = links.find((l) => l.linkFieldValues.id === goal.id);
      assert.deepEqual(toGoal?.linkFieldValues, {
        id: goal.id,
        entityType: 'goal',
        shortId: 8,
        summary: 'Ship Tracker Links 1.0 by Q1 2027',
        entityStatus: 'according_to_plan',
      });
    });

    it('getEntityLinks: a listing without ids is a clear bad answer, not links nobody can remove', async () => {
      // A server that leaves `id` out, whatever was asked (here: the request loses it on the way).
      const withoutId: FetchLike = (url, init) =>
        nodeFetch(url.replace(/fields=id%2C|fields=id,/, 'fields='), init as unknown as Parameters<typeof nodeFetch>[1]) as unknown as ReturnType<FetchLike>;
      const e = await rejects(clientFor({ fetch: withoutId }).getEntityLinks('project', '1'));
      assert.equal(e.kind, 'badResponse');
      assert.match(String(e.detail), /linkFieldValues.*"id"/);
    });

    it('findEntityByIdOnly: a linked entity of unknown kind is found under its own type', async () => {
      const c = clientFor();
      const goal = await c.getEntity('goal', '9');
      const before = sb.requests.length;
      const found = await findEntityByIdOnly(c, goal.id, 'project');
      assert.equal(found.entityType, 'goal');
      assert.equal(found.id, goal.id);
      assert.deepEqual(
        sb.requests.slice(before).map((r) => [r.path, r.status]),
        [
          [`/v2/entities/project/${goal.id}`, 404],
          [`/v2/entities/portfolio/${goal.id}`, 404],
          [`/v2/entities/goal/${goal.id}`, 200],
        ],
      );
      const missing = await rejects(findEntityByIdOnly(c, 'ffffffffffffffffffffffff', 'goal'));
      assert.equal(missing.kind, 'notFound');
    });

    it('createEntityLinks: one request, an array body for several links, an object for one', async () => {
      const c = clientFor();
      const five = await c.getEntity('project', '5');
      const goal = await c.getEntity('goal', '11');
      const portfolio = await c.getEntity('portfolio', '6');
      const before = sb.countRequests({ method: 'POST', path: '/links' });
      await c.createEntityLinks('project', '2', [
        { relationship: 'relates', entity: five.id },
        { relationship: 'depends on', entity: goal.id },
      ]);
      assert.equal(sb.countRequests({ method: 'POST', path: '/links' }) - before, 1);
      const post = sb.requests[sb.requests.length - 1];
      assert.ok(Array.isArray(post.body) && post.body.length === 2);

      await c.createEntityLinks('project', '2', [{ relationship: 'relates', entity: portfolio.id }]);
      const single = sb.requests[sb.requests.length - 1];
      assert.deepEqual(single.body, { relationship: 'relates', entity: portfolio.id });

      const two = await c.getEntity('project', '2');
      const rights = sb.entityLinksOf('project', two.id).map((l) => JSON.stringify(l));
      for (const id of [five.id, goal.id, portfolio.id]) assert.ok(rights.some((l) => l.includes(id)), id);

      await c.deleteEntityLink('project', '2', five.id);
      const del = sb.requests[sb.requests.length - 1];
      assert.equal(del.method, 'DELETE');
      assert.equal(String(del.query.right), five.id);
      assert.ok(!sb.entityLinksOf('project', two.id).some((l) => JSON.stringify(l).includes(five.id)));
    });

    it('encodes path segments', async () => {
      const e = await rejects(clientFor().getIssue('TREK-1/../../myself'));
      assert.equal(e.kind, 'notFound');
      assert.ok(sb.requests.some((r) => r.path.includes('TREK-1%2F..%2F..%2Fmyself')));
    });
  });

  describe('errors', () => {
    it('401 on a bad token', async () => {
      tokens.push('wrong-token-123');
      const e = await rejects(
        clientFor({ credentials: async () => ({ tokenKind: 'oauth', token: 'wrong-token-123' }) }).myself(),
      );
      assert.equal(e.kind, 'unauthorized');
      assert.equal(e.status, 401);
      assert.match(e.message, /^unauthorized HTTP 401: GET \/v2\/myself \(The current user\)/);
    });

    it('403 on a wrong organisation id names the org header', async () => {
      const e = await rejects(clientFor({ org: () => ({ kind: 'yandex360', id: '999' }) }).myself());
      assert.equal(e.kind, 'forbidden');
      assert.equal(e.status, 403);
      assert.match(e.message, /^forbidden HTTP 403: GET \/v2\/myself/);
    });

    it('403 on the read-only queue LEGAL', async () => {
      const e = await rejects(clientFor().createIssueLink('LEGAL-1', 'relates', 'TREK-12'));
      assert.equal(e.kind, 'forbidden');
      assert.equal(e.method, 'POST');
      assert.equal(e.path, '/v2/issues/LEGAL-1/links');
    });

    it('404 names the issue, the link, the entity', async () => {
      const c = clientFor();
      const a = await rejects(c.getIssue('TREK-999'));
      assert.equal(a.kind, 'notFound');
      assert.equal(a.status, 404);
      assert.equal(a.subject, 'Issue TREK-999');
      assert.match(a.message, /^notFound HTTP 404: GET \/v2\/issues\/TREK-999 \(Issue TREK-999\)/);
      assert.equal(a.path, '/v2/issues/TREK-999');
      assert.match((await rejects(c.getIssueLinks('NOPE-1'))).message, /^notFound HTTP 404: GET \/v2\/issues\/NOPE-1\/links \(Issue NOPE-1\)/);
      assert.match((await rejects(c.deleteIssueLink('TREK-12', 123))).message, /^notFound HTTP 404: DELETE \/v2\/issues\/TREK-12\/links\/123 \(Link 123 of TREK-12\)/);
      assert.match((await rejects(c.getEntity('project', '999'))).message, /^notFound HTTP 404: GET \/v2\/entities\/project\/999.* \(Project 999\)/);
      // The same as data, so the UI can say it in the user's language.
      assert.deepEqual(a.about, { kind: 'issue', key: 'TREK-999' });
      assert.deepEqual((await rejects(c.deleteIssueLink('TREK-12', 123))).about, { kind: 'issueLink', key: 'TREK-12', linkId: '123' });
      assert.deepEqual((await rejects(c.getEntity('goal', '999'))).about, { kind: 'entity', type: 'goal', id: '999' });
      assert.deepEqual((await rejects(c.createIssueLink('TREK-12', 'relates', 'TREK-999'))).about, { kind: 'issue', key: 'TREK-12', other: 'TREK-999' });
    });

    it('422 names the field: unknown relationship', async () => {
      const e = await rejects(clientFor().createIssueLink('TREK-15', 'blocks' as 'relates', 'TREK-22'));
      assert.equal(e.kind, 'validation');
      assert.ok('relationship' in e.fieldErrors, JSON.stringify(e.fieldErrors));
      assert.match(e.message, /^validation HTTP 422: POST .* Tracker says: .*"relationship": /);
    });

    it('422 names the field: import createdAt outside the range, updatedAt without updatedBy', async () => {
      const c = clientFor();
      const early = await rejects(
        c.importIssueLink('TREK-22', {
          relationship: 'relates',
          issue: 'TREK-23',
          createdAt: '2001-01-01T00:00:00.000+0000',
          createdBy: 'alice.morgan',
        }),
      );
      assert.equal(early.kind, 'validation');
      assert.match(early.message, /^validation HTTP 422: POST .* Tracker says: .*"createdAt": /);

      // A link can be dated once both issues exist (import-links.md).
      const createdOf = async (key: string) => Date.parse((await c.getIssue(key)).createdAt!.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
      const created = Math.max(await createdOf('TREK-22'), await createdOf('TREK-23'));
      const half = await rejects(
        c.importIssueLink('TREK-22', {
          relationship: 'relates',
          issue: 'TREK-23',
          createdAt: trackerDate(created + 3_600_000),
          createdBy: 'alice.morgan',
          updatedAt: trackerDate(created + 7_200_000),
        }),
      );
      assert.equal(half.kind, 'validation');
      assert.match(half.message, /^validation HTTP 422: POST .* Tracker says: .*"updated(At|By)"/);
    });

    it('429 after the retries are used up', async () => {
      sb.setFaults({ rateLimit: { count: 10, retryAfter: '0' } });
      const e = await rejects(clientFor({ retry: { maxRetries: 2 } }).myself());
      assert.equal(e.kind, 'rateLimited');
      assert.equal(e.status, 429);
      assert.match(e.message, /^rateLimited HTTP 429: GET \/v2\/myself/);
      assert.equal(sb.countRequests({ path: '/myself' }), 3, 'bounded: 1 + 2 retries');
    });

    it('5xx after the retries are used up', async () => {
      sb.setFaults({ serverError: { count: 10, status: 503 } });
      const e = await rejects(clientFor({ retry: { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 5 } }).getIssue('TREK-12'));
      assert.equal(e.kind, 'server');
      assert.equal(e.status, 503);
      assert.match(e.message, /^server HTTP 503: GET \/v2\/issues\/TREK-12 .* 4 attempts/);
      assert.equal(e.attempts, 4);
      assert.equal(sb.countRequests({ path: '/issues/TREK-12' }), 4);
    });

    it('a 502 (whatever its body) is a server error', async () => {
      sb.setFaults({ serverError: { count: 10, status: 502 } });
      const e = await rejects(clientFor({ retry: { maxRetries: 0 } }).linkTypes());
      assert.equal(e.kind, 'server');
      assert.equal(e.status, 502);
    });

    it('malformed JSON on a 200 is badResponse', async () => {
      sb.setFaults({ malformedJson: { count: 1 } });
      const e = await rejects(clientFor().getIssue('TREK-12'));
      assert.equal(e.kind, 'badResponse');
      assert.equal(e.status, 200);
      assert.match(e.message, /^badResponse HTTP 200: .* the body is not valid JSON/);
    });

    it('a dropped connection: GET retries and succeeds; persistent drops are a network error', async () => {
      sb.setFaults({ drop: { count: 1 } });
      assert.equal((await clientFor().getIssue('TREK-12')).key, 'TREK-12');
      assert.equal(sb.countRequests({ path: '/issues/TREK-12' }), 2);

      sb.reset();
      sb.setFaults({ drop: { count: 10 } });
      const e = await rejects(clientFor({ retry: { maxRetries: 1 } }).getIssue('TREK-12'));
      assert.equal(e.kind, 'network');
      assert.equal(e.status, 0);
    });

    it('a stalled response times out per attempt; GET retries', async () => {
      sb.setFaults({ stall: { count: 1 } });
      const started = Date.now();
      assert.equal((await clientFor({ timeoutMs: 200 }).getIssue('TREK-12')).key, 'TREK-12');
      assert.ok(Date.now() - started < 2000);

      sb.setFaults({ stall: { count: 10 } });
      const e = await rejects(clientFor({ timeoutMs: 150, retry: { maxRetries: 1 } }).getIssue('TREK-12'));
      assert.equal(e.kind, 'timeout');
      assert.match(e.message, /^timeout: .* no answer within 150 ms/);
    });
  });

  describe('retries', () => {
    it('honours Retry-After in seconds', async () => {
      sb.setFaults({ rateLimit: { count: 2, retryAfter: '2' } });
      const delays: number[] = [];
      const c = clientFor({ sleep: async (ms) => void delays.push(ms) });
      assert.equal((await c.myself()).login, 'sandbox.user');
      assert.deepEqual(delays, [2000, 2000]);
      assert.equal(sb.countRequests({ path: '/myself' }), 3);
    });

    it('honours Retry-After as an HTTP date', async () => {
      sb.setFaults({ rateLimit: { count: 1, retryAfter: new Date(Date.now() + 4000).toUTCString() } });
      const delays: number[] = [];
      const c = clientFor({ sleep: async (ms) => void delays.push(ms) });
      await c.myself();
      assert.equal(delays.length, 1);
      // HTTP dates have one-second resolution
      assert.ok(delays[0] > 2000 && delays[0] <= 4000, String(delays[0]));
    });

    it('waits for real (small Retry-After)', async () => {
      sb.setFaults({ rateLimit: { count: 1, retryAfter: '0' } });
      assert.equal((await clientFor().myself()).login, 'sandbox.user');
      assert.equal(sb.countRequests({ path: '/myself' }), 2);
    });

    it('a Retry-After beyond the time budget fails at once with retryAfterMs', async () => {
      sb.setFaults({ rateLimit: { count: 1, retryAfter: '60' } });
      const e = await rejects(clientFor({ retry: { maxTotalMs: 5000 } }).myself());
      assert.equal(e.kind, 'rateLimited');
      assert.equal(e.retryAfterMs, 60_000);
      assert.equal(sb.countRequests({ path: '/myself' }), 1);
    });
  });

  describe('no duplicate POST', () => {
    const post = { method: 'POST', path: '/v2/issues/TREK-15/links' };

    it('a 503 on create is not retried', async () => {
      sb.setFaults({ serverError: { count: 1, status: 503 }, match: post });
      const e = await rejects(clientFor().createIssueLink('TREK-15', 'relates', 'TREK-22'));
      assert.equal(e.kind, 'server');
      assert.equal(sb.countRequests(post), 1);
    });

    it('a dropped connection on create is not retried', async () => {
      sb.setFaults({ drop: { count: 1 }, match: post });
      const e = await rejects(clientFor().createIssueLink('TREK-15', 'relates', 'TREK-22'));
      assert.equal(e.kind, 'network');
      assert.equal(sb.countRequests(post), 1);
    });

    it('a stalled create times out and is not retried', async () => {
      sb.setFaults({ stall: { count: 1 }, match: post });
      const e = await rejects(clientFor({ timeoutMs: 200 }).createIssueLink('TREK-15', 'relates', 'TREK-22'));
      assert.equal(e.kind, 'timeout');
      await delay(50);
      assert.equal(sb.countRequests(post), 1);
    });

    it('a 429 on create is retried and the link is created exactly once', async () => {
      const before = sb.linksOf('TREK-15').length;
      sb.setFaults({ rateLimit: { count: 1, retryAfter: '0' }, match: post });
      const link = await clientFor().createIssueLink('TREK-15', 'relates', 'TREK-22');
      assert.equal(sb.countRequests(post), 2);
      const after = sb.linksOf('TREK-15');
      assert.equal(after.length, before + 1);
      assert.equal(after.filter((l) => l.other === 'TREK-22').length, 1);
      assert.ok(after.some((l) => l.id === link.id));
    });

    it('a read-only search POST does retry a 503', async () => {
      sb.setFaults({ serverError: { count: 1, status: 503 }, match: { method: 'POST', path: '/issues/_search' } });
      const found = await clientFor().searchIssues({ keys: ['TREK-12'] });
      assert.equal(found[0].key, 'TREK-12');
      assert.equal(sb.countRequests({ method: 'POST', path: '/issues/_search' }), 2);
    });
  });

  describe('cancellation', () => {
    it('an already aborted signal sends nothing', async () => {
      const e = await rejects(clientFor().myself({ signal: AbortSignal.abort() }));
      assert.equal(e.kind, 'cancelled');
      assert.equal(sb.requests.length, 0);
    });

    it('aborting a slow request rejects at once with kind "cancelled"', async () => {
      sb.setFaults({ latencyMs: 2000 });
      const ac = new AbortController();
      const started = Date.now();
      const p = clientFor().getIssue('TREK-12', { signal: ac.signal });
      setTimeout(() => ac.abort(), 50);
      const e = await rejects(p);
      assert.equal(e.kind, 'cancelled');
      assert.equal(e.message, 'cancelled: GET /v2/issues/TREK-12 (Issue TREK-12)');
      assert.ok(Date.now() - started < 1000);
    });

    it('aborting during the backoff sleep stops the retries', async () => {
      sb.setFaults({ rateLimit: { count: 5, retryAfter: '5' } });
      const ac = new AbortController();
      const started = Date.now();
      const p = clientFor().myself({ signal: ac.signal });
      setTimeout(() => ac.abort(), 150);
      const e = await rejects(p);
      assert.equal(e.kind, 'cancelled');
      assert.ok(Date.now() - started < 1000);
      await delay(50);
      assert.equal(sb.countRequests({ path: '/myself' }), 1);
    });

    it('aborting during an injected sleep that ignores the signal still cancels', async () => {
      sb.setFaults({ serverError: { count: 5, status: 503 } });
      const ac = new AbortController();
      const c = clientFor({ sleep: () => new Promise<void>(() => undefined) });
      const p = c.getIssue('TREK-12', { signal: ac.signal });
      setTimeout(() => ac.abort(), 100);
      assert.equal((await rejects(p)).kind, 'cancelled');
    });
  });

  describe('in-flight GET sharing', () => {
    it('N identical concurrent GETs make one request; each caller gets its own copy', async () => {
      sb.setFaults({ latencyMs: 100 });
      const c = clientFor();
      const results = await Promise.all(Array.from({ length: 5 }, () => c.getIssue('TREK-12')));
      assert.equal(sb.countRequests({ path: '/issues/TREK-12' }), 1);
      assert.ok(results.every((r) => r.key === 'TREK-12'));
      results[0].summary = 'changed by one caller';
      assert.equal(results[1].summary, 'Show linked issues in the sidebar tree');
      // different language: not shared
      await Promise.all([c.getIssue('TREK-12'), clientFor({ language: () => 'ru' }).getIssue('TREK-12')]);
      assert.equal(sb.countRequests({ path: '/issues/TREK-12' }), 3);
    });

    it('one caller aborting does not break the others', async () => {
      sb.setFaults({ latencyMs: 200 });
      const signals: AbortSignal[] = [];
      const c = clientFor({ fetch: observedFetch(signals) });
      const ac = new AbortController();
      const a = c.getIssue('TREK-12', { signal: ac.signal });
      const b = c.getIssue('TREK-12');
      const d = c.getIssue('TREK-12', { signal: new AbortController().signal });
      setTimeout(() => ac.abort(), 30);
      assert.equal((await rejects(a)).kind, 'cancelled');
      assert.equal((await b).key, 'TREK-12');
      assert.equal((await d).key, 'TREK-12');
      assert.equal(sb.countRequests({ path: '/issues/TREK-12' }), 1);
      assert.equal(signals.length, 1);
      assert.equal(signals[0].aborted, false);
    });

    it('the shared request is aborted only when every caller has aborted', async () => {
      sb.setFaults({ latencyMs: 300 });
      const signals: AbortSignal[] = [];
      const c = clientFor({ fetch: observedFetch(signals) });
      const ac1 = new AbortController();
      const ac2 = new AbortController();
      const p1 = c.getIssue('TREK-12', { signal: ac1.signal });
      const p2 = c.getIssue('TREK-12', { signal: ac2.signal });
      setTimeout(() => ac1.abort(), 20);
      setTimeout(() => {
        assert.equal(signals[0].aborted, false, 'still wanted by the second caller');
        ac2.abort();
      }, 40);
      assert.equal((await rejects(p1)).kind, 'cancelled');
      assert.equal((await rejects(p2)).kind, 'cancelled');
      assert.equal(signals[0].aborted, true, 'the underlying request is aborted');
      // a new caller does not join the aborted request: it starts a fresh one
      sb.resetFaults();
      assert.equal((await c.getIssue('TREK-12')).key, 'TREK-12');
      assert.equal(sb.countRequests({ path: '/issues/TREK-12' }), 2);
    });
  });

  describe('cloud organisation', () => {
    let cloud: SandboxServer;
    before(async () => {
      cloud = await startSandbox({ orgKind: 'cloud' });
      tokens.push(cloud.token);
      tokens.push(cloud.iamToken);
    });
    after(async () => {
      await cloud.close();
    });

    it('IAM token with Bearer and X-Cloud-Org-ID works; X-Org-ID is refused', async () => {
      const mk = (org: 'cloud' | 'yandex360', tokenKind: 'iam' | 'oauth') =>
        new TrackerClient(
          new HttpClient({
            baseUrl: cloud.url,
            credentials: async () => ({ tokenKind, token: tokenKind === 'iam' ? cloud.iamToken : cloud.token }),
            org: () => ({ kind: org, id: cloud.orgId }),
            userAgent: 'TrackerLinks-VSCode/0.1.0',
            logger,
          }),
        );
      assert.equal((await mk('cloud', 'iam').myself()).login, 'sandbox.user');
      assert.equal((await mk('cloud', 'oauth').myself()).login, 'sandbox.user');
      for (const r of cloud.requests) {
        assert.equal(r.headers['x-cloud-org-id'], cloud.orgId);
        assert.equal(r.headers['x-org-id'], undefined);
      }
      const e = await rejects(mk('yandex360', 'oauth').myself());
      assert.equal(e.kind, 'forbidden');
      assert.match(e.message, /^forbidden HTTP 403: GET \/v2\/myself/);
      // an IAM token is only valid in a cloud organisation
      assert.equal((await rejects(mk('yandex360', 'iam').myself())).kind, 'unauthorized');
    });
  });

  describe('secrets', () => {
    it('no token in any error message, error JSON or log line of this file', () => {
      assert.ok(seenErrors.length >= 25, `only ${seenErrors.length} errors collected`);
      assert.ok(logLines.length > 0);
      const kinds = new Set(seenErrors.map((e) => e.kind));
      for (const k of ['unauthorized', 'forbidden', 'notFound', 'validation', 'rateLimited', 'server', 'network', 'timeout', 'cancelled', 'badResponse']) {
        assert.ok(kinds.has(k as TrackerError['kind']), `no ${k} error was seen`);
      }
      const text = [...seenErrors.map((e) => `${e.message}\n${JSON.stringify(e)}\n${e.stack}`), ...logLines].join('\n');
      for (const t of tokens) assert.ok(!text.includes(t), 'a token leaked');
    });
  });
});
