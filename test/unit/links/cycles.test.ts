import * as assert from 'node:assert/strict';
import { findDependencyCycle, formatCycle, type FetchLinks } from '../../../src/links/cycles';
import type { IssueLink } from '../../../src/tracker/types';
import { makeLink } from './fixtures';

/**
 * An in-memory tracker: `deps[A] = [B, C]` means A depends on B and C. Each
 * issue lists its links as the API would: `depends` outward for what it
 * depends on, inward for what depends on it, plus some unrelated noise.
 */
function graph(deps: Record<string, string[]>, opts: { failing?: string[]; delayMs?: number } = {}) {
  const calls: string[] = [];
  const fetchLinks: FetchLinks = async (key, signal) => {
    calls.push(key);
    if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
    signal?.throwIfAborted();
    if (opts.failing?.includes(key)) throw new Error(`403 for ${key}`);
    const links: IssueLink[] = [];
    for (const to of deps[key] ?? []) links.push(makeLink('depends', 'outward', to));
    for (const [from, tos] of Object.entries(deps)) {
      if (tos.includes(key)) links.push(makeLink('depends', 'inward', from));
    }
    links.push(makeLink('relates', 'outward', 'NOISE-1'), makeLink('subtask', 'inward', 'NOISE-2'));
    return links;
  };
  return { fetchLinks, calls };
}

/** A chain A-1 → A-2 → … → A-n (each depends on the next). */
function chain(n: number): Record<string, string[]> {
  const deps: Record<string, string[]> = {};
  for (let i = 1; i < n; i++) deps[`A-${i}`] = [`A-${i + 1}`];
  return deps;
}

