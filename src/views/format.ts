// Pure text helpers of the views: no VS Code here, so they are unit-tested in
// plain Node. Menus in package.json match the context values with regexes
// (`viewItem =~ /removable/`), so their shape is part of the manifest's contract.

import type { IssueLink } from '../tracker/types';
import { markdownLinkTarget } from '../kernel/markdownTarget';

/** `[TREK-12: Fix \[x\]](url)`: brackets and backslashes in the summary are escaped. */
export function markdownLink(key: string, summary: string | undefined, url: string): string {
  const text = summary ? `${key}: ${summary}` : key;
  const escaped = text.replace(/[\\[\]]/g, (c) => `\\${c}`);
  return `[${escaped}](${markdownLinkTarget(url)})`;
}

/** Keeps a value usable inside a dotted context value. */
function token(s: string): string {
  return s.replace(/[^A-Za-z0-9_-]+/g, '_') || '_';
}

/**
 * Context value of a linked issue: kind, removability, link type and
 * direction, e.g. `linkedIssue.removable.type-depends.dir-outward`; an issue
 * already shown higher up on its path gets `.repeated`.
 */
export function linkedIssueContext(link: Pick<IssueLink, 'id' | 'type' | 'direction'>, repeated = false): string {
  const parts = ['linkedIssue'];
  // Every listed link has an id the DELETE endpoint takes; whether the user
  // may delete it is the server's call (a 403 is explained when it comes).
  if (Number.isFinite(link.id)) parts.push('removable');
  parts.push(`type-${token(link.type?.id ?? 'unknown')}`, `dir-${token(link.direction ?? 'unknown')}`);
  if (repeated) parts.push('repeated');
  return parts.join('.');
}

/** Context value of an entity link, e.g. `entityLink.rel-depends_on.type-project`. */
export function entityLinkContext(relationship: string, entityType: string): string {
  return `entityLink.rel-${token(relationship)}.type-${token(entityType)}`;
}

/**
 * Tracker dates look like `2017-08-29T12:34:41.740+0000`; the offset without
 * a colon is not ISO 8601, so it is rewritten before parsing.
 */

