// The link graph as data: issues as nodes, links as edges, read one way for
// every picture and export — blocker → dependent, parent → child, epic →
// member, duplicate → original, original → clone; `relates` has no direction.
// The orientation is never decided here: a listed link is read through the
// relationship catalogue (src/links/relationships.ts), and only the choice of
// which side a picture starts from is made per link type. Pure: no VS Code.

import { relationshipInfo, relationshipOfLink, serverLabel } from '../links/relationships';
import { statusCategory } from '../links/grouping';
import { categoryOfType, type Classify, type StatusCategory } from '../links/statuses';
import type { Issue, IssueLink, IssueRelationship } from '../tracker/types';
import { compareKeys } from '../keys/keys';

export type { Classify, StatusCategory };

/** Without the server's status list: a guess from the key (src/links/grouping.ts). */
export const GUESS_CATEGORY: Classify = (status) => statusCategory(status);

/** A status type sent with the issue wins; else the catalogue's word (or guess) for its status. */
function categoryOf(status: { key?: string } | undefined, statusType: { key?: string } | undefined, classify: Classify): StatusCategory {
  return categoryOfType(statusType?.key) ?? classify(status?.key ? { key: status.key } : undefined);
}

/** How an edge is drawn; one per link type the catalogue knows, `other` for custom types. */
export type EdgeKind = 'blocks' | 'parent' | 'epic' | 'relates' | 'duplicates' | 'clone' | 'other';

/** Which relationships a walk follows. */
export type RelationshipKinds = 'dependencies' | 'hierarchy' | 'all';

export const RELATIONSHIP_KINDS: readonly RelationshipKinds[] = ['dependencies', 'hierarchy', 'all'];

export function isRelationshipKinds(v: unknown): v is RelationshipKinds {
  return typeof v === 'string' && (RELATIONSHIP_KINDS as readonly string[]).includes(v);
}

/** Edge kinds each choice follows. */
export const KINDS_FOLLOWED: Readonly<Record<RelationshipKinds, readonly EdgeKind[]>> = Object.freeze({
  dependencies: ['blocks'],
  hierarchy: ['parent', 'epic'],
  all: ['blocks', 'parent', 'epic', 'relates', 'duplicates', 'clone', 'other'],
});

export interface GraphNode {
  /** Upper case. */
  key: string;
  summary: string;
  status?: { key: string; display?: string };
  category: StatusCategory;
  /** Assignee's display name (or login). */
  assignee?: string;
  /** Steps from the root along followed links. */
  depth: number;
  /** Its links were read (false at the depth limit, past the cap, or when reading failed). */
  explored: boolean;
  /**
   * The graph stops here while the issue may have more links of the chosen
   * kinds: not explored and not known to have none, or neighbours left out
   * by the node cap.
   */
  more: boolean;
  /** Reading its links failed (no access, deleted): the error, put into words by the adapter (kernel describeError). */
  error?: unknown;
}

export interface GraphEdge {
  /** Upper-case keys, in the picture's direction (see the file header). */
  from: string;
  to: string;
  kind: EdgeKind;
  /** The relationship read from `from` ("TREK-14 `is dependent by` TREK-12" = 14 blocks 12). */
  relationship?: IssueRelationship;
  /** False for `relates`: drawn without an arrow head. */
  directed: boolean;
  /** The server's words, for custom link types. */
  label?: string;
  /** A dependency edge on a cycle. */
  inCycle?: boolean;
}

export interface LinkGraph {
  root: string;
  depth: number;
  kinds: RelationshipKinds;
  /** Sorted by depth, then key: the same walk gives the same order. */
  nodes: GraphNode[];
  /** Sorted by from, to, kind. */
  edges: GraphEdge[];
  /** Dependency cycles, each in edge order with its first key repeated at the end. */
  cycles: string[][];
  /** The node cap stopped the walk. */
  truncated: boolean;
  /** Keys whose links could not be read. */
  unreachable: string[];
}

// Per link type, which side a picture starts from. The catalogue says which
// side is the main one (`outward` when listed from it: the dependent, the
// parent, the epic, the duplicate, the original); a picture starts from the
// main side except for dependencies, which run from the blocker.
const PICTURE: Readonly<Record<string, { kind: EdgeKind; from: 'main' | 'other' | 'either' }>> = {
  depends: { kind: 'blocks', from: 'other' },
  subtask: { kind: 'parent', from: 'main' },
  epic: { kind: 'epic', from: 'main' },
  duplicates: { kind: 'duplicates', from: 'main' },
  clone: { kind: 'clone', from: 'main' },
  relates: { kind: 'relates', from: 'either' },
};

export const upperKey = (k: string): string => k.trim().toUpperCase();

/**
 * The edge a link listed on `listing` stands for, or undefined for a link
 * without an object key. Custom link types become `other` edges drawn from
 * the side that lists them outward, with the server's words.
 */
