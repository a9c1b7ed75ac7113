// A create whose answer was lost (5xx, dropped connection, timeout): never
// sent again, but checked with a fresh read of the links, then reported as
// created, failed, or unknown. The decision is src/links/outcome.ts; this is
// the reading, the log lines, the refresh and the words.

import * as vscode from 'vscode';
import { entityLinksPresent, findIssueLink, settleFailedCreate, type CreateVerdict } from '../links/outcome';
import type { EntityType, IssueLink, IssueRelationship } from '../tracker/types';
import type { Services } from './services';
import { briefError, describeError } from './errors';

/**
 * Settles a failed issue-link create (`POST /links` or `/links/_import`) on
 * `source`: after an ambiguous failure, the source's links are read from
 * Tracker (no cache) and searched for `relationship` → `target`.
 */
export async function settleIssueLink(
  s: Services,
  source: string,
  relationship: IssueRelationship,
  target: string,
  error: unknown,
): Promise<CreateVerdict<IssueLink>> {
  const what = `${source} ${relationship} ${target}`;
  const v = await settleFailedCreate(
    error,
    () => s.store.getLinks(source, { maxAgeMs: 0 }),
    (links) => findIssueLink(links, relationship, target),
  );
  logVerdict(s, what, v);
  if (v.kind === 'created') s.store.adopt(source, v.found);
  if (v.kind === 'unknown') refreshIssues(s, source, target);
  return v;
}

/**
 * Settles a failed entity-links create: after an ambiguous failure the
 * source entity's links are read again; `found` lists the targets (of kind
 * `targetType`) that are linked now (the create counts as done for them).
 */
export async function settleEntityLinks(
  s: Services,
  type: EntityType,
  id: string,
  relationship: string,
  targets: readonly string[],
  error: unknown,
  targetType: EntityType = type,
): Promise<CreateVerdict<string[]>> {
  const v = await settleFailedCreate(
    error,
    () => s.api().getEntityLinks(type, id, { fresh: true }),
    (links) => {
      const { present } = entityLinksPresent(links, relationship, targets, targetType);
      return present.length ? present : undefined;
    },
  );
  logVerdict(s, `${type} ${id} ${relationship} ${targets.join(', ')}`, v);
  if (v.kind === 'unknown') s.events.entityLinksChanged(type, id, ...targets);
  return v;
}

/**
 * After an unknown outcome nothing cached about these issues can be trusted:
 * forget it and tell the views, which read again.
 */
function refreshIssues(s: Services, ...keys: string[]): void {
  s.store.invalidate(...keys);
}

function logVerdict<T>(s: Services, what: string, v: CreateVerdict<T>): void {
  const why = describeError(v.error);
  if (v.kind === 'created') s.log.warn(`${what}: the answer was lost (${why}), but the link is there: counted as created.`);
  else if (v.kind === 'unknown') s.log.warn(`${what}: the answer was lost (${why}) and reading the links failed too (${describeError(v.readError)}): outcome unknown.`);
}

/** "TREK-12 relates to TREK-23 — created (Tracker's answer was lost)." */
export function answerLostText(sentence: string): string {
  return vscode.l10n.t("{0} — created (Tracker's answer was lost).", sentence);
}

/** "2 of them created although Tracker's answer was lost (…)": the summary of an import that sent many rows. */
export function answerLostCountText(count: number): string {
  return vscode.l10n.t("{0} of them created although Tracker's answer was lost (found by reading the links again).", count);
}

/** "TREK-12 relates to TREK-23 — unknown whether it was created: …" */
export function unknownOutcomeText(sentence: string, v: { error: unknown; readError: unknown }): string {
  return vscode.l10n.t(
    "{0} — unknown whether it was created: Tracker's answer was lost ({1}) and reading the links again failed too ({2}). Refresh and check before trying again.",
    sentence,
    briefError(v.error),
    briefError(v.readError),
  );
}
