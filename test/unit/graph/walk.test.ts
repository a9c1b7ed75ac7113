import { strict as assert } from 'node:assert';
import { startSandbox, type SandboxServer } from '../../sandbox/server';
import { walkGraph, type GraphStore, type LinkGraph } from '../../../src/graph';
import { isTrackerError } from '../../../src/tracker/errors';
import { sandboxStore } from './sandboxStore';

const LINKS = (key: string) => ({ method: 'GET', path: `/issues/${key}/links` });
const keys = (g: LinkGraph): string[] => g.nodes.map((n) => n.key);
const edges = (g: LinkGraph): string[] => g.edges.map((e) => `${e.from} ${e.directed ? '->' : '--'} ${e.to} ${e.kind}${e.inCycle ? ' !' : ''}`);

describe('graph/walk over the sandbox', () => {
  let sb: SandboxServer;
  before(async () => {
    sb = await startSandbox();
  });
  after(() => sb.close());
  beforeEach(() => sb.reset());

  const apiRequests = () => sb.requests.filter((r) => !r.path.startsWith('/_sandbox')).length;

  it('depth 1 over all relationships: the issue and its 14 neighbours for 2 requests, each neighbour marked "more"', async () => {
    const { store } = sandboxStore(sb);
    const g = await walkGraph(store, 'trek-12', { depth: 1, kinds: 'all' });
    assert.equal(g.root, 'TREK-12');
    assert.deepEqual(keys(g), ['TREK-12', 'LEGAL-2', 'MOB-4', 'TREK-1', 'TREK-10', 'TREK-11', 'TREK-13', 'TREK-14', 'TREK-16', 'TREK-17', 'TREK-18', 'TREK-19', 'TREK-20', 'TREK-21', 'WEB-7']);
    assert.equal(g.edges.length, 14);
    const root = g.nodes[0];
    assert.equal(root.summary, 'Show linked issues in the sidebar tree');
    assert.equal(root.category, 'inProgress');
    assert.equal(root.assignee, 'Sandbox User');
    assert.equal(root.explored, true);
    assert.ok(g.nodes.slice(1).every((n) => n.depth === 1 && !n.explored && n.more));
    const t14 = g.nodes.find((n) => n.key === 'TREK-14');
    assert.equal(t14?.summary, 'Client: retry on 429 with Retry-After');
    assert.equal(t14?.status?.key, 'inProgress');
    assert.equal(t14?.assignee, 'Chen Wei');
    assert.equal(apiRequests(), 2);
    assert.deepEqual(g.cycles, []);
  });

  it('depth 2 over dependencies follows only dependencies; a second walk costs no request; one level more costs only that level', async () => {
    const { store } = sandboxStore(sb);
    const g = await walkGraph(store, 'TREK-12', { depth: 2, kinds: 'dependencies' });
    assert.deepEqual(keys(g), ['TREK-12', 'MOB-4', 'TREK-11', 'TREK-14', 'TREK-19', 'TREK-20', 'TREK-15']);
    assert.deepEqual(edges(g), [
      'TREK-11 -> TREK-12 blocks',
      'TREK-12 -> MOB-4 blocks',
      'TREK-12 -> TREK-19 blocks',
      'TREK-12 -> TREK-20 blocks',
      'TREK-14 -> TREK-12 blocks',
      'TREK-15 -> TREK-14 blocks',
    ]);
    // The issue, its links, and the links of its 5 neighbours.
    assert.equal(apiRequests(), 7);
    // Explored leaves are known to have nothing more; TREK-15 was not read.
    assert.deepEqual(g.nodes.filter((n) => n.more).map((n) => n.key), ['TREK-15']);

    sb.requests.splice(0);
    assert.deepEqual(await walkGraph(store, 'TREK-12', { depth: 2, kinds: 'dependencies' }), g);
    assert.equal(apiRequests(), 0);

    const g3 = await walkGraph(store, 'TREK-12', { depth: 3, kinds: 'dependencies' });
    assert.deepEqual(keys(g3), keys(g));
    assert.deepEqual(sb.requests.map((r) => r.path), ['/v2/issues/TREK-15/links']);
    assert.ok(g3.nodes.every((n) => !n.more));
  });

  it('reads at most 4 link lists at once, and the graph does not depend on the order answers arrive in', async () => {
    const { store } = sandboxStore(sb);
    const quick = await walkGraph(store, 'TREK-12', { depth: 2, kinds: 'all' });
    sb.setFaults({ latencyMs: 30 });
    const slow = sandboxStore(sb).store;
    let inFlight = 0;
    let most = 0;
    const counting: GraphStore = {
      getIssue: (k, o) => slow.getIssue(k, o),
      peekIssue: (k) => slow.peekIssue(k),
      peekLinks: (k) => slow.peekLinks(k),
      getLinks: async (k, o) => {
        most = Math.max(most, ++inFlight);
        try {
          return await slow.getLinks(k, o);
        } finally {
          inFlight--;
        }
      },
    };
    const g = await walkGraph(counting, 'TREK-12', { depth: 2, kinds: 'all' });
    assert.equal(most, 4);
    assert.deepEqual(g, quick);
    assert.ok(g.nodes.length > 20, `${g.nodes.length} nodes`);
  });

  it("colours by the categories it is given (the server's status list), else guesses from the status key", async () => {
    const { store } = sandboxStore(sb);
    const guessed = await walkGraph(store, 'TREK-12', { depth: 1, kinds: 'dependencies' });
    assert.deepEqual(guessed.nodes.map((n) => `${n.key} ${n.category}`), ['TREK-12 inProgress', 'MOB-4 paused', 'TREK-11 done', 'TREK-14 inProgress', 'TREK-19 new', 'TREK-20 new']);
    const told = await walkGraph(store, 'TREK-12', { depth: 1, kinds: 'dependencies', classify: (s) => (s && typeof s !== 'string' && s.key === 'open' ? 'paused' : 'done') });
    assert.deepEqual(told.nodes.map((n) => n.category), ['done', 'done', 'done', 'done', 'paused', 'paused']);
  });

  it('honours 429 through the client\'s retries', async () => {
    const plain = await walkGraph(sandboxStore(sb).store, 'TREK-12', { depth: 2, kinds: 'hierarchy' });
    sb.reset();
    sb.setFaults({ rateLimit: { count: 3, retryAfter: '0' } });
    const g = await walkGraph(sandboxStore(sb, { maxRetries: 4 }).store, 'TREK-12', { depth: 2, kinds: 'hierarchy' });
    assert.deepEqual(g, plain);
    assert.equal(sb.requests.filter((r) => r.status === 429).length, 3);
  });

  it('stops at the node cap, marks where it stopped, and says it was cut', async () => {
    const { store } = sandboxStore(sb);
    const g = await walkGraph(store, 'TREK-12', { depth: 3, kinds: 'all', cap: 5 });
    assert.equal(g.nodes.length, 5);
    assert.equal(g.truncated, true);
    assert.equal(g.nodes[0].more, true);
    // Only the issue was read: the cap filled on its own links.
    assert.equal(sb.countRequests(LINKS('TREK-12')), 1);
    assert.equal(sb.requests.filter((r) => r.path.endsWith('/links')).length, 1);
  });

  it('names a dependency cycle and marks its edges', async () => {
    const { store } = sandboxStore(sb);
    // TREK-12 depends on TREK-14, TREK-14 on TREK-15; now TREK-15 on TREK-12.
    await store.create('TREK-15', 'depends on', 'TREK-12');
    const g = await walkGraph(store, 'TREK-12', { depth: 3, kinds: 'dependencies' });
    assert.deepEqual(g.cycles, [['TREK-12', 'TREK-15', 'TREK-14', 'TREK-12']]);
    assert.deepEqual(edges(g).filter((e) => e.endsWith('!')), ['TREK-12 -> TREK-15 blocks !', 'TREK-14 -> TREK-12 blocks !', 'TREK-15 -> TREK-14 blocks !']);
  });

  it('an unreadable neighbour stops only there; an unknown issue rejects', async () => {
    const { store } = sandboxStore(sb);
    sb.setFaults({ httpError: { count: 1, status: 403, message: 'No access' }, match: { path: '/issues/TREK-14/links' } });
    const g = await walkGraph(store, 'TREK-12', { depth: 2, kinds: 'dependencies' });
    assert.deepEqual(g.unreachable, ['TREK-14']);
    const t14 = g.nodes.find((n) => n.key === 'TREK-14');
    assert.ok(t14?.error && t14.more && !t14.explored);
    assert.ok(!keys(g).includes('TREK-15'));
    assert.ok(keys(g).includes('TREK-19'));

    const e = await walkGraph(store, 'TREK-99999').then(() => assert.fail('expected 404'), (x: unknown) => x);
    assert.ok(isTrackerError(e) && e.kind === 'notFound');
  });

  it('is cancelled by its signal, and stops asking', async () => {
    const { store } = sandboxStore(sb);
    sb.setFaults({ latencyMs: 40 });
    const ac = new AbortController();
    const walk = walkGraph(store, 'TREK-12', {
      depth: 3,
      kinds: 'all',
      signal: ac.signal,
      onProgress: (p) => {
        if (p.level === 2) ac.abort();
      },
    });
    const e = await walk.then(() => assert.fail('expected a cancellation'), (x: unknown) => x);
    assert.ok(isTrackerError(e) ? e.kind === 'cancelled' : (e as Error).name === 'AbortError', String(e));
    const asked = apiRequests();
    await new Promise((r) => setTimeout(r, 150));
    assert.equal(apiRequests(), asked);
    assert.ok(asked <= 6, `${asked} requests`);
  });
});
