// Words of the linking flows: why a write failed, import problems. The link
// words themselves come from src/kernel/linkWords.ts.

import * as vscode from 'vscode';
import type { DateProblem } from '../links/importDates';
import type { FileProblem } from '../links/importFiles';
import type { RowPlace, RowProblem } from '../links/importRows';
import { unreadableFileText } from '../kernel/fileInput';

// The link words are shared with the tree and the hover: one place, one translation.
export {
  relationshipLabel,
  relationshipSentence,
  entityTypeLabel as entityTypeName,
  entityRelationshipLabel,
  entityRelationshipSentence,
  notEpicText,
} from '../kernel/linkWords';

// Why a write failed: the kernel's words, shared with the migration flow.
export { failureReason } from '../kernel/errors';

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
    case 'notJson':
    case 'unterminatedQuote':
      return unreadableFileText(p);
    case 'notArray':
      return vscode.l10n.t('The JSON file must hold an array of link objects.');
    case 'missingColumns':
      return vscode.l10n.t('The CSV header lacks the column(s): {0}.', p.columns.join(', '));
    case 'unknownColumns':
      return vscode.l10n.t('Unknown CSV column(s): {0}. Expected: source,relationship,target,createdBy,createdAt,updatedBy,updatedAt.', p.columns.join(', '));
    case 'duplicateColumns':
      return vscode.l10n.t('Repeated CSV column(s): {0}.', p.columns.join(', '));
  }
}
