// The relationship catalogue as data: every issue relationship the API knows,
// how it maps onto link types and directions and which group of the links
// tree it lands in (the words for them live in words.ts). Entity relationships live here
// too. Pure data and lookups: no VS Code, no network.

import type { EntityType, IssueLink, IssueRelationship } from '../tracker/types';

type LinkDirection = 'outward' | 'inward';

/** Groups of the links tree, in display order. */
export type LinkGroupId =
  | 'parent'
  | 'subIssues'
  | 'epic'
  | 'epicIssues'
  | 'blockedBy'
  | 'blocks'
  | 'duplicates'
  | 'duplicatedBy'
  | 'cloneOf'
  | 'clones'
  | 'relates'
  | 'other';

export interface LinkGroupInfo {
  id: LinkGroupId;
  /** Codicon id (without `$()`). */
  icon: string;
  /** Position in the tree, 0-based. */
  order: number;
}

const GROUP_LIST: readonly Omit<LinkGroupInfo, 'order'>[] = [
  { id: 'parent', icon: 'arrow-up' },
  { id: 'subIssues', icon: 'list-tree' },
  { id: 'epic', icon: 'milestone' },
  { id: 'epicIssues', icon: 'list-unordered' },
  { id: 'blockedBy', icon: 'debug-stop' },
  { id: 'blocks', icon: 'circle-slash' },
  { id: 'duplicates', icon: 'copy' },
  { id: 'duplicatedBy', icon: 'references' },
  { id: 'cloneOf', icon: 'repo-forked' },
  { id: 'clones', icon: 'repo-clone' },
  { id: 'relates', icon: 'link' },
  { id: 'other', icon: 'ellipsis' },
];

/** All tree groups in their fixed order. */
export const LINK_GROUPS: readonly LinkGroupInfo[] = Object.freeze(
  GROUP_LIST.map((g, order) => Object.freeze({ ...g, order })),
);

export interface RelationshipInfo {
  /** The value the API takes in `relationship`, read from the source issue. */
  value: IssueRelationship;
  /** What the target issue sees. */
  inverse: IssueRelationship;
  /** `type.id` of the resulting link. */
  typeId: string;
  /** `direction` of the link as listed on the source issue. */
  direction: LinkDirection;
  /** Tree group of the target when listed under the source. */
  group: LinkGroupId;
  /** Offered by the ordinary "add link" flow. */
  creatable: boolean;
  /** Only accepted by the `_import` endpoint. */
  importOnly: boolean;
  /** Which side must be an Epic-type issue, if any. */
  epic?: 'source' | 'target';
  /** A "depends on" edge in one direction or the other (cycle checks apply). */
  isDependency: boolean;
}

type Row = Omit<RelationshipInfo, 'creatable' | 'importOnly' | 'isDependency' | 'epic'> &
  Partial<Pick<RelationshipInfo, 'importOnly' | 'isDependency' | 'epic'>>;

// Order = picker order. The direction column is the heart of it: the link
// appears on the source with this direction and on the target with the other.
// `outward` means the source is the link's main side (get-links.md): the
// dependent, the parent, the epic, the duplicate, the original. `relates` is
// answered `inward` to the issue that created it (link-issue.md's example).
const ROWS: readonly Row[] = [
  { value: 'relates', inverse: 'relates', typeId: 'relates', direction: 'inward', group: 'relates' },
  { value: 'depends on', inverse: 'is dependent by', typeId: 'depends', direction: 'outward', group: 'blockedBy', isDependency: true },
  { value: 'is dependent by', inverse: 'depends on', typeId: 'depends', direction: 'inward', group: 'blocks', isDependency: true },
  { value: 'is subtask for', inverse: 'is parent task for', typeId: 'subtask', direction: 'inward', group: 'parent' },
  { value: 'is parent task for', inverse: 'is subtask for', typeId: 'subtask', direction: 'outward', group: 'subIssues' },
  { value: 'duplicates', inverse: 'is duplicated by', typeId: 'duplicates', direction: 'outward', group: 'duplicates' },
  { value: 'is duplicated by', inverse: 'duplicates', typeId: 'duplicates', direction: 'inward', group: 'duplicatedBy' },
  { value: 'is epic of', inverse: 'has epic', typeId: 'epic', direction: 'outward', group: 'epicIssues', epic: 'source' },
  { value: 'has epic', inverse: 'is epic of', typeId: 'epic', direction: 'inward', group: 'epic', epic: 'target' },
  { value: 'original', inverse: 'clone', typeId: 'clone', direction: 'inward', group: 'cloneOf', importOnly: true },
  { value: 'clone', inverse: 'original', typeId: 'clone', direction: 'outward', group: 'clones', importOnly: true },
];

/** The 11 relationships in picker order (the 9 creatable ones first). */
export const RELATIONSHIPS: readonly RelationshipInfo[] = Object.freeze(
  ROWS.map((r) =>
    Object.freeze<RelationshipInfo>({
      ...r,
      importOnly: r.importOnly ?? false,
      creatable: !(r.importOnly ?? false),
      isDependency: r.isDependency ?? false,
    }),
  ),
);