export function edgeOfLink(listing: string, link: Pick<IssueLink, 'type' | 'direction' | 'object'>): GraphEdge | undefined {
  const self = upperKey(listing);
  const otherKey = link.object?.key;
  if (!otherKey) return undefined;
  const other = upperKey(otherKey);
  const rel = relationshipOfLink(link);
  const picture = rel ? PICTURE[relationshipInfo(rel).typeId] : undefined;
  if (!rel || !picture) {
    const outward = link.direction === 'outward';
    return {
      from: outward ? self : other,
      to: outward ? other : self,
      kind: 'other',
      directed: true,
      label: link.type ? link.type.outward || link.type.id : serverLabel(link),
    };
  }
  const info = relationshipInfo(rel);
  if (picture.from === 'either') {
    // Undirected: one spelling whichever side listed it, so both sides' copies meet.
    const [from, to] = self < other ? [self, other] : [other, self];
    return { from, to, kind: picture.kind, relationship: rel, directed: false };
  }
  const selfIsMain = info.direction === 'outward';
  const selfIsFrom = picture.from === 'main' ? selfIsMain : !selfIsMain;
  return selfIsFrom
    ? { from: self, to: other, kind: picture.kind, relationship: rel, directed: true }
    : { from: other, to: self, kind: picture.kind, relationship: info.inverse, directed: true };
}

export function edgeId(e: Pick<GraphEdge, 'from' | 'to' | 'kind' | 'label'>): string {
  return `${e.from}\u0000${e.to}\u0000${e.kind}\u0000${e.label ?? ''}`;
}

/** A node as a link object describes the issue at its other end. */
export function nodeFromLink(link: IssueLink, depth: number, classify: Classify = GUESS_CATEGORY): GraphNode {
  return {
    key: upperKey(link.object.key),
    summary: link.object.display ?? '',
    status: link.status ? { key: link.status.key, display: link.status.display } : undefined,
    category: categoryOf(link.status, (link as IssueLink & { statusType?: { key?: string } }).statusType, classify),
    assignee: link.assignee?.display ?? link.assignee?.login,
    depth,
    explored: false,
    more: false,
  };
}

/** A node from the issue itself (richer than a link object: the status type when a server sends it). */
export function nodeFromIssue(issue: Issue, depth: number, classify: Classify = GUESS_CATEGORY): GraphNode {
  return {
    key: upperKey(issue.key),
    summary: issue.summary ?? '',
    status: issue.status ? { key: issue.status.key, display: issue.status.display } : undefined,
    category: categoryOf(issue.status, issue.statusType, classify),
    assignee: issue.assignee?.display ?? issue.assignee?.login,
    depth,
    explored: false,
    more: false,
  };
}

/**
 * Dependency cycles among `edges` (kind `blocks`): one named cycle per
 * strongly connected component, starting at its smallest key and following
 * the smallest next key, so the same graph names the same cycle. Marks every
 * dependency edge inside a component `inCycle`.
 */
export function findCycles(keys: readonly string[], edges: GraphEdge[]): string[][] {
  const deps = edges.filter((e) => e.kind === 'blocks');
  const out = new Map<string, string[]>();
  for (const k of keys) out.set(k, []);
  for (const e of deps) {
    if (!out.has(e.from)) out.set(e.from, []);
    if (!out.has(e.to)) out.set(e.to, []);
    out.get(e.from)?.push(e.to);
  }
  for (const list of out.values()) list.sort(compareKeys);

  // Tarjan's strongly connected components, iteratively (deep chains must not overflow the stack).
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const comp = new Map<string, number>();
  const comps: string[][] = [];
  let counter = 0;
  for (const start of [...out.keys()].sort(compareKeys)) {
    if (index.has(start)) continue;
    const work: Array<{ v: string; i: number }> = [{ v: start, i: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length) {
      const top = work[work.length - 1];
      const succ = out.get(top.v) ?? [];
      if (top.i < succ.length) {
        const w = succ[top.i++];
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          work.push({ v: w, i: 0 });
        } else if (onStack.has(w)) {
          low.set(top.v, Math.min(low.get(top.v) as number, index.get(w) as number));
        }
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].v;
        low.set(parent, Math.min(low.get(parent) as number, low.get(top.v) as number));
      }
      if (low.get(top.v) === index.get(top.v)) {
        const members: string[] = [];
        let w: string | undefined;
        do {
          w = stack.pop() as string;
          onStack.delete(w);
          members.push(w);
        } while (w !== top.v);
        comp.set(top.v, comps.length);
        for (const m of members) comp.set(m, comps.length);
        comps.push(members);
      }
    }
  }

  const cycles: string[][] = [];
  for (const members of comps) {
    const first = members.reduce((a, b) => (compareKeys(a, b) <= 0 ? a : b));
    const selfLoop = (out.get(first) ?? []).includes(first);
    if (members.length < 2 && !selfLoop) continue;
    for (const e of deps) if (comp.get(e.from) === comp.get(e.to) && comp.get(e.from) === comp.get(first)) e.inCycle = true;
    if (selfLoop) {
      cycles.push([first, first]);
      continue;
    }
    // Shortest way back to `first` inside the component (BFS, smallest keys first).
    const inComp = new Set(members);
    const cameFrom = new Map<string, string>();
    const queue = [first];
    let found: string | undefined;
    for (let head = 0; head < queue.length && found === undefined; head++) {
      const v = queue[head];
      for (const w of out.get(v) ?? []) {
        if (!inComp.has(w)) continue;
        if (w === first) {
          found = v;
          break;
        }
        if (!cameFrom.has(w)) {
          cameFrom.set(w, v);
          queue.push(w);
        }
      }
    }
    const path: string[] = [];
    for (let k: string | undefined = found; k !== undefined && k !== first; k = cameFrom.get(k)) path.push(k);
    cycles.push([first, ...path.reverse(), first]);
  }
  return cycles.sort((a, b) => compareKeys(a[0], b[0]));
}
