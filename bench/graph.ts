import { layoutGraph } from '../src/graph/layout';
import { median, timeRuns, fmtMs, type Row } from './util';

/**
 * A graph shaped like what a walk gathers: `n` issues in five levels around
 * one (each level about twice as wide as the one before), each issue linked
 * to one of the level before (the walk's way to it) and the other edges
 * across issues of the same or neighbouring levels. Edges run from the
 * earlier piece of work to the later (a random order); one in a hundred
 * comes with an edge back, closing a cycle. Deterministic (a
 * fixed-seed generator).
 */
export function generateGraph(n: number, m: number, seed = 7): { nodes: Array<{ key: string }>; edges: Array<{ from: string; to: string }> } {
  let s = seed;
  const rnd = (): number => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = (xs: number[]): number => xs[Math.floor(rnd() * xs.length)];
  const key = (i: number): string => `Q-${i + 1}`;
  const levels: number[][] = [[0]];
  const levelOf = [0];
  const share = [1, 2, 4, 8, 16];
  const total = share.reduce((a, b) => a + b, 0);
  for (let i = 1; i < n; i++) {
    let r = rnd() * total;
    let l = 0;
    while (r > share[l]) r -= share[l++];
    l = Math.min(l + 1, levels.length); // never skip a level
    if (!levels[l]) levels[l] = [];
    levels[l].push(i);
    levelOf.push(l);
  }
  const nodes = Array.from({ length: n }, (_, i) => ({ key: key(i) }));
  const when = Array.from({ length: n }, () => rnd());
  const edges: Array<{ from: string; to: string }> = [];
  const seen = new Set<string>();
  const add = (a: number, b: number): boolean => {
    if (a === b || seen.has(`${a}>${b}`) || seen.has(`${b}>${a}`)) return false;
    seen.add(`${a}>${b}`);
    // Work has an order: an edge runs from the earlier issue to the later.
    edges.push(when[a] < when[b] ? { from: key(a), to: key(b) } : { from: key(b), to: key(a) });
    // One in a hundred comes with a way back, a short cycle.
    if (edges.length % 100 === 99) {
      const back = edges[Math.floor(rnd() * edges.length)];
      edges.push({ from: back.to, to: back.from });
    }
    return true;
  };
  for (let i = 1; i < n && edges.length < m; i++) add(pick(levels[levelOf[i] - 1]), i);
  while (edges.length < m) {
    const a = Math.floor(rnd() * n);
    const l = Math.max(0, Math.min(levels.length - 1, levelOf[a] + Math.floor(rnd() * 3) - 1));
    add(a, pick(levels[l]));
  }
  return { nodes, edges };
}

export async function layoutBench(): Promise<Row[]> {
  const g = generateGraph(1000, 2000);
  const first = layoutGraph(g.nodes, g.edges); // warm-up: JIT
  const runs = await timeRuns(15, () => layoutGraph(g.nodes, g.edges));
  // CPU time of the thread too: a shared machine stretches the wall clock.
  const cpu: number[] = [];
  for (let i = 0; i < 15; i++) {
    const before = process.cpuUsage();
    layoutGraph(g.nodes, g.edges);
    cpu.push(process.cpuUsage(before).user / 1000);
  }
  return [
    {
      section: 'Link graph',
      metric: 'layout of 1,000 nodes / 2,000 edges',
      value: fmtMs(median(runs)),
      note: `median of ${runs.length} (CPU ${fmtMs(median(cpu))}); ${g.edges.length} edges, ${first.crossings} crossings, ${Math.max(...first.nodes.map((p) => p.layer)) + 1} layers`,
    },
  ];
}
