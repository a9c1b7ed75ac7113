// The dry run as a read-only Markdown document (`tracker-migration:` URIs,
// served from memory, shown in the Markdown preview): every link the file
// holds — source, the relationship as a sentence, target, author, date — with
// its state and problems; once the import has run, what was sent and what
// became of each row. Everything from the file is escaped: it is data,
// never Markdown or HTML.

import * as vscode from 'vscode';
import { rowState, summarizePlan, type Plan, type PlanRow, type RowOutcome } from '../migrate';
import { relationshipSentence } from '../kernel/linkWords';
import { byCount } from '../kernel/counts';
import { problemText, readProblemText, sourceText, stateText } from './text';

export const DRY_RUN_SCHEME = 'tracker-migration';

/**
 * Backslash-escapes what Markdown would read inside a line (emphasis, code,
 * links — `[` is enough to stop one —, HTML, entities) and `|`, which ends a
 * table cell; no line breaks.
 */
function mdText(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').replace(/[\\`*_[\]<>|~&]/g, '\\$&');
}

/** Documents of this session's dry runs; a change re-renders an open preview. */
export class DryRunDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private next = 1;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? vscode.l10n.t('This dry run is no longer available: run the migration again.');
  }

  /** A new document for a file's dry run. */
  create(inputName: string): vscode.Uri {
    return vscode.Uri.from({ scheme: DRY_RUN_SCHEME, path: `/${inputName}.dry-run.md`, query: String(this.next++) });
  }

  set(uri: vscode.Uri, text: string): void {
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** What the import sent after the dry run: the document says it instead of "nothing sent yet". */
interface SentRows {
  outcomes: ReadonlyMap<number, RowOutcome>;
  imported: number;
  failed: number;
  notAttempted: number;
}

const cell = (text: string | number | undefined): string => (text === undefined || text === '' ? '—' : mdText(String(text)));

/** The dry run's state of a row, or once the import has run, what became of it. */
function rowStateText(row: PlanRow, sent: SentRows | undefined): string {
  const o = sent?.outcomes.get(row.n);
  const state = rowState(row);
  if (o?.outcome === 'sent') return vscode.l10n.t('imported');
  if (o?.outcome === 'failed') return vscode.l10n.t('failed: {0}', o.reason);
  if (o?.outcome === 'skipped') return stateText('exists');
  // A row ready to go without an outcome: a cancel stopped the import before it.
  if (sent && state === 'ready') return problemText({ code: 'notAttempted' });
  return stateText(state);
}

function rowLine(row: PlanRow, sent: SentRows | undefined): string {
  const sentence = row.relationship && row.source && row.target ? relationshipSentence(row.relationship, row.source, row.target) : '';
  const f = row.foreign;
  const jira = f ? `${f.outwardKey} ${f.typeName} ${f.inwardKey}` : '';
  const author = row.createdBy === undefined ? row.foreignAuthor : row.foreignAuthor && String(row.createdBy) !== row.foreignAuthor ? `${row.createdBy} (${row.foreignAuthor})` : String(row.createdBy);
  const problems = row.problems.map(problemText).join('; ');
  return `| ${row.n} | ${cell(jira)} | ${cell(row.source)} | ${cell(sentence)} | ${cell(row.target)} | ${cell(author)} | ${cell(row.createdAt)} | ${cell(rowStateText(row, sent))} | ${cell(problems)} |`;
}

/** The dry run's Markdown; `sent`: the import has run since, and this is what it sent. */
export function dryRunMarkdown(plan: Plan, inputName: string, sent?: SentRows): string {
  const s = summarizePlan(plan);
  const out = [
    `# ${mdText(vscode.l10n.t('Dry run: {0}', inputName))}`,
    '',
    mdText(
      sent
        ? vscode.l10n.t('{0}. Sent to Tracker after this dry run: {1} imported, {2} failed, {3} not attempted.', sourceText(plan.source), sent.imported, sent.failed, sent.notAttempted)
        : vscode.l10n.t('{0}. Nothing has been sent to Tracker yet.', sourceText(plan.source)),
    ),
    '',
    `- ${mdText(byCount(s.rows, vscode.l10n.t('{0} link in the file', s.rows), vscode.l10n.t('{0} links in the file', s.rows)))}`,
    `- ${mdText(vscode.l10n.t('{0} to import', s.ready))}`,
    `- ${mdText(vscode.l10n.t('{0} already in Tracker (skipped)', s.exists))}`,
    `- ${mdText(vscode.l10n.t('{0} skipped (see the problems)', s.skipped))}`,
    `- ${mdText(
      byCount(
        s.outsideLifetime,
        vscode.l10n.t("{0} waiting for your answer ({1} date outside its issues' lifetime)", s.blocked, s.outsideLifetime),
        vscode.l10n.t("{0} waiting for your answer ({1} dates outside the issues' lifetime)", s.blocked, s.outsideLifetime),
      ),
    )}`,
  ];
  const fallbacks = s.authorFallback + s.authorUnknown;
  if (fallbacks) out.push(`- ${mdText(byCount(fallbacks, vscode.l10n.t('{0} author falls back to the chosen login', fallbacks), vscode.l10n.t('{0} authors fall back to the chosen login', fallbacks)))}`);
  const estimated = s.dateEstimated;
  if (estimated) out.push(`- ${mdText(byCount(estimated, vscode.l10n.t("{0} date estimated from its issues' creation", estimated), vscode.l10n.t("{0} dates estimated from the issues' creation", estimated)))}`);
  if (plan.unknownTypes.length) {
    out.push('', `## ${mdText(vscode.l10n.t('Unknown link types'))}`, '');
    out.push(mdText(vscode.l10n.t('These are not guessed: name them in a link types file (JSON, e.g. {"Reference": "relates"}) and run again.')), '');
    for (const t of plan.unknownTypes) out.push(`- ${mdText(byCount(t.rows, vscode.l10n.t('{0}: {1} row', t.name, t.rows), vscode.l10n.t('{0}: {1} rows', t.name, t.rows)))}`);
  }
  if (plan.readProblems.length) {
    out.push('', `## ${mdText(vscode.l10n.t('Problems reading the file'))}`, '');
    for (const p of plan.readProblems) out.push(`- ${mdText(readProblemText(p))}`);
  }
  out.push('', `## ${mdText(vscode.l10n.t('Links'))}`, '');
  out.push(
    `| # | ${[
      vscode.l10n.t('Jira'),
      vscode.l10n.t('Source'),
      vscode.l10n.t('Relationship'),
      vscode.l10n.t('Target'),
      vscode.l10n.t('Author'),
      vscode.l10n.t('Date'),
      vscode.l10n.t('State'),
      vscode.l10n.t('Problems'),
    ]
      .map(mdText)
      .join(' | ')} |`,
    '|---:|---|---|---|---|---|---|---|---|',
  );
  for (const row of plan.rows) out.push(rowLine(row, sent));
  return out.join('\n') + '\n';
}
