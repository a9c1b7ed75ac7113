// A layered (Sugiyama) layout, left to right along the edges: cycles broken
// by a depth-first order, longest-path layers (a source is pulled next to
// what it points at), long edges split by dummy points, barycentre sweeps
// keeping the order with the fewest crossings, then vertical positions by
// isotonic regression (each node as close to its neighbours as the order
// allows). Deterministic: the same nodes and edges in the same order give
// the same picture. Written here rather than taken from a library:
// @dagrejs/dagre 3.1 did not finish 1,000 nodes / 2,000 edges within ten
// minutes, and the webview script must stay small. Pure: also bundled into
// the webview.

interface LayoutOptions {
  nodeWidth?: number;
  nodeHeight?: number;
  /** Horizontal space between layers. */
  layerGap?: number;
  /** Vertical space between nodes of one layer. */
  nodeGap?: number;
  /** Pairs of barycentre sweeps (down and up). */
  sweeps?: number;
  /**
   * Centres (y) of the nodes in the previous picture: nodes found there keep
   * their order within a layer, new ones are slotted in among them, so a
   * graph that grows by one level keeps its layout.
   */
  previous?: ReadonlyMap<string, number>;
}

interface PlacedNode {
  key: string;
  /** Top-left corner. */
  x: number;
  y: number;
  width: number;
  height: number;
  layer: number;
  /** Position within its layer, top first. */
  order: number;
}

interface PlacedEdge {
  /** Index into the edges given. */
  index: number;
  /** From the edge's `from` to its `to`; empty for an edge from a node to itself. */
  points: Array<{ x: number; y: number }>;
  /** Drawn against the flow to break a cycle. */
  reversed: boolean;
}

export interface Layout {
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  width: number;
  height: number;
  /** Edge crossings between adjacent layers (long edges counted per segment). */
  crossings: number;
}

interface Vertex {
  /** Index of the node, or -1 for a dummy point of a long edge. */
  node: number;
  layer: number;
  height: number;
  preds: number[];
  succs: number[];
  pinned: boolean;
  /** Sort key carried between sweeps. */
  pos: number;
  y: number;
}

