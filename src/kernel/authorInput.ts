// The author of an imported link, typed by the user (Import Link's createdBy
// and updatedBy, the Jira migration's author for links without one): what
// is wrong with what was typed, in one wording for both flows.

import * as vscode from 'vscode';
import { parseUserRef } from '../links/importRows';

/** Why `value` is not a login or a uid, or undefined when it is (or when it is empty and `optional`). */
export function authorProblem(value: string, optional = false): string | undefined {
  const v = value.trim();
  if ((!v && optional) || parseUserRef(v) !== undefined) return undefined;
  // A space is the mistake worth naming; empty or longer than any login, what is wanted.
  return /\s/.test(v) ? vscode.l10n.t('A login or a uid has no spaces.') : vscode.l10n.t('Enter a login or a numeric uid.');
}
