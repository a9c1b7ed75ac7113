// Sending `_import` rows one at a time, for every flow that imports many
// links (a Tracker-shaped file, a Jira migration): a cancellable progress
// n/total; each source's links listed once (through the store) so a row
// Tracker already has is skipped and a re-run sends only what is missing;
// a final 429 waited out (the server did not process it, so it cannot be
// created twice); a lost answer never sent again but settled by reading the
// links. The caller records each outcome its own way; `showImportSummary`
// is the one notification at the end.

import * as vscode from 'vscode';
import { importBody, type ImportRow } from '../links/importRows';
import { findIssueLink } from '../links/outcome';
import { isTrackerError } from '../tracker/errors';
import type { IssueLink } from '../tracker/types';
import type { Services } from './services';
import { failureReason, fixButtons } from './errors';
import { withCancellableProgress } from './flow';
import { settleIssueLink, unknownOutcomeText } from './ambiguous';
import { relationshipSentence } from './linkWords';

type SendOutcome =
  | { kind: 'created'; link: IssueLink; answerLost: boolean }
  /** Tracker already has this link. */
  | { kind: 'skipped' }
  /** `unknown`: the answer was lost and the check failed too (a re-run skips it if it exists). */
  | { kind: 'failed'; reason: string; unknown: boolean };

interface SendOptions<T> {
  /** The progress notification's title. */
  title: string;
  /** Cancels like the notification's Cancel button. */
  cancellation?: vscode.CancellationToken;
  onOutcome: (item: T, outcome: SendOutcome, index: number) => void;
}

interface SendResult {
  cancelled: boolean;
  /** Rows not attempted because of a cancel. */
  notAttempted: number;
}

/**
 * The one notification at the end of an import: a warning when a row failed
 * or the run was cancelled (there is something left to do), else
 * information; `openLabel` opens the file of results when it could be
 * written, Show Log the log channel.
 */
export function showImportSummary(s: Services, summary: string, o: { failed: number; cancelled: boolean; resultFile?: string; openLabel: string }): void {
  const fix = fixButtons(s.log);
  const buttons = o.resultFile ? [o.openLabel, ...fix.buttons] : fix.buttons;
  const warn = o.failed > 0 || o.cancelled;
  const shown = warn ? vscode.window.showWarningMessage(summary, ...buttons) : vscode.window.showInformationMessage(summary, ...buttons);
  void shown.then((c) => {
    if (c === o.openLabel && o.resultFile) void vscode.window.showTextDocument(vscode.Uri.parse(o.resultFile));
    else fix.act(c);
  });
}

/** Row-level retries after the client's own 429 retries gave up. */
const RATE_LIMIT_ROUNDS = 4;
const MAX_WAIT_MS = 60_000;

export async function sendImportRows<T extends { row: ImportRow }>(s: Services, items: readonly T[], o: SendOptions<T>): Promise<SendResult> {
  const result: SendResult = { cancelled: false, notAttempted: 0 };
  const stop = (i: number) => {
    result.notAttempted = items.length - i;
    result.cancelled = true;
  };
  // One piece of news for the views at the end, not one per row.
  await s.store.batch(() =>
    withCancellableProgress(
      o.title,
      async (progress, signal, token) => {
        // Each source's links are listed once, before its first row.
        const existing = new Map<string, Promise<IssueLink[]>>();
        for (let i = 0; i < items.length; i++) {
          if (token.isCancellationRequested) return stop(i);
          progress.report({ message: `${i + 1}/${items.length}`, increment: 100 / items.length });
          const item = items[i];
          const { row } = item;
          let links: IssueLink[];
          try {
            if (!existing.has(row.source)) existing.set(row.source, s.store.getLinks(row.source, { signal }));
            links = await (existing.get(row.source) as Promise<IssueLink[]>);
          } catch (e) {
            if (token.isCancellationRequested) return stop(i);
            // The failed read stays: the source's other rows fail with it, without asking again.
            o.onOutcome(item, { kind: 'failed', reason: failureReason(e, row.source), unknown: false }, i);
            continue;
          }
          if (findIssueLink(links, row.relationship, row.target) !== undefined) {
            o.onOutcome(item, { kind: 'skipped' }, i);
            continue;
          }
          const sent = await importRow(s, row, signal);
          if (sent.link) {
            // Later rows (duplicates) see this link as existing.
            links.push(sent.link);
            o.onOutcome(item, { kind: 'created', link: sent.link, answerLost: false }, i);
            continue;
          }
          if (sent.cancelled) return stop(i);
          // Never sent again: after a 5xx, drop or timeout, read whether it is there.
          const v = await settleIssueLink(s, row.source, row.relationship, row.target, sent.error);
          if (v.kind === 'created') {
            links.push(v.found);
            o.onOutcome(item, { kind: 'created', link: v.found, answerLost: true }, i);
          } else if (v.kind === 'unknown') {
            // The next row of this source must not trust the list read before.
            existing.delete(row.source);
            o.onOutcome(item, { kind: 'failed', reason: unknownOutcomeText(relationshipSentence(row.relationship, row.source, row.target), v), unknown: true }, i);
          } else {
            o.onOutcome(item, { kind: 'failed', reason: failureReason(sent.error, row.source), unknown: false }, i);
          }
        }
      },
      o.cancellation,
    ),
  );
  return result;
}

/**
 * One `_import`, retried only after a final 429: the client already retried
 * within its budget; here the row waits for Retry-After, a bounded number of
 * times. No signal on the POST itself: cancelling stops before the next one.
 */
async function importRow(s: Services, row: ImportRow, signal: AbortSignal): Promise<{ link?: IssueLink; error?: unknown; cancelled?: boolean }> {
  for (let round = 0; ; round++) {
    try {
      return { link: await s.store.importLink(row.source, importBody(row)) };
    } catch (e) {
      if (!(isTrackerError(e) && e.kind === 'rateLimited') || round >= RATE_LIMIT_ROUNDS) {
        s.errors.logDetails(e, `Import ${row.source} ${row.relationship} ${row.target}`);
        return { error: e };
      }
      const wait = Math.min(MAX_WAIT_MS, Math.max(e.retryAfterMs ?? 0, 1000 * 2 ** round));
      s.log.warn(`Import ${row.source} ${row.relationship} ${row.target}: rate-limited; trying again in ${wait} ms`);
      if (!(await sleep(wait, signal))) return { cancelled: true };
    }
  }
}

/** Resolves false when aborted. */
function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
