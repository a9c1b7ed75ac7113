// Words of the migration flow: the plan's problem codes, the result file's
// reasons and the mapping files' problems in the user's language.

import * as vscode from 'vscode';
import type { MappingProblem, PlanProblem, ReadProblem, ResultReason, RowState, UnknownReason } from '../migrate';
import { unreadableFileText } from '../kernel/fileInput';

export function problemText(p: PlanProblem | ResultReason): string {
  switch (p.code) {
    case 'unknownLinkType':
      return vscode.l10n.t('Jira link type "{0}" has no mapping (add it to a link types file)', p.value);
    case 'leftOut':
      return vscode.l10n.t('link type "{0}" is left out by the mapping file', p.value);
    case 'noCounterpart':
      return vscode.l10n.t('{0} has no Tracker counterpart', p.value);
    case 'notInTracker':
      return vscode.l10n.t('{0} is not in Tracker', p.value);
    case 'sameIssue':
      return vscode.l10n.t('both sides are {0}', p.value);
    case 'duplicateRow':
      return vscode.l10n.t('the same link as row {0}', p.row);
    case 'invalidRow':
      return vscode.l10n.t('invalid row');
    case 'authorFallback':
      return vscode.l10n.t('{0} has no Tracker user: the chosen login is the author', p.value);
    case 'authorUnknown':
      return vscode.l10n.t('the export does not say who linked them: the chosen login is the author');
    case 'noAuthor':
      return p.value ? vscode.l10n.t('{0} has no Tracker user and no login was chosen', p.value) : vscode.l10n.t('no author and no login was chosen');
    case 'dateEstimated':
      return vscode.l10n.t('no date of its own: the later creation of its issues');
    case 'dateNeedsConfirmation':
      return vscode.l10n.t('the date {0} needs its format and time zone confirmed', p.value);
    case 'badDate':
      return vscode.l10n.t('{0} is not a date in the chosen format', p.value);
    case 'noDate':
      return vscode.l10n.t('no date');
    case 'outsideLifetime':
      return clampText(p);
    case 'clamped':
      return vscode.l10n.t('date {0} moved to {1} (accepted)', p.value, p.clamp);
    case 'exists':
      return vscode.l10n.t('already in Tracker');
    case 'notAttempted':
      return vscode.l10n.t('not attempted (cancelled): run the migration again');
  }
}

/** "2019-05-01… is before TREK-7 was created: 2025-01-10… is offered". */
export function clampText(p: Extract<PlanProblem, { code: 'outsideLifetime' }>): string {
  switch (p.bound) {
    case 'created':
      return vscode.l10n.t('{0} is before {1} was created; offered: {2}', p.value, p.issue, p.clamp);
    case 'updated':
      return vscode.l10n.t('{0} is after the last update of {1}; offered: {2}', p.value, p.issue, p.clamp);
    case 'now':
      return vscode.l10n.t('{0} is in the future; offered: {1}', p.value, p.clamp);
  }
}

export function stateText(state: RowState): string {
  switch (state) {
    case 'ready':
      return vscode.l10n.t('to import');
    case 'exists':
      return vscode.l10n.t('already in Tracker, skipped');
    case 'skipped':
      return vscode.l10n.t('skipped');
    case 'blocked':
      return vscode.l10n.t('waiting for your answer');
  }
}

export function readProblemText(p: ReadProblem): string {
  switch (p.code) {
    case 'noIssues':
      return vscode.l10n.t('the file holds no issues');
    case 'issueWithoutKey':
      return vscode.l10n.t('issue #{0} has no key', p.index);
    case 'missingColumn':
      return vscode.l10n.t('the column "{0}" is missing', p.column);
    case 'linkWithoutIssue':
      return vscode.l10n.t('a link of {0} names no issue', p.issue);
    case 'parentNotInFile':
      return vscode.l10n.t('the parent {1} of {0} is not in the file', p.issue, p.value);
    case 'badCell':
      return vscode.l10n.t('line {0}: "{1}" of {2} is not readable: {3}', p.line, p.column, p.issue, p.value);
  }
}

export function mappingProblemText(p: MappingProblem): string {
  switch (p.code) {
    case 'notJson':
      return vscode.l10n.t('not valid JSON: {0}', p.detail);
    case 'notObject':
      return vscode.l10n.t('expected a JSON object');
    case 'badRelationship':
      return vscode.l10n.t('"{0}": "{1}" is not a Tracker relationship', p.key, p.value);
    case 'badKey':
      return vscode.l10n.t('line {0}: {1} is not a pair of issue keys', p.line, p.value);
    case 'badUser':
      return vscode.l10n.t('line {0}: {1} is not an account and a login or uid', p.line, p.value);
    case 'badRule':
      return vscode.l10n.t('"{0}" is not a rule like PROJ → TREK', p.value);
    case 'duplicate':
      return vscode.l10n.t('line {0}: {1} is mapped twice', p.line, p.value);
  }
}

export function unknownFileText(r: UnknownReason): string {
  switch (r.code) {
    case 'empty':
    case 'notJson':
    case 'unterminatedQuote':
      return unreadableFileText(r);
    case 'jsonShape':
      return vscode.l10n.t('The JSON holds neither Jira issues nor link rows.');
    case 'csvHeader':
      return vscode.l10n.t('The CSV header is neither a Jira export (no "Issue key" column) nor link rows: {0}', r.columns.join(', '));
  }
}

export function sourceText(kind: string): string {
  switch (kind) {
    case 'jira-json':
      return vscode.l10n.t('Jira issues (REST API JSON)');
    case 'jira-csv':
      return vscode.l10n.t('Jira CSV export');
    default:
      return kind;
  }
}