export function layoutGraph(
  nodes: ReadonlyArray<{ key: string }>,
  edges: ReadonlyArray<{ from: string; to: string }>,
  o: LayoutOptions = {},
): Layout {
  const W = o.nodeWidth ?? 180;
  const H = o.nodeHeight ?? 44;
  const layerGap = o.layerGap ?? 90;
  const gap = o.nodeGap ?? 20;
  const sweeps = o.sweeps ?? 6;
  const n = nodes.length;
  const index = new Map<string, number>();
  nodes.forEach((v, i) => {
    if (!index.has(v.key)) index.set(v.key, i);
  });

  // ---- 1. break cycles: reverse the edges that run backwards in a depth-first finishing order
  const out: number[][] = Array.from({ length: n }, () => []);
  const pairs: Array<[number, number] | undefined> = edges.map((e) => {
    const a = index.get(e.from);
    const b = index.get(e.to);
    if (a === undefined || b === undefined || a === b) return undefined;
    out[a].push(b);
    return [a, b];
  });
  const rank = new Array<number>(n).fill(-1); // position in reverse post-order
  {
    const state = new Uint8Array(n);
    let next = n - 1;
    for (let s = 0; s < n; s++) {
      if (state[s]) continue;
      const stack: Array<[number, number]> = [[s, 0]];
      state[s] = 1;
      while (stack.length) {
        const top = stack[stack.length - 1];
        const succ = out[top[0]];
        if (top[1] < succ.length) {
          const w = succ[top[1]++];
          if (!state[w]) {
            state[w] = 1;
            stack.push([w, 0]);
          }
        } else {
          stack.pop();
          rank[top[0]] = next--;
        }
      }
    }
  }
  const dag: Array<[number, number, boolean] | undefined> = pairs.map((p) => (p ? (rank[p[0]] < rank[p[1]] ? [p[0], p[1], false] : [p[1], p[0], true]) : undefined));

  // ---- 2. layers: longest path from the sources, then each source pulled right next to its nearest successor
  const dPreds: number[][] = Array.from({ length: n }, () => []);
  const dSuccs: number[][] = Array.from({ length: n }, () => []);
  for (const d of dag) {
    if (!d) continue;
    dSuccs[d[0]].push(d[1]);
    dPreds[d[1]].push(d[0]);
  }
  const topo = Array.from({ length: n }, (_, i) => i).sort((a, b) => rank[a] - rank[b]);
  const layer = new Array<number>(n).fill(0);
  for (const v of topo) for (const p of dPreds[v]) layer[v] = Math.max(layer[v], layer[p] + 1);
  for (let i = n - 1; i >= 0; i--) {
    const v = topo[i];
    if (dPreds[v].length || !dSuccs[v].length) continue;
    layer[v] = Math.min(...dSuccs[v].map((s) => layer[s])) - 1;
  }
  const minLayer = n ? Math.min(...layer) : 0;
  for (let i = 0; i < n; i++) layer[i] -= minLayer;

  // ---- 3. vertices: the nodes, and a dummy point per layer a long edge crosses
  const vs: Vertex[] = nodes.map((_, i) => ({ node: i, layer: layer[i], height: H, preds: [], succs: [], pinned: false, pos: 0, y: 0 }));
  const chains: number[][] = dag.map((d) => {
    if (!d) return [];
    const chain = [d[0]];
    for (let l = layer[d[0]] + 1; l < layer[d[1]]; l++) {
      vs.push({ node: -1, layer: l, height: 0, preds: [], succs: [], pinned: false, pos: 0, y: 0 });
      chain.push(vs.length - 1);
    }
    chain.push(d[1]);
    for (let i = 1; i < chain.length; i++) {
      vs[chain[i - 1]].succs.push(chain[i]);
      vs[chain[i]].preds.push(chain[i - 1]);
    }
    return chain;
  });
  const layerCount = n ? Math.max(...layer) + 1 : 0;
  const layers: number[][] = Array.from({ length: layerCount }, () => []);

  // Initial order: where the previous picture had them, else breadth-first from the first layer.
  const prev = o.previous;
  const seen = new Uint8Array(vs.length);
  const queue: number[] = [];
  for (let i = 0; i < n; i++) {
    if (layer[i] === 0) {
      queue.push(i);
      seen[i] = 1;
    }
  }
  for (let h = 0; h < queue.length; h++) {
    for (const w of vs[queue[h]].succs) {
      if (!seen[w]) {
        seen[w] = 1;
        queue.push(w);
      }
    }
  }
  for (let v = 0; v < vs.length; v++) if (!seen[v]) queue.push(v);
  for (const v of queue) layers[vs[v].layer].push(v);
  if (prev) {
    for (const l of layers) {
      const known = l.filter((v) => vs[v].node >= 0 && prev.has(nodes[vs[v].node].key));
      known.sort((a, b) => (prev.get(nodes[vs[a].node].key) as number) - (prev.get(nodes[vs[b].node].key) as number));
      const isKnown = new Set(known);
      let k = 0;
      for (let i = 0; i < l.length; i++) {
        if (isKnown.has(l[i])) l[i] = known[k++];
      }
      for (const v of known) vs[v].pinned = true;
    }
  }
  // Flat arrays from here on: the sweeps touch every vertex many times.
  const V = vs.length;
  const pos = new Float64Array(V);
  const ys = new Float64Array(V);
  const bary = new Float64Array(V);
  const [predOff, predIdx] = csr(vs.map((v) => v.preds));
  const [succOff, succIdx] = csr(vs.map((v) => v.succs));
  const setPos = (l: number[]): void => {
    for (let i = 0; i < l.length; i++) pos[l[i]] = i;
  };
  layers.forEach(setPos);
  const anyPinned = vs.some((v) => v.pinned);

  // ---- 4. crossings down by barycentre sweeps, keeping the best order seen
  const byBary = (a: number, b: number): number => bary[a] - bary[b] || pos[a] - pos[b];
  const reorder = (l: number[], down: boolean): void => {
    const off = down ? predOff : succOff;
    const idx = down ? predIdx : succIdx;
    for (const v of l) {
      const from = off[v];
      const to = off[v + 1];
      if (from === to) {
        bary[v] = pos[v];
        continue;
      }
      let sum = 0;
      for (let k = from; k < to; k++) sum += pos[idx[k]];
      bary[v] = sum / (to - from);
    }
    if (!anyPinned) {
      l.sort(byBary);
    } else {
      // Pinned nodes keep their order; free ones are merged in where their barycentre falls.
      const pinned = l.filter((v) => vs[v].pinned);
      const free = l.filter((v) => !vs[v].pinned).sort(byBary);
      let i = 0;
      let j = 0;
      let k = 0;
      while (i < pinned.length || j < free.length) {
        if (j >= free.length || (i < pinned.length && byBary(pinned[i], free[j]) <= 0)) l[k++] = pinned[i++];
        else l[k++] = free[j++];
      }
    }
    setPos(l);
  };
  const widest = layers.reduce((m, l) => Math.max(m, l.length), 1);
  const tree = new Int32Array(4 * widest);
  const countAll = (): number => {
    let total = 0;
    let size = 1;
    for (let l = 0; l + 1 < layers.length; l++) {
      size = 1;
      while (size < layers[l + 1].length) size *= 2;
      tree.fill(0, 0, 2 * size);
      for (const v of layers[l]) {
        const from = succOff[v];
        const to = succOff[v + 1];
        // Targets of one vertex go in ascending order (its own edges do not cross each other).
        const ts = to - from > 1 ? Array.from(succIdx.subarray(from, to), (w) => pos[w]).sort((a, b) => a - b) : to > from ? [pos[succIdx[from]]] : [];
        for (const t of ts) {
          let i = t + size - 1;
          tree[i]++;
          while (i > 0) {
            if (i % 2) total += tree[i + 1];
            i = (i - 1) >> 1;
            tree[i]++;
          }
        }
      }
    }
    return total;
  };
  let best = layers.map((l) => [...l]);
  let bestCrossings = countAll();
  for (let s = 0; s < sweeps && bestCrossings > 0; s++) {
    for (let l = 1; l < layers.length; l++) reorder(layers[l], true);
    for (let l = layers.length - 2; l >= 0; l--) reorder(layers[l], false);
    const c = countAll();
    if (c < bestCrossings) {
      bestCrossings = c;
      best = layers.map((l) => [...l]);
    }
  }
  best.forEach((l, i) => {
    layers[i] = l;
    setPos(l);
  });

  // ---- 5. vertical positions: near the neighbours' average, in order, never overlapping
  const sep = (a: number, b: number): number => (vs[a].height + vs[b].height) / 2 + (vs[a].node < 0 && vs[b].node < 0 ? gap / 2 : gap);
  const gaps = layers.map((l) => l.map((v, i) => (i ? sep(l[i - 1], v) : 0)));
  layers.forEach((l, li) => {
    let y = 0;
    l.forEach((v, i) => {
      y += gaps[li][i];
      ys[v] = y;
    });
  });
  const want = new Float64Array(widest);
  const place = (li: number, down: boolean): void => {
    const l = layers[li];
    const off = down ? predOff : succOff;
    const idx = down ? predIdx : succIdx;
    for (let i = 0; i < l.length; i++) {
      const v = l[i];
      const from = off[v];
      const to = off[v + 1];
      let sum = 0;
      for (let k = from; k < to; k++) sum += ys[idx[k]];
      want[i] = to > from ? sum / (to - from) : ys[v];
    }
    isotonic(want, gaps[li], l.length, l, ys);
  };
  for (let s = 0; s < 4; s++) {
    for (let l = 1; l < layers.length; l++) place(l, true);
    for (let l = layers.length - 2; l >= 0; l--) place(l, false);
  }
  vs.forEach((v, i) => {
    v.y = ys[i];
    v.pos = pos[i];
  });
  let top = Infinity;
  let bottom = -Infinity;
  for (const v of vs) {
    top = Math.min(top, v.y - v.height / 2);
    bottom = Math.max(bottom, v.y + v.height / 2);
  }
  if (!vs.length) top = bottom = 0;
  const x = (l: number): number => l * (W + layerGap);

  const placed: PlacedNode[] = nodes.map((v, i) => ({
    key: v.key,
    x: x(layer[i]),
    y: vs[i].y - H / 2 - top,
    width: W,
    height: H,
    layer: layer[i],
    order: vs[i].pos,
  }));
  const placedEdges: PlacedEdge[] = edges.map((_, i) => {
    const d = dag[i];
    if (!d) return { index: i, points: [], reversed: false };
    const chain = chains[i];
    const points = chain.map((v, j) => {
      const vx = x(vs[v].layer);
      const px = j === 0 ? vx + W : j === chain.length - 1 ? vx : vx + W / 2;
      return { x: px, y: vs[v].y - top };
    });
    if (d[2]) points.reverse();
    return { index: i, points, reversed: d[2] };
  });
  return { nodes: placed, edges: placedEdges, width: layerCount ? x(layerCount - 1) + W : 0, height: bottom - top, crossings: bestCrossings };
}

