import { strict as assert } from 'node:assert';
import { layoutGraph, type Layout } from '../../../src/graph/layout';
import { generateGraph } from '../../../bench/graph';

const nodes = (...keys: string[]) => keys.map((key) => ({ key }));
const edge = (s: string): { from: string; to: string } => {
  const [from, to] = s.split('>');
  return { from, to };
};

function assertNoOverlap(l: Layout): void {
  const byLayer = new Map<number, Layout['nodes']>();
  for (const n of l.nodes) byLayer.set(n.layer, [...(byLayer.get(n.layer) ?? []), n]);
  for (const list of byLayer.values()) {
    const sorted = [...list].sort((a, b) => a.y - b.y);
    for (let i = 1; i < sorted.length; i++) {
      assert.ok(sorted[i].y >= sorted[i - 1].y + sorted[i - 1].height - 1e-6, `${sorted[i - 1].key} and ${sorted[i].key} overlap`);
    }
  }
  // Different layers never share a column.
  for (const a of l.nodes) for (const b of l.nodes) if (a.layer < b.layer) assert.ok(a.x + a.width < b.x, `${a.key} reaches into ${b.key}'s column`);
  for (const n of l.nodes) assert.ok(n.y >= -1e-6 && n.y + n.height <= l.height + 1e-6 && n.x + n.width <= l.width, `${n.key} outside the picture`);
}

describe('graph/layout', () => {
  it('runs left to right along the edges: each edge to a later layer, from the right side to the left side', () => {
    const l = layoutGraph(nodes('A', 'B', 'C', 'D'), ['A>B', 'B>C', 'A>D'].map(edge));
    const at = (k: string) => l.nodes.find((n) => n.key === k) as Layout['nodes'][number];
    assert.deepEqual(['A', 'B', 'C'].map((k) => at(k).layer), [0, 1, 2]);
    for (const e of l.edges) {
      const [from, to] = [at(['A', 'B', 'A'][e.index]), at(['B', 'C', 'D'][e.index])];
      assert.equal(e.points[0].x, from.x + from.width);
      assert.equal(e.points[e.points.length - 1].x, to.x);
      assert.equal(e.points[0].y, from.y + from.height / 2);
    }
    assertNoOverlap(l);
  });

  it('pulls a source next to what it points at instead of the first column', () => {
    const l = layoutGraph(nodes('A', 'B', 'C', 'S'), ['A>B', 'B>C', 'S>C'].map(edge));
    assert.equal(l.nodes.find((n) => n.key === 'S')?.layer, 1);
  });

  it('a long edge bends through the layers it crosses', () => {
    const l = layoutGraph(nodes('A', 'B', 'C', 'D'), ['A>B', 'B>C', 'C>D', 'A>D'].map(edge));
    assert.equal(l.edges[3].points.length, 4);
    assertNoOverlap(l);
  });

  it('draws a graph that can be drawn without crossings without any', () => {
    // Two parents with crossed children in input order: the sweeps untangle them.
    const l = layoutGraph(nodes('P1', 'P2', 'C1', 'C2', 'C3', 'C4'), ['P1>C3', 'P2>C1', 'P1>C4', 'P2>C2'].map(edge));
    assert.equal(l.crossings, 0);
    const at = (k: string) => l.nodes.find((n) => n.key === k)?.y ?? NaN;
    assert.equal(at('P1') < at('P2'), Math.max(at('C3'), at('C4')) < Math.min(at('C1'), at('C2')));
  });

  it('handles cycles: every node placed, one edge drawn against the flow, the rest along it', () => {
    const l = layoutGraph(nodes('A', 'B', 'C', 'D'), ['A>B', 'B>C', 'C>A', 'C>D', 'D>D'].map(edge));
    assert.equal(l.nodes.length, 4);
    assert.equal(l.edges.filter((e) => e.reversed).length, 1);
    const back = l.edges.find((e) => e.reversed);
    assert.ok(back && back.points[0].x < back.points[back.points.length - 1].x === false, 'the reversed edge still runs from its own start');
    assert.deepEqual(l.edges[4].points, [], 'a self-loop has no route');
    assertNoOverlap(l);
  });

  it('is deterministic and has no overlaps on 1,000 nodes / 2,000 edges with cycles', () => {
    const g = generateGraph(1000, 2000);
    const a = layoutGraph(g.nodes, g.edges);
    const b = layoutGraph(g.nodes, g.edges);
    assert.deepEqual(a, b);
    assertNoOverlap(a);
    assert.ok(a.edges.some((e) => e.reversed), 'the generated graph has cycles');
    // The sweeps did something: fewer crossings than the first order.
    assert.ok(a.crossings < layoutGraph(g.nodes, g.edges, { sweeps: 0 }).crossings);
  });

  it('keeps the order of the nodes it had when the graph grows by one level', () => {
    const first = ['R>A', 'R>B', 'R>C', 'X>R'].map(edge);
    const l1 = layoutGraph(nodes('R', 'A', 'B', 'C', 'X'), first);
    const prev = new Map(l1.nodes.map((n) => [n.key, n.y + n.height / 2]));
    // One level more: children that would pull A, B, C into another order if they were free.
    const grown = [...first, ...['C>A1', 'B>B1', 'A>C1', 'Y>X'].map(edge)];
    const l2 = layoutGraph(nodes('R', 'A', 'B', 'C', 'X', 'C1', 'B1', 'A1', 'Y'), grown, { previous: prev });
    const order = (l: Layout, keys: string[]) => keys.map((k) => l.nodes.find((n) => n.key === k)?.y ?? NaN);
    const [a1, b1, c1] = order(l1, ['A', 'B', 'C']);
    const [a2, b2, c2] = order(l2, ['A', 'B', 'C']);
    assert.equal(Math.sign(b1 - a1), Math.sign(b2 - a2));
    assert.equal(Math.sign(c1 - b1), Math.sign(c2 - b2));
    assertNoOverlap(l2);
  });

  it('an empty graph and a single node', () => {
    assert.deepEqual(layoutGraph([], []), { nodes: [], edges: [], width: 0, height: 0, crossings: 0 });
    const one = layoutGraph(nodes('A'), []);
    assert.equal(one.nodes[0].x, 0);
    assert.equal(one.nodes[0].y, 0);
  });
});
