// The dry run as a read-only Markdown document (`tracker-migration:` URIs,
// served from memory, shown in the Markdown preview): every link the file
// holds — source, the relationship as a sentence, target, author, date — with
// its state and problems. Everything from the file is escaped: it is data,
// never Markdown or HTML.

import * as vscode from 'vscode';
import { rowState, summarizePlan, type Plan, type PlanRow } from '../migrate';
import { relationshipSentence } from '../kernel/linkWords';
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

const cell = (text: string | number | undefined): string => (text === undefined || text === '' ? '—' : mdText(String(text)));

function rowLine(row: PlanRow): string {
  const sentence = row.relationship && row.source && row.target ? relationshipSentence(row.relationship, row.source, row.target) : '';
  const f = row.foreign;
  const jira = f ? `${f.outwardKey} ${f.typeName} ${f.inwardKey}` : '';
  const author = row.createdBy === undefined ? row.foreignAuthor : row.foreignAuthor && String(row.createdBy) !== row.foreignAuthor ? `${row.createdBy} (${row.foreignAuthor})` : String(row.createdBy);
  const problems = row.problems.map(problemText).join('; ');
  return `| ${row.n} | ${cell(jira)} | ${cell(row.source)} | ${cell(sentence)} | ${cell(row.target)} | ${cell(author)} | ${cell(row.createdAt)} | ${cell(stateText(rowState(row)))} | ${cell(problems)} |`;
}

/** The dry run's Markdown. */
export function dryRunMarkdown(plan: Plan, inputName: string): string {
  const s = summarizePlan(plan);
  const out = [
    `# ${mdText(vscode.l10n.t('Dry run: {0}', inputName))}`,
    '',
    mdText(vscode.l10n.t('{0}. Nothing has been sent to Tracker yet.', sourceText(plan.source))),
    '',
    `- ${mdText(vscode.l10n.t('{0} links in the file', s.rows))}`,
    `- ${mdText(vscode.l10n.t('{0} to import', s.ready))}`,
    `- ${mdText(vscode.l10n.t('{0} already in Tracker (skipped)', s.exists))}`,
    `- ${mdText(vscode.l10n.t('{0} skipped (see the problems)', s.skipped))}`,
    `- ${mdText(vscode.l10n.t('{0} waiting for your answer ({1} dates outside the issues\' lifetime)', s.blocked, s.outsideLifetime))}`,
  ];
  if (s.authorFallback + s.authorUnknown) out.push(`- ${mdText(vscode.l10n.t('{0} authors fall back to the chosen login', s.authorFallback + s.authorUnknown))}`);
  if (s.dateEstimated) out.push(`- ${mdText(vscode.l10n.t('{0} dates estimated from the issues\' creation', s.dateEstimated))}`);
  if (plan.unknownTypes.length) {
    out.push('', `## ${mdText(vscode.l10n.t('Unknown link types'))}`, '');
    out.push(mdText(vscode.l10n.t('These are not guessed: name them in a link types file (JSON, e.g. {"Reference": "relates"}) and run again.')), '');
    for (const t of plan.unknownTypes) out.push(`- ${mdText(vscode.l10n.t('{0}: {1} rows', t.name, t.rows))}`);
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
  for (const row of plan.rows) out.push(rowLine(row));
  return out.join('\n') + '\n';
}
