// The author of an imported link, typed by the user (Import Link's createdBy
// and updatedBy, the Jira migration's author for links without one): what
// is wrong with what was typed, in one wording for both flows.

import * as vscode from 'vscode';
import { parseUserRef } from '../links/importRows';

/** Why `value` is not a login or a uid, or undefined when it is (or when it is empty and `optional`). */
export function authorProblem(value: string, optional = false): string | undefined {
  if (!value.trim()) return optional ? undefined : vscode.l10n.t('Enter a login or a numeric uid.');
  if (parseUserRef(value) !== undefined) return undefined;
  // The other way parseUserRef refuses is a length no login has.
  return /\s/.test(value.trim()) ? vscode.l10n.t('A login or a uid has no spaces.') : vscode.l10n.t('Enter a login or a numeric uid.');
}
