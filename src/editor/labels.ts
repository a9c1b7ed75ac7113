import * as vscode from 'vscode';
import { groupLabel } from '../kernel/linkWords';
import { unassignedText } from '../kernel/issueWords';
import type { HoverCommand, HoverLabels } from './markdown';

/** The card's words in the UI language. */
export function hoverLabels(): HoverLabels {
  const action: Record<HoverCommand, string> = {
    'tracker.showLinks': vscode.l10n.t('Show Links'),
    'tracker.showLinkGraph': vscode.l10n.t('Show Link Graph'),
    'tracker.linkToCurrent': vscode.l10n.t('Link to Current Issue as…'),
    'tracker.addLink': vscode.l10n.t('Add Link…'),
    'tracker.openInTracker': vscode.l10n.t('Open in Tracker'),
    'tracker.setCurrentIssue': vscode.l10n.t('Set as Current Issue'),
    'tracker.copyKey': vscode.l10n.t('Copy Key'),
  };
  return {
    status: vscode.l10n.t('Status'),
    type: vscode.l10n.t('Type'),
    assignee: vscode.l10n.t('Assignee'),
    unassigned: unassignedText(),
    noLinks: vscode.l10n.t('No links.'),
    more: (n) => vscode.l10n.t('+{0} more', n),
    group: (id) => groupLabel(id),
    action,
  };
}
