// The link words in the user's language: the one definition is
// src/links/words.ts; here it is bound to VS Code's translations (l10n/ru).

import * as vscode from 'vscode';
import { linkWords } from '../links/words';
import type { IssueRelationship } from '../tracker/types';

export const { groupLabel, relationshipLabel, relationshipSentence, plannedSentence, linkSentence, entityTypeLabel, entityStatusLabel, entityRelationshipLabel, entityRelationshipSentence, plannedEntitySentence } = linkWords(vscode.l10n);

/**
 * The plan that cannot hold: a dependent due before its open blocker, in one
 * wording for the status bar's tooltip and the links view.
 */
export function deadlineConflictText(dependent: { key: string; deadline?: string }, blocker: { key: string; deadline?: string }): string {
  return vscode.l10n.t('Deadline conflict: {0} is due {1}, before its blocker {2} (due {3}).', dependent.key, dependent.deadline ?? '', blocker.key, blocker.deadline ?? '');
}

/** Issues that are not epics where the relationship needs one (Add Link checks before sending, the chat tool before asking). */
export function notEpicText(keys: readonly string[], relationship: IssueRelationship): string {
  return vscode.l10n.t('{0} is not an epic: "{1}" needs an Epic-type issue. Choose an epic.', keys.join(', '), relationshipLabel(relationship));
}
