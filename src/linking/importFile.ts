// `Tracker: Import Links from File…`: a CSV or JSON file of links with their
// authorship. Every row is validated before anything is sent; the valid rows
// are imported in file order, one `_import` each, with a cancellable
// progress. Links that already exist are skipped, so a re-run after a
// failure or a cancel creates only what is missing; a JSON-lines result log
// is written next to the file (or to the log channel when that fails).

import * as vscode from 'vscode';
import { detectFormat, parseImportFile } from '../links/importFiles';
import { resultLogLine, type ImportOutcome, type ParsedRow } from '../links/importRows';
import { decodeText } from '../links/csv';
import { isJiraExport } from '../migrate';
import type { Services } from '../kernel/services';
import { describeError, fixButtons } from '../kernel/errors';
import { answerLostCountText } from '../kernel/ambiguous';
import { byCount } from '../kernel/counts';
import { cancellationOf, ensureSignedIn } from '../kernel/flow';
import { chooseAndReadFile } from '../kernel/fileInput';
import { sendImportRows, showImportSummary } from '../kernel/importSend';
import { fileProblemText, placeText, rowProblemText } from './text';

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
  /** A Jira export: handed to Migrate Links from Jira Export. */
  handedOver?: boolean;
}

export async function importLinksFromFile(s: Services, arg?: unknown, options?: unknown): Promise<ImportFileResult> {
  const result: ImportFileResult = { total: 0, invalid: 0, created: 0, skipped: 0, failed: [], answerLost: 0, unknown: 0, notAttempted: 0, cancelled: true };
  const cancellation = cancellationOf(options);
  if (!(await ensureSignedIn(s))) return result;
  const chosen = await chooseAndReadFile(arg, chooseFile, (bytes) => decodeText(bytes).text);
  if (!chosen) return result;
  const { uri, name, content: text } = chosen;
  result.file = uri.toString();
  if (text === undefined) return result;
  if (isJiraExport(text)) {
    // A Jira export, not Tracker's rows: the migration flow maps it (keys, users, types, dates) first.
    result.handedOver = true;
    await vscode.commands.executeCommand('tracker.migrateFromJira', uri, options);
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
  if (!parsed.rows.length) {
    result.summary = vscode.l10n.t('Nothing imported from {0}: no valid rows ({1} with problems, see the log).', name, parsed.bad.length);
    const fix = fixButtons(s.log);
    void vscode.window.showErrorMessage(result.summary, ...fix.buttons).then(fix.act);
    return result;
  }
  if (parsed.bad.length) {
    const go = byCount(parsed.rows.length, vscode.l10n.t('Import the valid row'), vscode.l10n.t('Import the {0} valid rows', parsed.rows.length));
    const bad = parsed.bad.length;
    const shown = problems.slice(0, 8).join('\n') + (problems.length > 8 ? '\n' + vscode.l10n.t('…and {0} more in the log.', problems.length - 8) : '');
    const answer = await s.prompts.ask(
      byCount(
        bad,
        vscode.l10n.t('{0} of {1} rows in {2} has problems and will not be imported.', bad, parsed.total, name),
        vscode.l10n.t('{0} of {1} rows in {2} have problems and will not be imported.', bad, parsed.total, name),
      ),
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

  const sent = await sendImportRows(s, parsed.rows, {
    title: vscode.l10n.t('Importing links from {0}', name),
    cancellation,
    onOutcome: (p, o) => {
      if (o.kind === 'skipped') {
        result.skipped++;
        record(p, 'skipped', { reason: 'already linked' });
      } else if (o.kind === 'created') {
        result.created++;
        if (o.answerLost) result.answerLost++;
        record(p, 'created', { linkId: o.link.id, ...(o.answerLost ? { reason: "Tracker's answer was lost; found by reading the links again" } : {}) });
      } else {
        if (o.unknown) result.unknown++;
        result.failed.push({ place: placeText(p.place), reason: o.reason });
        record(p, 'failed', { reason: o.reason });
      }
    },
  });
  result.cancelled = sent.cancelled;
  result.notAttempted = sent.notAttempted;

  result.resultLog = await writeResultLog(s, uri, lines);
  result.summary = summarize(result, name);
  showImportSummary(s, result.summary, { failed: result.failed.length, cancelled: result.cancelled, resultFile: result.resultLog, openLabel: vscode.l10n.t('Open Result Log') });
  return result;
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
  if (r.answerLost) parts.push(answerLostCountText(r.answerLost));
  if (r.invalid) parts.push(byCount(r.invalid, vscode.l10n.t('{0} invalid row was not imported.', r.invalid), vscode.l10n.t('{0} invalid rows were not imported.', r.invalid)));
  if (r.cancelled) {
    const n = r.notAttempted;
    parts.push(byCount(n, vscode.l10n.t('Cancelled: {0} row not attempted; run the import again to finish.', n), vscode.l10n.t('Cancelled: {0} rows not attempted; run the import again to finish.', n)));
  }
  if (r.failed.length) parts.push(r.failed.slice(0, 3).map((f) => `${f.place}: ${f.reason}`).join(' '));
  return parts.join(' ');
}
