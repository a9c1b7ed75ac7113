// Loads what an issue's hover card shows: the issue and its links, through
// the link store (services.store: kept lists, concurrent reads share one request).
// Pure: no VS Code import, so cancellation and error handling are unit-tested.

import { isCancelled, isTrackerError } from '../tracker/errors';
import type { Issue, IssueLink } from '../tracker/types';

/** The part of the link store the hover needs. */
export interface IssueSource {
  getIssue(key: string, o?: { signal?: AbortSignal }): Promise<Issue>;
  getLinks(key: string, o?: { signal?: AbortSignal }): Promise<IssueLink[]>;
}

export type IssueCard =
  | { kind: 'issue'; issue: Issue; links?: IssueLink[]; linksError?: unknown }
  | { kind: 'notFound' }
  | { kind: 'error'; error: unknown }
  | { kind: 'cancelled' };

/**
 * Asks for the issue and its links in parallel (one round trip of latency).
 * Never throws: a 404 is `notFound`, an aborted signal is `cancelled`, and a
 * failure of the links alone still shows the issue.
 */
export async function loadIssueCard(source: IssueSource, key: string, signal?: AbortSignal): Promise<IssueCard> {
  if (signal?.aborted) return { kind: 'cancelled' };
  const [issue, links] = await Promise.allSettled([source.getIssue(key, { signal }), source.getLinks(key, { signal })]);
  if (signal?.aborted) return { kind: 'cancelled' };
  if (issue.status === 'rejected') {
    const e: unknown = issue.reason;
    if (isCancelled(e)) return { kind: 'cancelled' };
    if (isTrackerError(e) && e.kind === 'notFound') return { kind: 'notFound' };
    return { kind: 'error', error: e };
  }
  if (links.status === 'rejected') {
    if (isCancelled(links.reason)) return { kind: 'cancelled' };
    return { kind: 'issue', issue: issue.value, linksError: links.reason };
  }
  return { kind: 'issue', issue: issue.value, links: links.value };
}