describe('links/cycles', () => {
  it('finds a cycle and spells it in dependency order', async () => {
    const g = graph({ 'TREK-12': ['TREK-14'], 'TREK-14': ['TREK-15'] });
    const r = await findDependencyCycle('TREK-15', 'TREK-12', 'depends on', g.fetchLinks);
    assert.deepEqual(r.cycle, ['TREK-15', 'TREK-12', 'TREK-14', 'TREK-15']);
    assert.equal(r.complete, true);
    assert.equal(r.requests, 2);
    assert.equal(formatCycle(r.cycle ?? []), 'TREK-15 → TREK-12 → TREK-14 → TREK-15');
  });

  it('"is dependent by" is the same edge the other way round', async () => {
    // TREK-12 blocks TREK-15 = TREK-15 depends on TREK-12.
    const g = graph({ 'TREK-12': ['TREK-14'], 'TREK-14': ['TREK-15'] });
    const r = await findDependencyCycle('TREK-12', 'TREK-15', 'is dependent by', g.fetchLinks);
    assert.deepEqual(r.cycle, ['TREK-15', 'TREK-12', 'TREK-14', 'TREK-15']);
  });

  it('reports no cycle when there is none, after exploring everything', async () => {
    const g = graph({ 'TREK-12': ['TREK-14'], 'TREK-14': ['TREK-16'], 'TREK-15': ['TREK-14'] });
    const r = await findDependencyCycle('TREK-15', 'TREK-12', 'depends on', g.fetchLinks);
    assert.equal(r.cycle, undefined);
    assert.equal(r.complete, true);
    assert.deepEqual(g.calls, ['TREK-12', 'TREK-14', 'TREK-16']);
  });

  it('the reverse dependency is not a cycle (walks only "depends on" edges)', async () => {
    // TREK-15 already depends on TREK-12; adding it again closes nothing.
    const g = graph({ 'TREK-15': ['TREK-12'] });
    const r = await findDependencyCycle('TREK-15', 'TREK-12', 'depends on', g.fetchLinks);
    assert.equal(r.cycle, undefined);
    assert.equal(r.complete, true);
  });

  it('a direct back-edge is a two-step cycle', async () => {
    const g = graph({ 'TREK-12': ['TREK-15'] });
    const r = await findDependencyCycle('TREK-15', 'TREK-12', 'depends on', g.fetchLinks);
    assert.deepEqual(r.cycle, ['TREK-15', 'TREK-12', 'TREK-15']);
  });

  it('finds the shortest cycle (BFS)', async () => {
    const g = graph({ 'S-2': ['S-3', 'S-9'], 'S-3': ['S-4'], 'S-4': ['S-1'], 'S-9': ['S-1'] });
    const r = await findDependencyCycle('S-1', 'S-2', 'depends on', g.fetchLinks);
    assert.deepEqual(r.cycle, ['S-1', 'S-2', 'S-9', 'S-1']);
  });

  it('other relationships are never cycles and fetch nothing', async () => {
    const g = graph({ 'TREK-12': ['TREK-15'] });
    for (const rel of ['relates', 'is subtask for', 'duplicates', 'has epic'] as const) {
      const r = await findDependencyCycle('TREK-15', 'TREK-12', rel, g.fetchLinks);
      assert.deepEqual(r, { cycle: undefined, complete: true, requests: 0, unreachable: [] });
    }
    assert.equal(g.calls.length, 0);
  });

  it('an issue depending on itself is a cycle without any request', async () => {
    const g = graph({});
    const r = await findDependencyCycle('TREK-1', 'trek-1', 'depends on', g.fetchLinks);
    assert.deepEqual(r.cycle, ['TREK-1', 'TREK-1']);
    assert.equal(r.requests, 0);
  });

  it('compares keys case-insensitively', async () => {
    const g = graph({ 'TREK-12': ['TREK-15'] });
    const r = await findDependencyCycle('trek-15', 'trek-12', 'depends on', g.fetchLinks);
    assert.deepEqual(r.cycle, ['TREK-15', 'TREK-12', 'TREK-15']);
  });

  it('fetches each key at most once (diamonds and loops)', async () => {
    // Many paths lead to D-4, and D-4/D-5 loop among themselves.
    const g = graph({
      'D-1': ['D-2', 'D-3'], 'D-2': ['D-4', 'D-3'], 'D-3': ['D-4'], 'D-4': ['D-5'], 'D-5': ['D-4', 'D-6'],
    });
    const r = await findDependencyCycle('X-1', 'D-1', 'depends on', g.fetchLinks);
    assert.equal(r.cycle, undefined);
    assert.equal(r.complete, true);
    assert.equal(new Set(g.calls).size, g.calls.length);
    assert.deepEqual([...g.calls].sort(), ['D-1', 'D-2', 'D-3', 'D-4', 'D-5', 'D-6']);
    assert.equal(r.requests, 6);
  });

  describe('bounds', () => {
    it('a cycle within maxDepth is found', async () => {
      // New edge A-6 → A-1; existing path A-1 → … → A-6 has 5 links.
      const g = graph(chain(6));
      const r = await findDependencyCycle('A-6', 'A-1', 'depends on', g.fetchLinks, { maxDepth: 5 });
      assert.deepEqual(r.cycle, ['A-6', 'A-1', 'A-2', 'A-3', 'A-4', 'A-5', 'A-6']);
    });

    it('maxDepth stops the walk and marks it incomplete', async () => {
      const g = graph(chain(12));
      const r = await findDependencyCycle('A-12', 'A-1', 'depends on', g.fetchLinks, { maxDepth: 3 });
      assert.equal(r.cycle, undefined);
      assert.equal(r.complete, false);
      assert.deepEqual(g.calls, ['A-1', 'A-2', 'A-3']);
    });

    it('the default depth is 6', async () => {
      const g = graph(chain(20));
      const r = await findDependencyCycle('Z-1', 'A-1', 'depends on', g.fetchLinks);
      assert.equal(r.complete, false);
      assert.equal(r.requests, 6);
    });

    it('maxRequests caps the fetches', async () => {
      // A wide tree: W-1 depends on 50 issues, each on 2 more.
      const deps: Record<string, string[]> = { 'W-1': [] };
      for (let i = 2; i <= 51; i++) {
        deps['W-1'].push(`W-${i}`);
        deps[`W-${i}`] = [`V-${i}`, `U-${i}`];
      }
      const g = graph(deps);
      const r = await findDependencyCycle('X-1', 'W-1', 'depends on', g.fetchLinks, { maxRequests: 10 });
      assert.equal(r.cycle, undefined);
      assert.equal(r.complete, false);
      assert.equal(r.requests, 10);
      assert.equal(g.calls.length, 10);
    });

    it('the default request cap is 30', async () => {
      const deps: Record<string, string[]> = { 'W-1': [] };
      for (let i = 2; i <= 100; i++) deps['W-1'].push(`W-${i}`);
      const g = graph(deps);
      const r = await findDependencyCycle('X-1', 'W-1', 'depends on', g.fetchLinks);
      assert.equal(r.requests, 30);
      assert.equal(g.calls.length, 30);
      assert.equal(r.complete, false);
    });

    it('exactly enough requests is still complete', async () => {
      const g = graph(chain(4));
      const r = await findDependencyCycle('X-1', 'A-1', 'depends on', g.fetchLinks, { maxRequests: 4 });
      assert.equal(r.complete, true);
      assert.equal(r.requests, 4);
    });

    it('concurrency 1 gives the same answer', async () => {
      const g = graph({ 'S-2': ['S-3', 'S-9'], 'S-3': ['S-4'], 'S-4': ['S-1'], 'S-9': ['S-1'] });
      const r = await findDependencyCycle('S-1', 'S-2', 'depends on', g.fetchLinks, { concurrency: 1 });
      assert.deepEqual(r.cycle, ['S-1', 'S-2', 'S-9', 'S-1']);
    });
  });

  it('goes on past issues it cannot read, and says so', async () => {
    const g = graph({ 'B-1': ['B-2', 'B-3'], 'B-3': ['B-9'] }, { failing: ['B-2'] });
    const r = await findDependencyCycle('B-9', 'B-1', 'depends on', g.fetchLinks);
    assert.deepEqual(r.cycle, ['B-9', 'B-1', 'B-3', 'B-9']);
    assert.deepEqual(r.unreachable, ['B-2']);

    const g2 = graph({ 'B-1': ['B-2'] }, { failing: ['B-2'] });
    const r2 = await findDependencyCycle('B-9', 'B-1', 'depends on', g2.fetchLinks);
    assert.equal(r2.cycle, undefined);
    assert.equal(r2.complete, false);
  });

  it('aborts: rejects with the abort reason and stops fetching', async () => {
    const g = graph(chain(20), { delayMs: 5 });
    const ac = new AbortController();
    const p = findDependencyCycle('Z-1', 'A-1', 'depends on', g.fetchLinks, { signal: ac.signal, maxDepth: 20 });
    setTimeout(() => ac.abort(), 12);
    await assert.rejects(p, (e: Error) => e.name === 'AbortError');
    const seen = g.calls.length;
    await new Promise((r) => setTimeout(r, 30));
    assert.equal(g.calls.length, seen, 'no fetch after the abort');
    assert.ok(seen < 19);
  });

  it('an already aborted signal rejects before any request', async () => {
    const g = graph(chain(3));
    const ac = new AbortController();
    ac.abort();
    await assert.rejects(findDependencyCycle('Z-1', 'A-1', 'depends on', g.fetchLinks, { signal: ac.signal }));
    assert.equal(g.calls.length, 0);
  });
});
