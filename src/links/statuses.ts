// Status categories and what they say about an issue's links: open blockers,
// how many sub-issues or epic issues are done, deadline conflicts. The
// category of a status comes from the server's own list (`GET /v3/statuses`,
// whose `type` is new, inProgress, paused, done or cancelled — get-statuses);
// only a status that list does not know is guessed from its key, and each
// guess is reported once so the log says which statuses were guessed. Pure: no
// VS Code, so every rule here is unit-tested in plain Node.

import type { Issue, IssueLink, Status, StatusRef } from '../tracker/types';
import { statusCategory as guessFromKey, type StatusCategory } from './grouping';
import { groupIdOfLink, type LinkGroupId } from './relationships';

export type { StatusCategory };

/** A status's category as one function: every place that colours or counts statuses takes one. */
export type Classify = (status: StatusRef | string | undefined) => StatusCategory;

/**
 * The documented status types (get-statuses, create-status) as our categories;
 * `cancelled` is finished work too, so it counts as done. Anything else is not
 * a type we know.
 */
export function categoryOfType(type: unknown): StatusCategory | undefined {
  switch (type) {
    case 'new':
      return 'new';
    case 'inProgress':
      return 'inProgress';
    case 'paused':
      return 'paused';
    case 'done':
    case 'cancelled':
      return 'done';
    default:
      return undefined;
  }
}

const lower = (s: string): string => s.toLowerCase();

/** The server's statuses, asked once per connection; a guess from the key only for a status it does not list. */
export class StatusCatalog {
  private readonly byKey = new Map<string, StatusCategory>();
  private readonly byId = new Map<string, StatusCategory>();
  private readonly guessed = new Set<string>();

  /**
   * `statuses` undefined: the list could not be read (or not yet), so every
   * status is guessed. `onGuess` hears each guessed key once.
   */
  constructor(
    statuses: readonly Status[] | undefined,
    private readonly onGuess?: (key: string, category: StatusCategory) => void,
  ) {
    for (const s of statuses ?? []) {
      const c = categoryOfType(s?.type);
      if (!c || typeof s.key !== 'string') continue;
      this.byKey.set(lower(s.key), c);
      if (s.id !== undefined && s.id !== null) this.byId.set(String(s.id), c);
    }
  }

  /** How many statuses the server listed with a known type. */
  get size(): number {
    return this.byKey.size;
  }

  /** The category of a status: the server's word when it listed the status, else a logged guess from its key. */
  readonly categoryOf: Classify = (status) => {
    if (!status) return 'unknown';
    const ref = typeof status === 'string' ? { key: status } : status;
    const known = (ref.key && this.byKey.get(lower(ref.key))) || (ref.id !== undefined && this.byId.get(String(ref.id)));
    if (known) return known;
    const guess = guessFromKey(ref.key);
    const key = ref.key ?? ref.id ?? '';
    if (key && !this.guessed.has(key)) {
      this.guessed.add(key);
      this.onGuess?.(key, guess);
    }
    return guess;
  };

  isDone(status: StatusRef | string | undefined): boolean {
    return this.categoryOf(status) === 'done';
  }
}

// ---- what the links say ------------------------------------------------------

interface Progress {
  total: number;
  done: number;
  /** Not done (unknown counts as open: better a false "open" than a hidden blocker). */
  open: number;
}

export function progressOf(links: readonly IssueLink[], classify: Classify): Progress {
  let done = 0;
  for (const l of links) if (classify(l.status) === 'done') done++;
  return { total: links.length, done, open: links.length - done };
}

/** The links of one group of an issue's list (e.g. `blockedBy`: the issues it depends on). */
function linksInGroup(links: readonly IssueLink[], group: LinkGroupId): IssueLink[] {
  return links.filter((l) => groupIdOfLink(l) === group);
}

/** The issues this one depends on that are not done: its open blockers. */
export function openBlockers(links: readonly IssueLink[], classify: Classify): IssueLink[] {
  return linksInGroup(links, 'blockedBy').filter((l) => classify(l.status) !== 'done');
}

/**
 * Keys of the open blockers in `before` that are done in `after`: a refresh
 * that shows this has news for the user. A blocker that left the list (its
 * link removed) is no news.
 */
export function resolvedBlockers(before: readonly IssueLink[], after: readonly IssueLink[], classify: Classify): string[] {
  const wasOpen = new Set(openBlockers(before, classify).map((l) => lower(l.object.key)));
  return linksInGroup(after, 'blockedBy')
    .filter((l) => wasOpen.has(lower(l.object.key)) && classify(l.status) === 'done')
    .map((l) => l.object.key);
}

/** `YYYY-MM-DD` (import-ticket.md) → a comparable day number; anything else → undefined. */
function deadlineDay(deadline: unknown): number | undefined {
  if (typeof deadline !== 'string') return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(deadline);
  if (!m) return undefined;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isNaN(t) ? undefined : t / 86_400_000;
}

/**
 * A dependent that must be finished before one of its blockers (its deadline
 * is earlier): the plan cannot hold, as Tracker's Gantt chart marks in red.
 * A done blocker no longer holds anything up.
 */
export function deadlineConflict(
  dependent: Pick<Issue, 'deadline'> | undefined,
  blocker: Pick<Issue, 'deadline' | 'status'> | undefined,
  classify: Classify,
): boolean {
  const a = deadlineDay(dependent?.deadline);
  const b = deadlineDay(blocker?.deadline);
  if (a === undefined || b === undefined) return false;
  if (classify(blocker?.status) === 'done') return false;
  return a < b;
}

/** Keys whose issue fields a deadline check of `links` (seen from an issue with these links) needs: blockers and dependents. */
export function deadlinePartners(links: readonly IssueLink[]): string[] {
  return links.filter((l) => {
    const g = groupIdOfLink(l);
    return g === 'blockedBy' || g === 'blocks';
  }).map((l) => l.object.key);
}