/** Adjacency lists as offsets into one flat index array. */
function csr(lists: number[][]): [Int32Array, Int32Array] {
  const off = new Int32Array(lists.length + 1);
  for (let i = 0; i < lists.length; i++) off[i + 1] = off[i] + lists[i].length;
  const idx = new Int32Array(off[lists.length]);
  for (let i = 0; i < lists.length; i++) idx.set(lists[i], off[i]);
  return [off, idx];
}

/**
 * Closest positions (least squares) to `want` with y[i] ≥ y[i-1] + minGap[i]:
 * shift out the gaps, pool adjacent violators, shift back; written to
 * `out[order[i]]`.
 */
function isotonic(want: Float64Array, minGap: number[], n: number, order: number[], out: Float64Array): void {
  const sums = new Float64Array(n);
  const counts = new Int32Array(n);
  let blocks = 0;
  let offset = 0;
  for (let i = 0; i < n; i++) {
    offset += minGap[i];
    sums[blocks] = want[i] - offset;
    counts[blocks] = 1;
    blocks++;
    while (blocks > 1 && sums[blocks - 2] / counts[blocks - 2] > sums[blocks - 1] / counts[blocks - 1]) {
      sums[blocks - 2] += sums[blocks - 1];
      counts[blocks - 2] += counts[blocks - 1];
      blocks--;
    }
  }
  let i = 0;
  offset = 0;
  for (let b = 0; b < blocks; b++) {
    const mean = sums[b] / counts[b];
    for (let k = 0; k < counts[b]; k++, i++) {
      offset += minGap[i];
      out[order[i]] = mean + offset;
    }
  }
}
