// What became of a create whose answer did not arrive. A POST is never
// repeated after a failure where Tracker may have acted (`mayHaveActed`: it
// may have stored it before the answer was lost, and a second POST would make
// a duplicate); instead the links are read again and the answer is decided
// from what is there. Pure (no VS Code): the commands do the reading and the
// words, this module decides.

import { mayHaveActed } from '../tracker/errors';
import type { EntityLink, IssueLink, IssueRelationship } from '../tracker/types';
import { relationshipOfLink } from './relationships';

/**
 * The link `relationship` → `target` in the links listed on the source issue,
 * if there: type and direction as relationshipOfLink reads them, the target
 * by key (any case) or id.
 */
export function findIssueLink(links: readonly IssueLink[], relationship: IssueRelationship, target: string): IssueLink | undefined {
  const t = target.toUpperCase();
  return links.find(
    (l) => relationshipOfLink(l) === relationship && (l.object?.key?.toUpperCase() === t || l.object?.id?.toUpperCase() === t),
  );
}

/**
 * Splits `targets` into those linked to the listing entity with
 * `relationship` and those not. A target given as an id or as a numeric
 * shortId both match; numbers are per kind, so with `targetType` a number
 * matches only a link whose kind is that one (or was not given).
 */
export function entityLinksPresent(
  links: readonly EntityLink[],
  relationship: string,
  targets: readonly string[],
  targetType?: string,
): { present: string[]; missing: string[] } {
  const linked = new Set<string>();
  for (const l of links) {
    if (l.type !== relationship) continue;
    const v = l.linkFieldValues;
    if (v?.id) linked.add(v.id.toLowerCase());
    const sameKind = !targetType || v?.entityType === undefined || v.entityType === targetType;
    if (v?.shortId !== undefined && sameKind) linked.add(String(v.shortId));
  }
  const present: string[] = [];
  const missing: string[] = [];
  for (const t of targets) (linked.has(t.toLowerCase()) ? present : missing).push(t);
  return { present, missing };
}

/** The verdict on a create that failed. */
export type CreateVerdict<T> =
  /** Not stored: refused outright, or the re-read shows it is not there. */
  | { kind: 'failed'; error: unknown }
  /** Stored although the answer was lost: `found` is what the re-read shows. */
  | { kind: 'created'; error: unknown; found: T }
  /** The answer was lost and the re-read failed too: nobody knows. */
  | { kind: 'unknown'; error: unknown; readError: unknown };

/**
 * Decides a failed create: an unambiguous error is a failure as it is; after
 * an ambiguous one, `read` (which must bypass every cache) lists what is
 * there and `find` says whether the create is in it. Never repeats the create.
 */
export async function settleFailedCreate<L, T>(
  error: unknown,
  read: () => Promise<L>,
  find: (listed: L) => T | undefined,
): Promise<CreateVerdict<T>> {
  if (!mayHaveActed(error)) return { kind: 'failed', error };
  let listed: L;
  try {
    listed = await read();
  } catch (readError) {
    return { kind: 'unknown', error, readError };
  }
  const found = find(listed);
  return found === undefined ? { kind: 'failed', error } : { kind: 'created', error, found };
}
