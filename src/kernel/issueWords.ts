// An issue's fields in the user's language, one wording wherever an issue is
// described (the status bar, the trees' tooltips, the hover, the graph
// panel, the pickers, the chat tools).

import * as vscode from 'vscode';

/** No assignee, where the assignee is listed among other details. */
export function unassignedText(): string {
  return vscode.l10n.t('unassigned');
}

/** A tooltip line naming the assignee. */
export function assigneeText(name: string): string {
  return vscode.l10n.t('Assignee: {0}', name);
}

/** A tooltip line naming the status (of an issue or an entity). */
export function statusText(status: string): string {
  return vscode.l10n.t('Status: {0}', status);
}

/** An issue known by an old key, beside the key Tracker uses now: "(was LEGACY-42)". */
export function wasKeyText(was: string): string {
  return vscode.l10n.t('(was {0})', was);
}
