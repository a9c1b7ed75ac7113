// `Tracker: Import Links from File…`: a CSV or JSON file of links with their
// authorship. Every row is validated before anything is sent; the valid rows
// are imported in file order, one `_import` each, with a cancellable
// progress. Links that already exist are skipped, so a re-run after a
// failure or a cancel creates only what is missing; a JSON-lines result log
// is written next to the file (or to the log channel when that fails).

import * as vscode from 'vscode';
import * as path from 'node:path';
import { detectFormat, parseImportFile } from '../links/importFiles';
import { importBody, resultLogLine, type ImportOutcome, type ImportRow, type ParsedRow } from '../links/importRows';
import { findIssueLink } from '../links/outcome';
import { decodeText } from '../links/csv';
import { isTrackerError } from '../tracker/errors';
import type { IssueLink } from '../tracker/types';
import type { Services } from '../kernel/services';
import { describeError } from '../kernel/errors';
import { ensureSignedIn, withCancellableProgress } from './common';
import { failureReason, fileProblemText, placeText, relationshipSentence, rowProblemText } from './text';
import { settleIssueLink, unknownOutcomeText } from '../kernel/ambiguous';

export interface ImportFileOptions {
  /** Cancels like the progress notification's Cancel button (a seam for tests and callers). */
  cancellation?: vscode.CancellationToken;
}

export interface ImportFileResult {
  file?: string;
  /** Rows in the file, valid or not. */
  total: number;
  invalid: number;
  created: number;
  skipped: number;
  failed: Array<{ place: string; reason: string }>;
  /** Of `created`: created although Tracker's answer was lost (found by reading the links again). */
  answerLost: number;
  /** Of `failed`: the answer was lost and the check failed too (a re-run skips them if they exist). */
  unknown: number;
  notAttempted: number;
  cancelled: boolean;
  /** The JSON-lines result log, when it could be written next to the file. */
  resultLog?: string;
  summary?: string;
}

/** Row-level retries after the client's own 429 retries gave up. */
const RATE_LIMIT_ROUNDS = 4;
const MAX_WAIT_MS = 60_000;

export async function importLinksFromFile(s: Services, arg?: unknown, options?: unknown): Promise<ImportFileResult> {
  const result: ImportFileResult = { total: 0, invalid: 0, created: 0, skipped: 0, failed: [], answerLost: 0, unknown: 0, notAttempted: 0, cancelled: true };
  const cancellation = cancellationOf(options);
  if (!(await ensureSignedIn(s))) return result;
  const uri = arg instanceof vscode.Uri ? arg : await chooseFile();
  if (!uri) return result;
  result.file = uri.toString();
  const name = path.posix.basename(uri.path);

  let text: string;
  try {
    text = decodeText(await vscode.workspace.fs.readFile(uri)).text;
  } catch (e) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not read {0}: {1}', name, describeError(e)));
    return result;
  }
  const parsed = parseImportFile(text, detectFormat(uri.path, text));
  result.total = parsed.total;
  result.invalid = parsed.bad.length;
  if (parsed.fatal) {
    result.summary = vscode.l10n.t('Nothing imported from {0}: {1}', name, fileProblemText(parsed.fatal));
    void vscode.window.showErrorMessage(result.summary);
    return result;
  }

  // Bad rows: all of them to the log, a few in the question, then the user decides.
  const problems = parsed.bad.map((b) => `${placeText(b.place)}: ${b.problems.map(rowProblemText).join('; ')}`);
  problems.forEach((p) => s.log.warn(`Import ${name}: ${p}`));
  const showLog = vscode.l10n.t('Show Log');
  if (!parsed.rows.length) {
    result.summary = vscode.l10n.t('Nothing imported from {0}: no valid rows ({1} with problems, see the log).', name, parsed.bad.length);
    void vscode.window.showErrorMessage(result.summary, showLog).then((c) => c === showLog && s.log.show(true));
    return result;
  }
  if (parsed.bad.length) {
    const go = parsed.rows.length === 1 ? vscode.l10n.t('Import the valid row') : vscode.l10n.t('Import the {0} valid rows', parsed.rows.length);
    const shown = problems.slice(0, 8).join('\n') + (problems.length > 8 ? '\n' + vscode.l10n.t('…and {0} more in the log.', problems.length - 8) : '');
    const answer = await s.prompts.ask(
      vscode.l10n.t('{0} of {1} rows in {2} have problems and will not be imported.', parsed.bad.length, parsed.total, name),
      shown,
      go,
    );
    if (answer !== go) return result;
  }

  result.cancelled = false;
  const lines: string[] = [];
  const record = (p: ParsedRow, outcome: ImportOutcome, extra: { linkId?: number; reason?: string } = {}) => {
    const line = resultLogLine(p.place, p.row, outcome, extra);
    lines.push(line);
    s.log.info(`Import ${name}: ${line}`);
  };

  // One piece of news for the views at the end of the file, not one per row.
  await s.store.batch(() => withCancellableProgress(
    vscode.l10n.t('Importing links from {0}', name),
    async (progress, signal, token) => {
      // Each source's links are listed once, before its first row: the check
      // that makes a re-run skip what an earlier run created.
      const existing = new Map<string, Promise<IssueLink[]>>();
      const rows = parsed.rows;
      for (let i = 0; i < rows.length; i++) {
        if (token.isCancellationRequested) {
          result.notAttempted = rows.length - i;
          result.cancelled = true;
          break;
        }
        progress.report({ message: `${i + 1}/${rows.length}`, increment: 100 / rows.length });
        const p = rows[i];
        const { row } = p;
        let links: IssueLink[];
        try {
          if (!existing.has(row.source)) existing.set(row.source, s.store.getLinks(row.source, { signal }));
          links = await (existing.get(row.source) as Promise<IssueLink[]>);
        } catch (e) {
          if (token.isCancellationRequested) {
            result.notAttempted = rows.length - i;
            result.cancelled = true;
            break;
          }
          const reason = failureReason(e, row.source);
          result.failed.push({ place: placeText(p.place), reason });
          record(p, 'failed', { reason });
          continue;
        }
        if (findIssueLink(links, row.relationship, row.target) !== undefined) {
          result.skipped++;
          record(p, 'skipped', { reason: 'already linked' });
          continue;
        }
        const outcome = await importRow(s, row, signal);
        if (outcome.link) {
          result.created++;
          // Later rows (duplicates in the file) see this link as existing.
          links.push(outcome.link);
          record(p, 'created', { linkId: outcome.link.id });
        } else if (outcome.cancelled) {
          result.notAttempted = rows.length - i;
          result.cancelled = true;
          break;
        } else {
          // Never sent again: after a 5xx, drop or timeout, read whether it is there.
          const v = await settleIssueLink(s, row.source, row.relationship, row.target, outcome.error);
          if (v.kind === 'created') {
            result.created++;
            result.answerLost++;
            links.push(v.found);
            record(p, 'created', { linkId: v.found.id, reason: "Tracker's answer was lost; found by reading the links again" });
          } else {
            const reason =
              v.kind === 'unknown' ? unknownOutcomeText(relationshipSentence(row.relationship, row.source, row.target), v) : failureReason(outcome.error, row.source);
            if (v.kind === 'unknown') {
              result.unknown++;
              // The next row of this source must not trust the list read before.
              existing.delete(row.source);
            }
            result.failed.push({ place: placeText(p.place), reason });
            record(p, 'failed', { reason });
          }
        }
      }
    },
    cancellation,
  ));

  result.resultLog = await writeResultLog(s, uri, lines);
  result.summary = summarize(result, name);
  const openLog = vscode.l10n.t('Open Result Log');
  const buttons = result.resultLog ? [openLog, showLog] : [showLog];
  const warn = result.failed.length > 0 || result.cancelled;
  const shown = warn ? vscode.window.showWarningMessage(result.summary, ...buttons) : vscode.window.showInformationMessage(result.summary, ...buttons);
  void shown.then((c) => {
    if (c === showLog) s.log.show(true);
    else if (c === openLog && result.resultLog) void vscode.window.showTextDocument(vscode.Uri.parse(result.resultLog));
  });
  return result;
}

