// The dependency-cycle check before new links are made, shared by the Add
// Link flow and the chat tools: one bounded search per target over the link
// store (so what was read is not read again), the limits in one place.

import * as vscode from 'vscode';
import { findDependencyCycle, formatCycle } from '../links/cycles';
import type { IssueRelationship } from '../tracker/types';
import type { Services } from './services';

/** Longest chain followed and most link lists read per target. */
const CYCLE_CHECK_LIMITS = { maxDepth: 6, maxRequests: 30 } as const;

/**
 * The cycles `source <relationship> target` would close, one per target that
 * closes one (in dependency order, first key repeated at the end). Only
 * dependencies can; a search cut short by its limits is logged and counts as
 * no cycle. Aborting rejects.
 */
export async function dependencyCycles(
  s: Services,
  source: string,
  targets: readonly string[],
  relationship: IssueRelationship,
  signal?: AbortSignal,
): Promise<string[][]> {
  const found: string[][] = [];
  for (const target of targets) {
    const r = await findDependencyCycle(source, target, relationship, (key, sig) => s.store.getLinks(key, { signal: sig }), {
      ...CYCLE_CHECK_LIMITS,
      signal,
    });
    if (r.cycle) found.push(r.cycle);
    else if (!r.complete) s.log.info(`Cycle check for ${source} ${relationship} ${target} stopped early after ${r.requests} requests.`);
  }
  return found;
}

/**
 * The warning before a link that would close cycles, in one wording for Add
 * Link's question and the chat tool's confirmation (each lays it out its own
 * way): the headline, each cycle as a chain, what a cycle means.
 */
export function cycleWarning(cycles: readonly string[][]): { title: string; cycles: string[]; meaning: string } {
  return {
    title: vscode.l10n.t('This would create a dependency cycle.'),
    cycles: cycles.map((c) => formatCycle(c)),
    meaning: vscode.l10n.t('Each issue would wait for the next one, and the last waits for the first.'),
  };
}
