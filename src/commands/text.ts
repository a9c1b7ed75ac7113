// Words of the linking flows. The catalogue in src/links holds English for
// the core; vscode.l10n.t needs literal strings, so the flows localise the
// catalogue here by value, falling back to the catalogue's English for
// values it does not know (entity relationships are data).

import * as vscode from 'vscode';
import {
  describeEntityRelationship,
  MISSING_KEY,
  type EntityRelationshipInfo,
  type RelationshipInfo,
} from '../links/relationships';
import type { DateProblem, FileProblem, RowPlace, RowProblem } from '../links/importRows';
import { isTrackerError } from '../tracker/errors';
import type { EntityType, IssueRelationship } from '../tracker/types';
import { describeError, inertText } from '../util/errors';

/** Plain-language label of an issue relationship, read from the source. */
export function relationshipLabel(rel: IssueRelationship): string {
  switch (rel) {
    case 'relates':
      return vscode.l10n.t('Relates to');
    case 'depends on':
      return vscode.l10n.t('Blocked by (depends on)');
    case 'is dependent by':
      return vscode.l10n.t('Blocks');
    case 'is subtask for':
      return vscode.l10n.t('Sub-issue of');
    case 'is parent task for':
      return vscode.l10n.t('Parent of');
    case 'duplicates':
      return vscode.l10n.t('Duplicates');
    case 'is duplicated by':
      return vscode.l10n.t('Duplicated by');
    case 'is epic of':
      return vscode.l10n.t('Is epic of');
    case 'has epic':
      return vscode.l10n.t('In epic');
    case 'original':
      return vscode.l10n.t('Clone of');
    case 'clone':
      return vscode.l10n.t('Cloned as');
  }
}

/** "TREK-12 is blocked by TREK-14"; "…" while the target is not chosen. */
export function relationshipSentence(rel: IssueRelationship | RelationshipInfo, source: string, target?: string): string {
  const value = typeof rel === 'string' ? rel : rel.value;
  const to = target || MISSING_KEY;
  switch (value) {
    case 'relates':
      return vscode.l10n.t('{0} relates to {1}', source, to);
    case 'depends on':
      return vscode.l10n.t('{0} is blocked by {1}', source, to);
    case 'is dependent by':
      return vscode.l10n.t('{0} blocks {1}', source, to);
    case 'is subtask for':
      return vscode.l10n.t('{0} is a sub-issue of {1}', source, to);
    case 'is parent task for':
      return vscode.l10n.t('{0} is the parent of {1}', source, to);
    case 'duplicates':
      return vscode.l10n.t('{0} duplicates {1}', source, to);
    case 'is duplicated by':
      return vscode.l10n.t('{0} is duplicated by {1}', source, to);
    case 'is epic of':
      return vscode.l10n.t('{0} is the epic of {1}', source, to);
    case 'has epic':
      return vscode.l10n.t('{0} is in epic {1}', source, to);
    case 'original':
      return vscode.l10n.t('{0} is a clone of {1}', source, to);
    case 'clone':
      return vscode.l10n.t('{0} is a clone of {1}', to, source);
  }
}

export function entityTypeName(type: EntityType): string {
  switch (type) {
    case 'project':
      return vscode.l10n.t('Project');
    case 'portfolio':
      return vscode.l10n.t('Portfolio');
    case 'goal':
      return vscode.l10n.t('Goal');
  }
}

export function entityRelationshipLabel(rel: EntityRelationshipInfo): string {
  switch (rel.value) {
    case 'relates':
      return vscode.l10n.t('Relates to');
    case 'depends on':
      return vscode.l10n.t('Blocked by (depends on)');
    case 'is dependent by':
      return vscode.l10n.t('Blocks');
    case 'parent entity':
      return vscode.l10n.t('Parent goal');
    case 'child entity':
      return vscode.l10n.t('Sub-goal');
    default:
      return rel.label;
  }
}

