// The link domain in words — group names, relationship labels and
// sentences, entity kinds and statuses — written once, here. Pure: the
// translator is passed in (VS Code's l10n in the extension, see
// src/kernel/linkWords.ts; the English of the source in Node tests).
// l10n.t needs literal strings, so every message is spelled out in full.

import { MISSING_KEY, relationshipOfLink, serverLabel, type EntityRelationshipInfo, type LinkGroupId, type RelationshipInfo } from './relationships';
import type { EntityType, IssueLink, IssueRelationship } from '../tracker/types';

/** The part of `vscode.l10n` the words need. */
export interface Translator {
  t(message: string, ...args: Array<string | number | boolean>): string;
}

type EntityRel = string | EntityRelationshipInfo;
const relValue = (r: EntityRel): string => (typeof r === 'string' ? r : r.value);

/** A link of a type without words of its own: its name as the server gives it, between the two sides. */
export function otherLinkSentence(from: string, name: string, to: string): string {
  return `${from} — ${name} — ${to}`;
}

export function linkWords(l10n: Translator) {
  function groupLabel(id: LinkGroupId): string {
    switch (id) {
      case 'parent':
        return l10n.t('Parent');
      case 'subIssues':
        return l10n.t('Sub-issues');
      case 'epic':
        return l10n.t('Epic');
      case 'epicIssues':
        return l10n.t('Issues in epic');
      case 'blockedBy':
        return l10n.t('Blocked by');
      case 'blocks':
        return l10n.t('Blocks');
      case 'duplicates':
        return l10n.t('Duplicates');
      case 'duplicatedBy':
        return l10n.t('Duplicated by');
      case 'cloneOf':
        return l10n.t('Clone of');
      case 'clones':
        return l10n.t('Clones');
      case 'relates':
        return l10n.t('Relates');
      case 'other':
        return l10n.t('Other');
    }
  }

  /** Plain-language label of an issue relationship, read from the source. */
  function relationshipLabel(rel: IssueRelationship): string {
    switch (rel) {
      case 'relates':
        return l10n.t('Relates to');
      case 'depends on':
        return l10n.t('Blocked by (depends on)');
      case 'is dependent by':
        return l10n.t('Blocks');
      case 'is subtask for':
        return l10n.t('Sub-issue of');
      case 'is parent task for':
        return l10n.t('Parent of');
      case 'duplicates':
        return l10n.t('Duplicates');
      case 'is duplicated by':
        return l10n.t('Duplicated by');
      case 'is epic of':
        return l10n.t('Is epic of');
      case 'has epic':
        return l10n.t('In epic');
      case 'original':
        return l10n.t('Clone of');
      case 'clone':
        return l10n.t('Cloned as');
    }
  }

  /** "TREK-12 is blocked by TREK-14"; "…" while the target is not chosen. */
  function relationshipSentence(rel: IssueRelationship | RelationshipInfo, source: string, target?: string): string {
    const value = typeof rel === 'string' ? rel : rel.value;
    const to = target || MISSING_KEY;
    switch (value) {
      case 'relates':
        return l10n.t('{0} relates to {1}', source, to);
      case 'depends on':
        return l10n.t('{0} is blocked by {1}', source, to);
      case 'is dependent by':
        return l10n.t('{0} blocks {1}', source, to);
      case 'is subtask for':
        return l10n.t('{0} is a sub-issue of {1}', source, to);
      case 'is parent task for':
        return l10n.t('{0} is the parent of {1}', source, to);
      case 'duplicates':
        return l10n.t('{0} duplicates {1}', source, to);
      case 'is duplicated by':
        return l10n.t('{0} is duplicated by {1}', source, to);
      case 'is epic of':
        return l10n.t('{0} is the epic of {1}', source, to);
      case 'has epic':
        return l10n.t('{0} is in epic {1}', source, to);
      case 'original':
        return l10n.t('{0} is a clone of {1}', source, to);
      case 'clone':
        return l10n.t('{0} is a clone of {1}', to, source);
    }
  }

  /** "TREK-12 will be blocked by TREK-20": a link about to be made, read from the source (confirmations). */
  function plannedSentence(rel: IssueRelationship | RelationshipInfo, source: string, target: string): string {
    const value = typeof rel === 'string' ? rel : rel.value;
    switch (value) {
      case 'relates':
        return l10n.t('{0} will relate to {1}', source, target);
      case 'depends on':
        return l10n.t('{0} will be blocked by {1}', source, target);
      case 'is dependent by':
        return l10n.t('{0} will block {1}', source, target);
      case 'is subtask for':
        return l10n.t('{0} will be a sub-issue of {1}', source, target);
      case 'is parent task for':
        return l10n.t('{0} will be the parent of {1}', source, target);
      case 'duplicates':
        return l10n.t('{0} will duplicate {1}', source, target);
      case 'is duplicated by':
        return l10n.t('{0} will be duplicated by {1}', source, target);
      case 'is epic of':
        return l10n.t('{0} will be the epic of {1}', source, target);
      case 'has epic':
        return l10n.t('{0} will be in epic {1}', source, target);
      case 'original':
        return l10n.t('{0} will be a clone of {1}', source, target);
      case 'clone':
        return l10n.t('{0} will be a clone of {1}', target, source);
    }
  }

  /** A listed link in words, read from `from`; unknown link types keep the server's own words. */
  function linkSentence(link: Pick<IssueLink, 'type' | 'direction'>, from: string, to: string): string {
    const rel = relationshipOfLink(link);
    return rel ? relationshipSentence(rel, from, to) : otherLinkSentence(from, serverLabel(link), to);
  }

  function entityTypeLabel(type: EntityType): string {
    switch (type) {
      case 'project':
        return l10n.t('Project');
      case 'portfolio':
        return l10n.t('Portfolio');
      case 'goal':
        return l10n.t('Goal');
    }
  }

  /** `entityStatus` values are API keys; unknown ones are shown as they come. */
  function entityStatusLabel(status: string | undefined): string {
    switch (status) {
      case undefined:
      case '':
        return '';
      case 'draft':
        return l10n.t('Draft');
      case 'in_progress':
        return l10n.t('In progress');
      case 'launched':
        return l10n.t('Launched');
      case 'postponed':
        return l10n.t('Postponed');
      case 'at_risk':
        return l10n.t('At risk');
      case 'blocked':
        return l10n.t('Blocked');
      case 'according_to_plan':
        return l10n.t('According to plan');
      default:
        return status;
    }
  }


  /** Label of an entity relationship (values are data: unknown ones show as they come). */
  function entityRelationshipLabel(rel: EntityRel): string {
    switch (relValue(rel)) {
      case 'relates':
        return l10n.t('Relates to');
      case 'depends on':
        return l10n.t('Blocked by (depends on)');
      case 'is dependent by':
        return l10n.t('Blocks');
      default:
        return relValue(rel);
    }
  }

  /** "Project A depends on Project B", read from `source`; "…" while the target is not chosen. */
  function entityRelationshipSentence(rel: EntityRel, source: string, target?: string): string {
    const to = target || MISSING_KEY;
    switch (relValue(rel)) {
      case 'relates':
        return l10n.t('{0} relates to {1}', source, to);
      case 'depends on':
        return l10n.t('{0} depends on {1}', source, to);
      case 'is dependent by':
        return l10n.t('{0} blocks {1}', source, to);
      default:
        return otherLinkSentence(source, relValue(rel), to);
    }
  }

  /** "Project A will depend on Goal B": an entity link about to be made (confirmations). */
  function plannedEntitySentence(rel: EntityRel, source: string, target: string): string {
    switch (relValue(rel)) {
      case 'relates':
        return l10n.t('{0} will relate to {1}', source, target);
      case 'depends on':
        return l10n.t('{0} will depend on {1}', source, target);
      case 'is dependent by':
        return l10n.t('{0} will block {1}', source, target);
      default:
        return otherLinkSentence(source, relValue(rel), target);
    }
  }

  return { groupLabel, relationshipLabel, relationshipSentence, plannedSentence, linkSentence, entityTypeLabel, entityStatusLabel, entityRelationshipLabel, entityRelationshipSentence, plannedEntitySentence };
}