const BY_VALUE = new Map<string, RelationshipInfo>(RELATIONSHIPS.map((r) => [r.value, r]));
// `${typeId}/${direction}` → relationship; `relates` answers both directions.
const BY_TYPE = new Map<string, RelationshipInfo>();
for (const r of RELATIONSHIPS) BY_TYPE.set(`${r.typeId}/${r.direction}`, r);
BY_TYPE.set('relates/outward', BY_VALUE.get('relates') as RelationshipInfo);

/** True for the link types the catalogue knows (relates, depends, subtask, duplicates, epic, clone). */
export function isKnownLinkType(typeId: string): boolean {
  return RELATIONSHIPS.some((r) => r.typeId === typeId);
}

export function isIssueRelationship(value: string): value is IssueRelationship {
  return BY_VALUE.has(value);
}

export function relationshipInfo(value: IssueRelationship): RelationshipInfo {
  const r = BY_VALUE.get(value);
  if (!r) throw new Error(`Unknown issue relationship: ${value}`);
  return r;
}

export function inverseRelationship(value: IssueRelationship): IssueRelationship {
  return relationshipInfo(value).inverse;
}

/**
 * Relationship from the issue whose links were listed to `link.object`.
 * Unknown type ids (custom link types) give `undefined`: show them under
 * "Other" with the server's label.
 */
export function relationshipOfLink(link: Pick<IssueLink, 'type' | 'direction'>): IssueRelationship | undefined {
  return BY_TYPE.get(`${link.type?.id}/${link.direction}`)?.value;
}

/** Tree group of a listed link. */
export function groupIdOfLink(link: Pick<IssueLink, 'type' | 'direction'>): LinkGroupId {
  return BY_TYPE.get(`${link.type?.id}/${link.direction}`)?.group ?? 'other';
}

/**
 * The server's localized label of a link as seen from the listing issue:
 * the type's outward name for outward links, inward name for inward ones.
 */
export function serverLabel(link: Pick<IssueLink, 'type' | 'direction'>): string {
  const t = link.type;
  if (!t) return '';
  return (link.direction === 'inward' ? t.inward : t.outward) || t.id;
}

/** Issue type key that counts as an epic (`epic`, any case). */
export function isEpicType(typeKey: string | undefined): boolean {
  return typeKey !== undefined && typeKey.toLowerCase() === 'epic';
}

/**
 * Relationships the "add link" flow may offer. Epic relationships need an
 * Epic on the right side: when a type is unknown they stay (the server will
 * judge), when it is known they are kept only if it fits.
 */
export function creatableRelationships(sourceType?: string, targetType?: string): RelationshipInfo[] {
  return RELATIONSHIPS.filter((r) => {
    if (!r.creatable) return false;
    if (r.epic === 'source' && sourceType !== undefined) return isEpicType(sourceType);
    if (r.epic === 'target' && targetType !== undefined) return isEpicType(targetType);
    return true;
  });
}

/** All relationships the import endpoint accepts (creatable + import-only). */
export function importableRelationships(): RelationshipInfo[] {
  return [...RELATIONSHIPS];
}

/** An issue has one parent and one epic: these relationships take one target at a time. */
export const SINGLE_TARGET_RELATIONSHIPS: ReadonlySet<IssueRelationship> = new Set<IssueRelationship>(['has epic', 'is subtask for']);

/** Placeholder shown instead of a target key not chosen yet. */
export const MISSING_KEY = '…';


// ---------------------------------------------------------------- entities

export interface EntityRelationshipInfo {
  /** API value (`relationship` in the body, `type` in listings). */
  value: string;
  /** What the other entity sees. */
  inverse: string;
}

// Exactly the values the documentation names, for every entity type:
// yandex-cloud/docs en/tracker/concepts/entities/links/add-links.md (the
// `relationship` of a create) and get-links.md (the `type` of a listed link),
// and their ru/ twins: `is dependent by` (this entity blocks the other),
// `depends on` (this entity depends on the other), `relates`. A value a
// server reports beyond these is shown neutrally, under its own name (words.ts).
const ENTITY_DOCUMENTED: readonly EntityRelationshipInfo[] = [
  { value: 'relates', inverse: 'relates' },
  { value: 'depends on', inverse: 'is dependent by' },
  { value: 'is dependent by', inverse: 'depends on' },
];

/** Entity relationships per entity type, in picker order. Data, not a closed enum. */
export const ENTITY_RELATIONSHIPS: Readonly<Record<EntityType, readonly EntityRelationshipInfo[]>> = Object.freeze({
  project: ENTITY_DOCUMENTED,
  portfolio: ENTITY_DOCUMENTED,
  goal: ENTITY_DOCUMENTED,
});

/** Whether the catalogue knows an entity relationship value (else it is shown neutrally). */
export function isKnownEntityRelationship(value: string): boolean {
  return ENTITY_DOCUMENTED.some((r) => r.value === value);
}

