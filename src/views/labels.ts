// Icons and dates of the two trees; their words come from src/kernel/linkWords.ts.

import * as vscode from 'vscode';
import type { StatusCategory } from '../links/grouping';

// The words are shared with the flows and the hover: one place, one translation.
export {
  groupLabel,
  linkSentence,
  entityTypeLabel,
  entityStatusLabel,
  entityRelationshipLabel,
  entityRelationshipSentence as entityLinkSentence,
  deadlineConflictText,
} from '../kernel/linkWords';

/** Status icons: shape and colour both carry the category (colour alone is not enough). */
export function statusIcon(category: StatusCategory): vscode.ThemeIcon {
  switch (category) {
    case 'new':
      return new vscode.ThemeIcon('circle-outline');
    case 'inProgress':
      return new vscode.ThemeIcon('record', new vscode.ThemeColor('charts.blue'));
    case 'paused':
      return new vscode.ThemeIcon('debug-pause', new vscode.ThemeColor('charts.yellow'));
    case 'done':
      return new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('charts.green'));
    case 'unknown':
      return new vscode.ThemeIcon('circle');
  }
}

export function entityIcon(type: string | undefined): vscode.ThemeIcon {
  switch (type) {
    case 'project':
      return new vscode.ThemeIcon('project');
    case 'portfolio':
      return new vscode.ThemeIcon('folder-library');
    case 'goal':
      return new vscode.ThemeIcon('target');
    default:
      return new vscode.ThemeIcon('circle-large-outline');
  }
}

/** A date in the display language, e.g. "13 Sep 2025". */
export function formatDate(d: Date): string {
  try {
    return d.toLocaleDateString(vscode.env.language, { year: 'numeric', month: 'short', day: 'numeric' });
  } catch {
    return d.toISOString().slice(0, 10);
  }
}
