import * as vscode from 'vscode';
import type { LinkGroupId } from '../links/relationships';
import type { HoverCommand, HoverLabels } from './markdown';

// Literal l10n.t calls (not a lookup by English label) so the localization
// test can see every string.
const GROUPS: Record<LinkGroupId, () => string> = {
  parent: () => vscode.l10n.t('Parent'),
  subIssues: () => vscode.l10n.t('Sub-issues'),
  epic: () => vscode.l10n.t('Epic'),
  epicIssues: () => vscode.l10n.t('Issues in epic'),
  blockedBy: () => vscode.l10n.t('Blocked by'),
  blocks: () => vscode.l10n.t('Blocks'),
  duplicates: () => vscode.l10n.t('Duplicates'),
  duplicatedBy: () => vscode.l10n.t('Duplicated by'),
  cloneOf: () => vscode.l10n.t('Clone of'),
  clones: () => vscode.l10n.t('Clones'),
  relates: () => vscode.l10n.t('Relates'),
  other: () => vscode.l10n.t('Other'),
};

/** The card's words in the UI language. */
export function hoverLabels(): HoverLabels {
  const action: Record<HoverCommand, string> = {
    'tracker.showLinks': vscode.l10n.t('Show Links'),
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
    unassigned: vscode.l10n.t('unassigned'),
    noLinks: vscode.l10n.t('No links.'),
    more: (n) => vscode.l10n.t('+{0} more', n),
    group: (id) => (GROUPS[id] ?? GROUPS.other)(),
    action,
  };
}
