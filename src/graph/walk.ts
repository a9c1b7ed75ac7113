// Breadth-first walk of the link graph around one issue, through the link
// store: an issue whose links are already stored costs no request, and
// concurrent reads of one key are one request (the HTTP layer shares them).
// At most `concurrency` lists are read at once; 429s are retried by the
// client as for any read. Results are read in frontier order, so the graph
// does not depend on which answer came first. Pure: no VS Code.

import { isCancelled } from '../tracker/errors';
import { categoryOfType } from '../links/statuses';
import type { Issue, IssueLink } from '../tracker/types';
import { compareKeys } from '../keys/keys';
import {
  edgeId,
  edgeOfLink,
  findCycles,
  KINDS_FOLLOWED,
  nodeFromIssue,
  nodeFromLink,
  GUESS_CATEGORY,
  upperKey,
  type EdgeKind,
  type GraphEdge,
  type Classify,
  type GraphNode,
  type LinkGraph,
  type RelationshipKinds,
} from './model';

/** The part of the LinkStore a walk reads (services.store). */
export interface GraphStore {
  getIssue(key: string, o?: { signal?: AbortSignal }): Promise<Issue>;
  getLinks(key: string, o?: { signal?: AbortSignal }): Promise<IssueLink[]>;
  peekIssue(key: string): Issue | undefined;
  peekLinks(key: string): IssueLink[] | undefined;
}

interface WalkProgress {
  /** Link lists read so far (from the store or the server). */
  read: number;
  nodes: number;
  /** The level being read, 1-based. */
  level: number;
}

interface WalkOptions {
  /** Levels of links followed from the issue, 1–5 (default 2). */
  depth?: number;
  kinds?: RelationshipKinds;
  /** Most issues in the graph (default 500). */
  cap?: number;
  /** Link lists read at once (default and most 4). */
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (p: WalkProgress) => void;
  /** A status's category: services.statuses.categoryOf where there is one; else guessed from the key. */
  classify?: Classify;
}

export const DEFAULT_DEPTH = 2;
export const MAX_DEPTH = 5;
const DEFAULT_CAP = 500;
const MAX_CONCURRENCY = 4;

export function clampDepth(depth: unknown): number {
  const n = typeof depth === 'number' && Number.isFinite(depth) ? Math.round(depth) : DEFAULT_DEPTH;
  return Math.min(MAX_DEPTH, Math.max(1, n));
}

/** `fn` over `items`, at most `limit` at once; settled results in the items' order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<PromiseSettledResult<R>[]> {
  const results = new Array<PromiseSettledResult<R>>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      try {
        results[i] = { status: 'fulfilled', value: await fn(items[i]) };
      } catch (reason) {
        results[i] = { status: 'rejected', reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

function isAbort(e: unknown, signal?: AbortSignal): boolean {
  return Boolean(signal?.aborted) || isCancelled(e);
}

/**
 * The graph around `key`: its links `depth` levels out over the chosen
 * relationships, at most `cap` issues. Rejects when the issue itself cannot
 * be read or the signal aborts; an unreadable neighbour only stops there.
 */
export async function walkGraph(store: GraphStore, key: string, o: WalkOptions = {}): Promise<LinkGraph> {
  const root = upperKey(key);
  const depth = clampDepth(o.depth);
  const kinds = o.kinds ?? 'all';
  const cap = Math.max(1, o.cap ?? DEFAULT_CAP);
  const concurrency = Math.min(MAX_CONCURRENCY, Math.max(1, o.concurrency ?? MAX_CONCURRENCY));
  const followed = new Set<EdgeKind>(KINDS_FOLLOWED[kinds]);
  const { signal } = o;
  const classify = o.classify ?? GUESS_CATEGORY;
  signal?.throwIfAborted();

  // The issue and its links at once: the root's own fields come from the issue.
  const [rootIssue] = await Promise.all([store.getIssue(root, { signal }), store.getLinks(root, { signal }).catch(() => undefined)]);
  signal?.throwIfAborted();
  const nodes = new Map<string, GraphNode>([[root, nodeFromIssue(rootIssue, 0, classify)]]);
  // A moved issue answers under its new key; keep the asked one as the root.
  (nodes.get(root) as GraphNode).key = root;
  const edges = new Map<string, GraphEdge>();
  const unreachable: string[] = [];
  let truncated = false;
  let read = 0;

  const follows = (listing: string, link: IssueLink): { edge: GraphEdge; other: string } | undefined => {
    const edge = edgeOfLink(listing, link);
    if (!edge || !followed.has(edge.kind)) return undefined;
    return { edge, other: edge.from === listing ? edge.to : edge.from };
  };

  let frontier = [root];
  for (let level = 1; level <= depth && frontier.length > 0; level++) {
    if (nodes.size >= cap) break;
    o.onProgress?.({ read, nodes: nodes.size, level });
    const lists = await mapLimit(frontier, concurrency, (k) => store.getLinks(k, { signal }));
    signal?.throwIfAborted();
    const next: string[] = [];
    for (let i = 0; i < frontier.length; i++) {
      const from = frontier[i];
      const node = nodes.get(from) as GraphNode;
      const settled = lists[i];
      if (settled.status === 'rejected') {
        if (isAbort(settled.reason, signal)) throw settled.reason;
        node.error = settled.reason;
        unreachable.push(from);
        continue;
      }
      read++;
      node.explored = true;
      // Neighbours in key order: the same links give the same graph whatever order the server lists them in.
      const found = settled.value
        .map((link) => ({ link, f: follows(from, link) }))
        .filter((x): x is { link: IssueLink; f: { edge: GraphEdge; other: string } } => x.f !== undefined)
        .sort((a, b) => compareKeys(a.f.other, b.f.other));
      for (const { link, f } of found) {
        if (!nodes.has(f.other)) {
          if (nodes.size >= cap) {
            node.more = true;
            truncated = true;
            continue;
          }
          const n = nodeFromLink(link, level, classify);
          // A status type the store already holds for the issue (some servers send one) says more than a key.
          n.category = categoryOfType(store.peekIssue(f.other)?.statusType?.key) ?? n.category;
          nodes.set(f.other, n);
          next.push(f.other);
        }
        edges.set(edgeId(f.edge), f.edge);
      }
    }
    frontier = next;
  }
  if (frontier.length && nodes.size >= cap) truncated = true;

  // Where the walk stopped: "more" unless the store already knows there is nothing more (costs nothing).
  for (const node of nodes.values()) {
    if (node.explored) continue;
    const known = node.error ? undefined : store.peekLinks(node.key);
    node.more = node.more || !known || known.some((l) => {
      const f = follows(node.key, l);
      return f !== undefined && !nodes.has(f.other);
    });
  }

  const sortedNodes = [...nodes.values()].sort((a, b) => a.depth - b.depth || compareKeys(a.key, b.key));
  const sortedEdges = [...edges.values()].sort(
    (a, b) => compareKeys(a.from, b.from) || compareKeys(a.to, b.to) || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0),
  );
  const cycles = findCycles(
    sortedNodes.map((n) => n.key),
    sortedEdges,
  );
  return { root, depth, kinds, nodes: sortedNodes, edges: sortedEdges, cycles, truncated, unreachable };
}
