import { strict as assert } from 'node:assert';
import { startSandbox, type SandboxServer } from '../../sandbox/server';
import { edgeOfLink, findCycles, type GraphEdge } from '../../../src/graph/model';
import { RELATIONSHIPS } from '../../../src/links/relationships';
import { makeLink } from '../links/fixtures';
import { sandboxStore } from './sandboxStore';

const arrow = (e: GraphEdge | undefined): string => (e ? `${e.from} ${e.directed ? '->' : '--'} ${e.to} (${e.kind})` : 'none');

describe('graph/model: edges read one way', () => {
  let sb: SandboxServer;
  before(async () => {
    sb = await startSandbox();
  });
  after(() => sb.close());
  beforeEach(() => sb.reset());

  it("TREK-12's links as the sandbox lists them: blocker → dependent, parent → child, epic → member, duplicate → original, original → clone", async () => {
    const { client } = sandboxStore(sb);
    const links = await client.getIssueLinks('TREK-12');
    const seen = links.map((l) => arrow(edgeOfLink('TREK-12', l))).sort();
    assert.deepEqual(seen, [
      'LEGAL-2 -- TREK-12 (relates)',
      'TREK-1 -> TREK-12 (epic)',
      'TREK-10 -> TREK-12 (parent)',
      'TREK-11 -> TREK-12 (blocks)',
      'TREK-12 -- WEB-7 (relates)',
      'TREK-12 -> MOB-4 (blocks)',
      'TREK-12 -> TREK-13 (clone)',
      'TREK-12 -> TREK-16 (parent)',
      'TREK-12 -> TREK-17 (parent)',
      'TREK-12 -> TREK-18 (parent)',
      'TREK-12 -> TREK-19 (blocks)',
      'TREK-12 -> TREK-20 (blocks)',
      'TREK-14 -> TREK-12 (blocks)',
      'TREK-21 -> TREK-12 (duplicates)',
    ]);
  });

  it('the same link read from either side is the same edge, for every relationship in the catalogue', async () => {
    const { client } = sandboxStore(sb);
    // One fresh link per creatable relationship, from TREK-23 to a different target each time.
    const targets = ['OPS-4', 'MOB-3', 'TREK-9', 'WEB-6', 'TREK-2', 'TREK-22', 'TREK-8'];
    const creatable = RELATIONSHIPS.filter((r) => r.creatable && !r.epic);
    for (const [i, r] of creatable.entries()) {
      const target = targets[i];
      await client.createIssueLink('TREK-23', r.value, target);
      const fromSource = (await client.getIssueLinks('TREK-23')).find((l) => l.object.key === target);
      const fromTarget = (await client.getIssueLinks(target)).find((l) => l.object.key === 'TREK-23');
      assert.ok(fromSource && fromTarget, r.value);
      assert.equal(arrow(edgeOfLink('TREK-23', fromSource)), arrow(edgeOfLink(target, fromTarget)), r.value);
      const e = edgeOfLink('TREK-23', fromSource);
      assert.ok(e);
      // The relationship on the edge reads from its start: "from <relationship> to".
      if (e.directed) assert.equal(e.from === 'TREK-23' ? r.value : r.inverse, e.relationship, r.value);
    }
  });

  it('a custom link type is an "other" edge from its outward side, with the server\'s words', () => {
    const out = makeLink('implements', 'outward', 'MOB-3');
    const e = edgeOfLink('mob-2', out);
    assert.equal(arrow(e), 'MOB-2 -> MOB-3 (other)');
    assert.equal(e?.label, 'implements (out)');
    assert.equal(arrow(edgeOfLink('MOB-3', makeLink('implements', 'inward', 'MOB-2'))), 'MOB-2 -> MOB-3 (other)');
  });
});

describe('graph/model: cycles', () => {
  const blocks = (from: string, to: string): GraphEdge => ({ from, to, kind: 'blocks', directed: true });

  it('names a dependency cycle from its smallest key, in edge order, and marks its edges', () => {
    const edges = [blocks('A-3', 'A-1'), blocks('A-1', 'A-2'), blocks('A-2', 'A-3'), blocks('A-3', 'A-4'), { from: 'A-4', to: 'A-1', kind: 'parent' as const, directed: true }];
    const cycles = findCycles(['A-1', 'A-2', 'A-3', 'A-4'], edges);
    assert.deepEqual(cycles, [['A-1', 'A-2', 'A-3', 'A-1']]);
    assert.deepEqual(edges.map((e) => Boolean(e.inCycle)), [true, true, true, false, false]);
  });

  it('finds each of two separate cycles and a self-dependency; a chain has none', () => {
    const edges = [blocks('B-2', 'B-1'), blocks('B-1', 'B-2'), blocks('C-1', 'C-2'), blocks('C-2', 'C-3'), blocks('C-3', 'C-1'), blocks('D-1', 'D-1')];
    assert.deepEqual(findCycles([], edges), [['B-1', 'B-2', 'B-1'], ['C-1', 'C-2', 'C-3', 'C-1'], ['D-1', 'D-1']]);
    assert.deepEqual(findCycles([], [blocks('E-1', 'E-2'), blocks('E-2', 'E-3'), blocks('E-1', 'E-3')]), []);
  });

  it('copes with a chain of 20,000 dependencies closed into one cycle (no recursion)', () => {
    const edges: GraphEdge[] = [];
    for (let i = 1; i < 20_000; i++) edges.push(blocks(`L-${i}`, `L-${i + 1}`));
    edges.push(blocks('L-20000', 'L-1'));
    const [cycle] = findCycles([], edges);
    assert.equal(cycle.length, 20_001);
    assert.equal(cycle[0], 'L-1');
    assert.equal(cycle[19_999], 'L-20000');
  });
});