/**
 * One `_import`, retried only after a final 429 (the server did not process
 * the request, so it cannot be created twice): the client already retried
 * within its budget; here the row waits for Retry-After, a bounded number of
 * times. No signal on the POST itself: cancelling stops before the next one.
 */
async function importRow(
  s: Services,
  row: ImportRow,
  signal: AbortSignal,
): Promise<{ link?: IssueLink; error?: unknown; cancelled?: boolean }> {
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

async function chooseFile(): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    openLabel: vscode.l10n.t('Import'),
    title: vscode.l10n.t('Import Links from File'),
    filters: { [vscode.l10n.t('Links (CSV or JSON)')]: ['csv', 'json'] },
  });
  return picked?.[0];
}

function cancellationOf(options: unknown): vscode.CancellationToken | undefined {
  const c = (options as ImportFileOptions | undefined)?.cancellation;
  return c && typeof c.isCancellationRequested === 'boolean' && typeof c.onCancellationRequested === 'function' ? c : undefined;
}

/** Appends to `<file>.import-log.jsonl` beside the input; undefined when that cannot be written. */
async function writeResultLog(s: Services, uri: vscode.Uri, lines: string[]): Promise<string | undefined> {
  if (!lines.length) return undefined;
  const target = uri.with({ path: `${uri.path}.import-log.jsonl` });
  try {
    let before = '';
    try {
      before = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(target));
    } catch {
      // No log yet.
    }
    if (before && !before.endsWith('\n')) before += '\n';
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(before + lines.join('\n') + '\n'));
    s.log.info(`Import result log: ${target.toString()}`);
    return target.toString();
  } catch (e) {
    s.log.warn(`Could not write the result log next to the file (${describeError(e)}); the results are in this log only.`);
    return undefined;
  }
}

function summarize(r: ImportFileResult, name: string): string {
  const parts = [vscode.l10n.t('{0}: {1} created, {2} skipped (already linked), {3} failed.', name, r.created, r.skipped, r.failed.length)];
  if (r.answerLost) parts.push(vscode.l10n.t("{0} of them created although Tracker's answer was lost (found by reading the links again).", r.answerLost));
  if (r.invalid) parts.push(vscode.l10n.t('{0} invalid rows were not imported.', r.invalid));
  if (r.cancelled) parts.push(vscode.l10n.t('Cancelled: {0} rows not attempted; run the import again to finish.', r.notAttempted));
  if (r.failed.length) parts.push(r.failed.slice(0, 3).map((f) => `${f.place}: ${f.reason}`).join(' '));
  return parts.join(' ');
}
