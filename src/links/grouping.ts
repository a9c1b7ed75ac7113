// Turns an issue's link list into the ordered groups of the links tree.
// One pass buckets the links; each bucket is then sorted on precomputed keys,
// so thousands of links cost next to nothing.

import type { IssueLink, StatusRef } from '../tracker/types';
import { parseKey } from '../keys/keys';
import { groupIdOfLink, LINK_GROUPS, type LinkGroupInfo } from './relationships';

export type StatusCategory = 'new' | 'inProgress' | 'paused' | 'done' | 'unknown';

/** Sort order inside a group: open work first, finished work sinks to the bottom. */
const STATUS_CATEGORY_ORDER: readonly StatusCategory[] = ['new', 'inProgress', 'paused', 'unknown', 'done'];

interface LinkGroup {
  group: LinkGroupInfo;
  /** Sorted by status category, then key (queue, then number). */
  links: IssueLink[];
  count: number;
}

// Keys are compared lower-case with separators removed, so `in_progress`,
// `In Progress` and `inProgress` are one status.
const CATEGORY_BY_KEY = new Map<string, StatusCategory>();
function add(category: StatusCategory, keys: string[]): void {
  for (const k of keys) CATEGORY_BY_KEY.set(k, category);
}
add('new', ['new', 'open', 'opened', 'reopened', 'backlog', 'todo', 'draft', 'triage', 'planned',
  'selectedfordev', 'readyfordev', 'readyfordevelopment', 'estimation']);
add('inProgress', ['inprogress', 'started', 'active', 'development', 'indevelopment', 'review', 'inreview',
  'codereview', 'needreview', 'testing', 'intesting', 'test', 'qa', 'readyfortest', 'readyforrelease',
  'tested', 'rc', 'deploying', 'inwork']);
add('paused', ['paused', 'needinfo', 'needsinfo', 'onhold', 'hold', 'blocked', 'waiting', 'awaiting',
  'postponed', 'suspended', 'frozen']);
add('done', ['done', 'resolved', 'closed', 'cancelled', 'canceled', 'fixed', 'rejected', 'wontfix',
  'released', 'completed', 'finished', 'duplicate', 'archived', 'declined']);

function normalise(key: string): string {
  return key.toLowerCase().replace(/[^a-z]/g, '');
}

type KeyHolder = { key?: string } | string | undefined;

function keyOf(v: KeyHolder): string | undefined {
  return typeof v === 'string' ? v : v?.key;
}

/**
 * Status category from the server's status type (when it sends one) or else
 * the status key. Anything unrecognised is `unknown`.
 */
export function statusCategory(status?: StatusRef | KeyHolder, statusType?: KeyHolder): StatusCategory {
  for (const k of [keyOf(statusType), keyOf(status)]) {
    if (!k) continue;
    const c = CATEGORY_BY_KEY.get(normalise(k));
    if (c) return c;
  }
  return 'unknown';
}

const CATEGORY_RANK: Record<StatusCategory, number> = Object.fromEntries(
  STATUS_CATEGORY_ORDER.map((c, i) => [c, i]),
) as Record<StatusCategory, number>;

interface Decorated {
  link: IssueLink;
  rank: number;
  queue: string;
  num: number;
}

function compareDecorated(a: Decorated, b: Decorated): number {
  if (a.rank !== b.rank) return a.rank - b.rank;
  if (a.queue !== b.queue) return a.queue < b.queue ? -1 : 1;
  return a.num - b.num;
}

/** Some servers put the linked issue's status type on the link; accept it when present. */
type LinkWithStatusType = IssueLink & { statusType?: { key?: string } };

const byKeyOrType = (link: IssueLink): StatusCategory => statusCategory(link.status, (link as LinkWithStatusType).statusType);

/**
 * Ordered, non-empty groups of links for the tree. `categoryOf` is the
 * server's status categories (links/statuses.ts) where known; without it the
 * order is guessed from the status keys.
 */
export function groupLinks(links: readonly IssueLink[], categoryOf: (link: IssueLink) => StatusCategory = byKeyOrType): LinkGroup[] {
  const buckets: Decorated[][] = LINK_GROUPS.map(() => []);
  for (const link of links) {
    const key = link.object?.key ?? '';
    const parsed = parseKey(key);
    buckets[groupOrder(link)].push({
      link,
      rank: CATEGORY_RANK[categoryOf(link)] ?? CATEGORY_RANK.unknown,
      // Non-keys sort after keys of any queue (\uffff), by raw text.
      queue: parsed ? parsed.queue : `\uffff${key}`,
      num: parsed ? parsed.number : 0,
    });
  }
  const out: LinkGroup[] = [];
  buckets.forEach((bucket, order) => {
    if (bucket.length === 0) return;
    bucket.sort(compareDecorated);
    out.push({ group: LINK_GROUPS[order], links: bucket.map((d) => d.link), count: bucket.length });
  });
  return out;
}

const ORDER_BY_ID = new Map(LINK_GROUPS.map((g) => [g.id, g.order]));

function groupOrder(link: IssueLink): number {
  return ORDER_BY_ID.get(groupIdOfLink(link)) as number;
}
