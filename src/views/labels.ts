// Words and icons of the two trees. The catalogue in src/links holds English
// labels for the core; the views localise them here by id, because
// vscode.l10n.t needs literal strings.

import * as vscode from 'vscode';
import type { StatusCategory } from '../links/grouping';
import { groupIdOfLink, serverLabel, type LinkGroupId } from '../links/relationships';
import type { EntityType, IssueLink } from '../tracker/types';

export function groupLabel(id: LinkGroupId): string {
  switch (id) {
    case 'parent':
      return vscode.l10n.t('Parent');
    case 'subIssues':
      return vscode.l10n.t('Sub-issues');
    case 'epic':
      return vscode.l10n.t('Epic');
    case 'epicIssues':
      return vscode.l10n.t('Issues in epic');
    case 'blockedBy':
      return vscode.l10n.t('Blocked by');
    case 'blocks':
      return vscode.l10n.t('Blocks');
    case 'duplicates':
      return vscode.l10n.t('Duplicates');
    case 'duplicatedBy':
      return vscode.l10n.t('Duplicated by');
    case 'cloneOf':
      return vscode.l10n.t('Clone of');
    case 'clones':
      return vscode.l10n.t('Clones');
    case 'relates':
      return vscode.l10n.t('Relates');
    case 'other':
      return vscode.l10n.t('Other');
  }
}

/** "TREK-12 is blocked by TREK-14": a listed link in words, read from `from`. */
export function linkSentence(link: Pick<IssueLink, 'type' | 'direction'>, from: string, to: string): string {
  switch (groupIdOfLink(link)) {
    case 'parent':
      return vscode.l10n.t('{0} is a sub-issue of {1}', from, to);
    case 'subIssues':
      return vscode.l10n.t('{0} is the parent of {1}', from, to);
    case 'epic':
      return vscode.l10n.t('{0} is in epic {1}', from, to);
    case 'epicIssues':
      return vscode.l10n.t('{0} is the epic of {1}', from, to);
    case 'blockedBy':
      return vscode.l10n.t('{0} is blocked by {1}', from, to);
    case 'blocks':
      return vscode.l10n.t('{0} blocks {1}', from, to);
    case 'duplicates':
      return vscode.l10n.t('{0} duplicates {1}', from, to);
    case 'duplicatedBy':
      return vscode.l10n.t('{0} is duplicated by {1}', from, to);
    case 'cloneOf':
      return vscode.l10n.t('{0} is a clone of {1}', from, to);
    case 'clones':
      return vscode.l10n.t('{0} is a clone of {1}', to, from);
    case 'relates':
      return vscode.l10n.t('{0} relates to {1}', from, to);
    case 'other':
      // A custom link type: the server's own (already localised) words.
      return `${from} — ${serverLabel(link)} — ${to}`;
  }
}

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

export function entityTypeLabel(type: EntityType): string {
  switch (type) {
    case 'project':
      return vscode.l10n.t('Project');
    case 'portfolio':
      return vscode.l10n.t('Portfolio');
    case 'goal':
      return vscode.l10n.t('Goal');
  }
}

/** `entityStatus` values are API keys; unknown ones are shown as they come. */
export function entityStatusLabel(status: string | undefined): string {
  switch (status) {
    case undefined:
    case '':
      return '';
    case 'draft':
      return vscode.l10n.t('Draft');
    case 'in_progress':
      return vscode.l10n.t('In progress');
    case 'launched':
      return vscode.l10n.t('Launched');
    case 'postponed':
      return vscode.l10n.t('Postponed');
    case 'at_risk':
      return vscode.l10n.t('At risk');
    case 'blocked':
      return vscode.l10n.t('Blocked');
    case 'according_to_plan':
      return vscode.l10n.t('According to plan');
    default:
      return status;
  }
}

/** Group label of an entity relationship (values are data: unknown ones show as they come). */
export function entityRelationshipLabel(value: string): string {
  switch (value) {
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
      return value;
  }
}

/** "Project A depends on Project B", read from `source`. */
export function entityLinkSentence(value: string, source: string, target: string): string {
  switch (value) {
    case 'relates':
      return vscode.l10n.t('{0} relates to {1}', source, target);
    case 'depends on':
      return vscode.l10n.t('{0} depends on {1}', source, target);
    case 'is dependent by':
      return vscode.l10n.t('{0} blocks {1}', source, target);
    case 'parent entity':
      return vscode.l10n.t('{0} is the parent of {1}', target, source);
    case 'child entity':
      return vscode.l10n.t('{0} is a sub-goal of {1}', target, source);
    default:
      return `${source} — ${value} — ${target}`;
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
