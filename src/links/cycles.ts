// Before a new dependency is created, look for a path of existing
// "depends on" links that the new one would close into a cycle. The walk is
// a bounded BFS over the API: each issue's links are fetched at most once,
// and depth and request count are capped so the check stays quick.

import type { IssueLink, IssueRelationship } from '../tracker/types';
import { relationshipOfLink } from './relationships';

/** Lists the links of one issue (the client's `getIssueLinks`). */
export type FetchLinks = (key: string, signal?: AbortSignal) => Promise<IssueLink[]>;

interface CycleSearchOptions {
  /** Longest chain of existing dependencies followed, in links (default 6). */
  maxDepth?: number;
  /** Most issues whose links are fetched (default 30). */
  maxRequests?: number;
  /** Fetches run at once within one BFS level (default 4). */
  concurrency?: number;
  /** Aborting rejects the search with the signal's reason. */
  signal?: AbortSignal;
}

interface CycleSearchResult {
  /**
   * The cycle in dependency order, first key repeated at the end:
   * `['TREK-15', 'TREK-12', 'TREK-14', 'TREK-15']` reads "15 depends on 12,
   * 12 on 14, 14 on 15". The first step is the link about to be created.
   */
  cycle: string[] | undefined;
  /**
   * True when the answer is definitive: a cycle was found, or every reachable
   * dependency was explored. False when depth, request bounds or failed
   * fetches cut the search short.
   */
  complete: boolean;
  /** Link lists fetched. */
  requests: number;
  /** Keys whose links could not be fetched (e.g. no access); the search went on without them. */
  unreachable: string[];
}

function norm(key: string): string {
  return key.trim().toUpperCase();
}

/**
 * Would `source <relationship> target` close a dependency cycle? Only
 * `depends on` and `is dependent by` can; anything else answers at once.
 */
export async function findDependencyCycle(
  source: string,
  target: string,
  relationship: IssueRelationship,
  fetchLinks: FetchLinks,
  options: CycleSearchOptions = {},
): Promise<CycleSearchResult> {
  const { maxDepth = 6, maxRequests = 30, signal } = options;
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const result: CycleSearchResult = { cycle: undefined, complete: true, requests: 0, unreachable: [] };

  // The new edge runs dependent → dependency; a cycle is a path back.
  let dependent: string;
  let dependency: string;
  if (relationship === 'depends on') {
    [dependent, dependency] = [norm(source), norm(target)];
  } else if (relationship === 'is dependent by') {
    [dependent, dependency] = [norm(target), norm(source)];
  } else {
    return result;
  }
  signal?.throwIfAborted();
  if (dependent === dependency) {
    result.cycle = [dependent, dependent];
    return result;
  }

  // cameFrom doubles as the visited set: each key enters the frontier once.
  const cameFrom = new Map<string, string | undefined>([[dependency, undefined]]);
  const pathTo = (key: string): string[] => {
    const path: string[] = [];
    for (let k: string | undefined = key; k !== undefined; k = cameFrom.get(k)) path.push(k);
    return path.reverse();
  };

  let frontier = [dependency];
  for (let depth = 0; frontier.length > 0; depth++) {
    if (depth >= maxDepth) {
      result.complete = false;
      return result;
    }
    const next: string[] = [];
    for (let i = 0; i < frontier.length; i += concurrency) {
      const budget = maxRequests - result.requests;
      if (budget <= 0) {
        result.complete = false;
        return result;
      }
      const chunk = frontier.slice(i, i + Math.min(concurrency, budget));
      signal?.throwIfAborted();
      result.requests += chunk.length;
      const lists = await Promise.allSettled(chunk.map((key) => fetchLinks(key, signal)));
      signal?.throwIfAborted();

      // Results are read in frontier order so the answer does not depend on timing.
      for (let j = 0; j < chunk.length; j++) {
        const from = chunk[j];
        const settled = lists[j];
        if (settled.status === 'rejected') {
          result.unreachable.push(from);
          result.complete = false;
          continue;
        }
        for (const link of settled.value) {
          if (relationshipOfLink(link) !== 'depends on' || !link.object?.key) continue;
          const to = norm(link.object.key);
          if (to === dependent) {
            result.cycle = [dependent, ...pathTo(from), dependent];
            result.complete = true;
            return result;
          }
          if (!cameFrom.has(to)) {
            cameFrom.set(to, from);
            next.push(to);
          }
        }
      }
      // A chunk cut short by the request budget leaves keys unexplored.
      if (chunk.length < Math.min(concurrency, frontier.length - i)) {
        result.complete = false;
        return result;
      }
    }
    frontier = next;
  }
  return result;
}

/** "TREK-15 → TREK-12 → TREK-14 → TREK-15". */
export function formatCycle(cycle: readonly string[]): string {
  return cycle.join(' → ');
}
