import { strict as assert } from 'node:assert';
import { startSandbox, type SandboxServer } from '../../sandbox/server';
import { sandboxClient } from '../sandboxClient';
import { LinkStore } from '../../../src/links/store';
import { isTrackerError } from '../../../src/tracker/errors';

describe('LinkStore over the sandbox', () => {
  let sb: SandboxServer;
  let now = 0;
  let cache: LinkStore;

  before(async () => {
    sb = await startSandbox();
  });
  after(() => sb.close());
  beforeEach(() => {
    sb.reset();
    now = 1_000;
    const client = sandboxClient(sb, { retry: { maxRetries: 0 } });
    cache = new LinkStore(() => client, { ttlMs: 60_000, notFoundTtlMs: 10_000, now: () => now });
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

  it('an old key of a moved issue (get-issue.md `aliases`): the move is told once, and the issue is kept under its key now', async () => {
    const moves: Array<[string, string]> = [];
    cache.onDidMove((from, to) => moves.push([from, to]));
    const i = await cache.getIssue('legacy-42');
    assert.equal(i.key, 'TREK-14');
    assert.deepEqual(i.aliases, ['LEGACY-42']);
    await cache.getIssue('LEGACY-42');
    assert.deepEqual(moves, [['LEGACY-42', 'TREK-14']]);
    assert.equal(cache.movedTo('legacy-42'), 'TREK-14');
    assert.equal(cache.movedTo('TREK-14'), undefined);
    assert.equal(await cache.getIssue('TREK-14'), i, 'no second request under the key now');
    assert.equal(sb.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/v2/issues/')).length, 1);
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

  describe('changes go through the store: one request each, both sides kept, nothing re-read', () => {
    const changes: string[][] = [];
    beforeEach(async () => {
      changes.splice(0);
      cache.onDidChange((keys) => changes.push(keys));
      // The view is open on TREK-12 and TREK-23 was hovered: both issues and lists are stored.
      await Promise.all([cache.getIssue('TREK-12'), cache.getLinks('TREK-12'), cache.getIssue('TREK-23'), cache.getLinks('TREK-23')]);
      sb.requests.splice(0);
    });
    const ids = (key: string) => (cache.peekLinks(key) ?? []).map((l) => `${l.object.key}:${l.type.id}/${l.direction}`);

    it('create: one POST; the answer joins the source\'s list and its mirror the target\'s, in the opposite direction', async () => {
      const link = await cache.create('TREK-12', 'is parent task for', 'TREK-23');
      assert.deepEqual(sb.requests.map((r) => `${r.method} ${r.path}`), ['POST /v2/issues/TREK-12/links']);
      assert.ok(ids('TREK-12').includes('TREK-23:subtask/outward'));
      assert.deepEqual(ids('TREK-23'), ['TREK-12:subtask/inward']);
      const mirrored = cache.peekLinks('TREK-23')?.[0];
      assert.equal(mirrored?.id, link.id);
      assert.equal(mirrored?.object.display, 'Show linked issues in the sidebar tree');
      assert.equal(mirrored?.status?.key, 'inProgress');
      assert.deepEqual(changes, [['TREK-12', 'TREK-23']]);
      // What the server lists on TREK-23 now is what the store holds (the mirror is faithful).
      const server = await cache.getLinks('TREK-23', { maxAgeMs: 0 });
      assert.deepEqual(server.map((l) => `${l.id} ${l.object.key}:${l.type.id}/${l.direction}`), [`${link.id} TREK-12:subtask/inward`]);
    });

    it('remove: one DELETE; the link leaves both lists; Undo (a create) puts it back with one POST', async () => {
      const link = (cache.peekLinks('TREK-12') ?? []).find((l) => l.object.key === 'TREK-14');
      assert.ok(link);
      await cache.getLinks('TREK-14');
      sb.requests.splice(0);
      await cache.remove('TREK-12', link);
      assert.deepEqual(sb.requests.map((r) => r.method), ['DELETE']);
      assert.ok(!ids('TREK-12').some((x) => x.startsWith('TREK-14:')));
      assert.ok(!ids('TREK-14').some((x) => x.startsWith('TREK-12:')));
      await cache.create('TREK-12', 'depends on', 'TREK-14');
      assert.deepEqual(sb.requests.map((r) => r.method), ['DELETE', 'POST']);
      assert.ok(ids('TREK-12').includes('TREK-14:depends/outward'));
      assert.ok(ids('TREK-14').includes('TREK-12:depends/inward'));
    });

    it('a list not loaded yet stays unloaded (it is read in full when first needed)', async () => {
      await cache.create('TREK-12', 'relates', 'OPS-4');
      assert.equal(cache.peekLinks('OPS-4'), undefined);
    });

    it('getIssues: stored issues cost nothing, the rest come in one search per 100 keys', async () => {
      const got = await cache.getIssues(['TREK-12', 'TREK-14', 'TREK-15', 'trek-12']);
      assert.deepEqual([...got.keys()].sort(), ['TREK-12', 'TREK-14', 'TREK-15']);
      assert.deepEqual(sb.requests.map((r) => `${r.method} ${r.path} ${JSON.stringify(r.body)}`), ['POST /v2/issues/_search {"keys":["TREK-14","TREK-15"]}']);
      await cache.getIssues(['TREK-14']);
      assert.equal(sb.requests.length, 1);
    });

    it('getIssues: a failed search rejects for its caller only, never as an unhandled rejection', async () => {
      const unhandled: unknown[] = [];
      const record = (e: unknown) => unhandled.push(e);
      process.on('unhandledRejection', record);
      try {
        sb.setFaults({ serverError: { count: 1, status: 503 } });
        const e = await cache.getIssues(['TREK-14', 'TREK-15']).then(() => assert.fail('expected a 503'), (x: unknown) => x);
        assert.ok(isTrackerError(e) && e.status === 503);
        await new Promise((r) => setTimeout(r, 20));
        assert.deepEqual(unhandled, []);
        const again = await cache.getIssues(['TREK-14']);
        assert.equal(again.get('TREK-14')?.key, 'TREK-14', 'the failed search is not remembered');
      } finally {
        process.off('unhandledRejection', record);
      }
    });
  });
});
