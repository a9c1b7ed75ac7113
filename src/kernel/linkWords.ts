// The link domain in the user's language: group names, relationship labels
// and sentences, entity kinds and statuses. The catalogue in src/links keeps
// English for the core; vscode.l10n.t needs literal strings, so they are
// spelled out here once and shared by the tree, the flows and the hover.

import * as vscode from 'vscode';
import {
  describeEntityRelationship,
  MISSING_KEY,
  relationshipOfLink,
  serverLabel,
  type EntityRelationshipInfo,
  type LinkGroupId,
  type RelationshipInfo,
} from '../links/relationships';
import type { EntityType, IssueLink, IssueRelationship } from '../tracker/types';

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

/** A listed link in words, read from `from`; unknown link types keep the server's own words. */
export function linkSentence(link: Pick<IssueLink, 'type' | 'direction'>, from: string, to: string): string {
  const rel = relationshipOfLink(link);
  return rel ? relationshipSentence(rel, from, to) : `${from} — ${serverLabel(link)} — ${to}`;
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

type EntityRel = string | EntityRelationshipInfo;
const relValue = (r: EntityRel) => (typeof r === 'string' ? r : r.value);

/** Label of an entity relationship (values are data: unknown ones show as they come). */
export function entityRelationshipLabel(rel: EntityRel): string {
  switch (relValue(rel)) {
    case 'relates':
      return vscode.l10n.t('Relates to');
    case 'depends on':
      return vscode.l10n.t('Blocked by (depends on)');
    case 'is dependent by':
      return vscode.l10n.t('Blocks');
    default:
      return typeof rel === 'string' ? rel : rel.label;
  }
}

/** "Project A depends on Project B", read from `source`; "…" while the target is not chosen. */
export function entityRelationshipSentence(rel: EntityRel, source: string, target?: string): string {
  const to = target || MISSING_KEY;
  switch (relValue(rel)) {
    case 'relates':
      return vscode.l10n.t('{0} relates to {1}', source, to);
    case 'depends on':
      return vscode.l10n.t('{0} depends on {1}', source, to);
    case 'is dependent by':
      return vscode.l10n.t('{0} blocks {1}', source, to);
    default:
      return typeof rel === 'string' ? `${source} — ${rel} — ${to}` : describeEntityRelationship(rel, source, target);
  }
}