export function entityRelationshipSentence(rel: EntityRelationshipInfo, source: string, target?: string): string {
  const to = target || MISSING_KEY;
  switch (rel.value) {
    case 'relates':
      return vscode.l10n.t('{0} relates to {1}', source, to);
    case 'depends on':
      return vscode.l10n.t('{0} depends on {1}', source, to);
    case 'is dependent by':
      return vscode.l10n.t('{0} blocks {1}', source, to);
    case 'parent entity':
      return vscode.l10n.t('{0} is the parent of {1}', to, source);
    case 'child entity':
      return vscode.l10n.t('{0} is a sub-goal of {1}', to, source);
    default:
      return describeEntityRelationship(rel, source, target);
  }
}

/**
 * Why a write was refused, in a few words: a 403 here means no edit rights
 * (the organisation was fine for the reads before it), a 422 names the field.
 */
export function failureReason(e: unknown, editedKey: string): string {
  if (isTrackerError(e) && e.kind === 'forbidden') {
    const server = inertText(e.errorMessages.filter(Boolean).join(' '));
    const msg = vscode.l10n.t('No rights to edit {0}.', editedKey);
    return server ? `${msg} (${server})` : msg;
  }
  return describeError(e);
}

// ---------------------------------------------------------------- import

export function dateProblemText(p: DateProblem): string {
  switch (p) {
    case 'empty':
      return vscode.l10n.t('Enter a date.');
    case 'format':
      return vscode.l10n.t('Not a date: use 2024-05-01T10:00:00Z, 2024-05-01T10:00:00+03:00, 2024-05-01 or 2024-05-01T10:00:00.000+0300.');
    case 'noZone':
      return vscode.l10n.t('Add a time zone, e.g. Z for UTC or +03:00.');
    case 'invalid':
      return vscode.l10n.t('No such date or time.');
  }
}

export function placeText(place: RowPlace): string {
  return 'line' in place ? vscode.l10n.t('line {0}', place.line) : vscode.l10n.t('index {0}', place.index);
}

export function rowProblemText(p: RowProblem): string {
  const f = p.field ?? '';
  const v = p.value ?? '';
  switch (p.code) {
    case 'missing':
      return vscode.l10n.t('"{0}" is empty', f);
    case 'notText':
      return vscode.l10n.t('"{0}" must be text, not {1}', f, v);
    case 'badKey':
      return vscode.l10n.t('"{0}" is not an issue key: {1}', f, v);
    case 'badRelationship':
      return vscode.l10n.t('"{0}" is not a relationship (expected e.g. relates, depends on, clone)', v);
    case 'sameIssue':
      return vscode.l10n.t('an issue cannot be linked to itself ({0})', v);
    case 'badUser':
      return vscode.l10n.t('"{0}" is neither a login nor a uid: {1}', f, v);
    case 'badDate':
      return vscode.l10n.t('"{0}" is not a date: {1}', f, v);
    case 'dateNoZone':
      return vscode.l10n.t('"{0}" has no time zone: {1}', f, v);
    case 'pairIncomplete':
      return vscode.l10n.t('updatedBy and updatedAt go together: "{0}" is missing', f);
    case 'updatedBeforeCreated':
      return vscode.l10n.t('updatedAt is earlier than createdAt');
    case 'unknownField':
      return vscode.l10n.t('unknown field "{0}"', f);
    case 'notAnObject':
      return vscode.l10n.t('not an object: {0}', v);
    case 'extraCells':
      return vscode.l10n.t('more cells than columns: {0}', v);
  }
}

export function fileProblemText(p: FileProblem): string {
  switch (p.code) {
    case 'empty':
      return vscode.l10n.t('The file is empty.');
    case 'notJson':
      return vscode.l10n.t('The file is not valid JSON: {0}', p.detail);
    case 'notArray':
      return vscode.l10n.t('The JSON file must hold an array of link objects.');
    case 'unterminatedQuote':
      return vscode.l10n.t('A quote opened on line {0} is never closed.', p.line);
    case 'missingColumns':
      return vscode.l10n.t('The CSV header lacks the column(s): {0}.', p.columns.join(', '));
    case 'unknownColumns':
      return vscode.l10n.t('Unknown CSV column(s): {0}. Expected: source,relationship,target,createdBy,createdAt,updatedBy,updatedAt.', p.columns.join(', '));
    case 'duplicateColumns':
      return vscode.l10n.t('Repeated CSV column(s): {0}.', p.columns.join(', '));
  }
}
