// What the hover loads, through the real LinkStore and client over HTTP
// against the sandbox: one request for many hovers, cancellation, 404s.
import * as assert from 'node:assert/strict';
import nodeFetch from 'node-fetch';
import { startSandbox, type SandboxServer } from '../../sandbox/server';
import { sandboxClient } from '../sandboxClient';
import type { FetchLike } from '../../../src/tracker/transport';
import { LinkStore } from '../../../src/links/store';
import { TrackerError } from '../../../src/tracker/errors';
import { loadIssueCard, type IssueSource } from '../../../src/editor/load';

describe('hover/load loadIssueCard', function () {
  this.timeout(10_000);
  let sb: SandboxServer;
  let signals: AbortSignal[];
  let cache: LinkStore;

  before(async () => {
    sb = await startSandbox();
  });
  after(() => sb.close());
  beforeEach(() => {
    sb.reset();
    signals = [];
    const fetch: FetchLike = (url, init) => {
      signals.push(init.signal);
      return nodeFetch(url, init as unknown as Parameters<typeof nodeFetch>[1]) as unknown as ReturnType<FetchLike>;
    };
    const client = sandboxClient(sb, { timeoutMs: 3000, retry: { maxRetries: 1, baseDelayMs: 5, maxDelayMs: 10 }, fetch });
    cache = new LinkStore(() => client);
  });

  const issueGets = () => sb.countRequests({ method: 'GET', path: '/issues/TREK-12' }) - linkGets();
  const linkGets = () => sb.countRequests({ method: 'GET', path: '/issues/TREK-12/links' });

  it('loads the issue and its links; a second load asks nothing', async () => {
    const card = await loadIssueCard(cache, 'TREK-12');
    assert.equal(card.kind, 'issue');
    if (card.kind !== 'issue') return;
    assert.equal(card.issue.summary, 'Show linked issues in the sidebar tree');
    assert.ok((card.links?.length ?? 0) >= 10);
    assert.deepEqual([issueGets(), linkGets()], [1, 1]);
    await loadIssueCard(cache, 'trek-12');
    assert.deepEqual([issueGets(), linkGets()], [1, 1]);
  });

  it('20 concurrent loads of one key make one request for the issue and one for its links', async () => {
    sb.setFaults({ latencyMs: 150 });
    const cards = await Promise.all(Array.from({ length: 20 }, () => loadIssueCard(cache, 'TREK-12')));
    assert.ok(cards.every((c) => c.kind === 'issue'));
    assert.deepEqual([issueGets(), linkGets()], [1, 1]);
  });

  it('a cancelled load returns at once and aborts its request', async () => {
    sb.setFaults({ latencyMs: 2000 });
    const abort = new AbortController();
    const started = Date.now();
    const p = loadIssueCard(cache, 'TREK-12', abort.signal);
    setTimeout(() => abort.abort(), 50);
    assert.deepEqual(await p, { kind: 'cancelled' });
    assert.ok(Date.now() - started < 1000, 'returned before the server answered');
    assert.equal(signals.length, 2);
    assert.ok(signals.every((s) => s.aborted), 'both HTTP requests were aborted');
  });

  it('cancelling one of two hovers keeps the shared request for the other', async () => {
    sb.setFaults({ latencyMs: 300 });
    const abort = new AbortController();
    const a = loadIssueCard(cache, 'TREK-12', abort.signal);
    const b = loadIssueCard(cache, 'TREK-12');
    setTimeout(() => abort.abort(), 50);
    assert.equal((await a).kind, 'cancelled');
    assert.equal((await b).kind, 'issue');
    assert.deepEqual([issueGets(), linkGets()], [1, 1]);
    assert.ok(signals.every((s) => !s.aborted));
  });

  it('an already aborted signal makes no request', async () => {
    const abort = new AbortController();
    abort.abort();
    assert.deepEqual(await loadIssueCard(cache, 'TREK-12', abort.signal), { kind: 'cancelled' });
    assert.equal(sb.requests.length, 0);
  });

  it('a missing key is notFound, remembered briefly (no second request)', async () => {
    assert.deepEqual(await loadIssueCard(cache, 'TREK-999'), { kind: 'notFound' });
    const n = sb.requests.length;
    assert.deepEqual(await loadIssueCard(cache, 'TREK-999'), { kind: 'notFound' });
    assert.equal(sb.requests.length, n);
  });

  it('a failure of the links alone still shows the issue', async () => {
    sb.setFaults({ serverError: { count: 5, status: 503 }, match: { path: '/links' } });
    const card = await loadIssueCard(cache, 'TREK-12');
    assert.equal(card.kind, 'issue');
    if (card.kind !== 'issue') return;
    assert.equal(card.links, undefined);
    assert.ok(card.linksError instanceof TrackerError && card.linksError.kind === 'server');
  });

  it('other failures of the issue are errors, never thrown', async () => {
    sb.setFaults({ serverError: { count: 10, status: 500 } });
    const card = await loadIssueCard(cache, 'TREK-12');
    assert.equal(card.kind, 'error');
    if (card.kind === 'error') assert.ok(card.error instanceof TrackerError && card.error.kind === 'server');
    const thrower: IssueSource = {
      getIssue: () => Promise.reject(new Error('base URL refused')),
      getLinks: () => Promise.reject(new Error('base URL refused')),
    };
    const c2 = await loadIssueCard(thrower, 'TREK-1');
    assert.equal(c2.kind, 'error');
  });
});
