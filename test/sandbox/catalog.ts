// Static catalogues of the sandbox Tracker: link types, the relationship
// mapping, statuses, issue types, priorities — with English and Russian
// display strings (Accept-Language picks one).

export type Lang = 'en' | 'ru';
export type Direction = 'outward' | 'inward';

/** A display string in both languages. */
export interface Text {
  en: string;
  ru: string;
}

export interface LinkTypeDef {
  id: string;
  inward: Text;
  outward: Text;
}

export const LINK_TYPES: readonly LinkTypeDef[] = [
  { id: 'relates', inward: { en: 'Relates', ru: 'Связана' }, outward: { en: 'Relates', ru: 'Связана' } },
  { id: 'depends', inward: { en: 'Is dependent by', ru: 'Блокирует' }, outward: { en: 'Depends on', ru: 'Зависит от' } },
  { id: 'subtask', inward: { en: 'Sub-issue', ru: 'Подзадача' }, outward: { en: 'Parent issue', ru: 'Родительская задача' } },
  { id: 'duplicates', inward: { en: 'Is duplicated by', ru: 'Дублируется' }, outward: { en: 'Duplicates', ru: 'Дублирует' } },
  { id: 'epic', inward: { en: 'Issue in epic', ru: 'Задача эпика' }, outward: { en: 'Epic', ru: 'Эпик' } },
  { id: 'clone', inward: { en: 'Clone', ru: 'Клон' }, outward: { en: 'Original', ru: 'Оригинал' } },
  // An organisation's own link type: no relationship value creates it, the seed has one.
  { id: 'implements', inward: { en: 'Is implemented by', ru: 'Реализуется в' }, outward: { en: 'Implements', ru: 'Реализует' } },
];

export function findLinkType(id: string): LinkTypeDef | undefined {
  return LINK_TYPES.find((t) => t.id === id);
}

/** What a relationship value, read from the issue in the URL, means in storage. */
export interface RelationshipDef {
  relationship: string;
  type: string;
  /** Direction as seen from the issue in the URL. */
  direction: Direction;
  /** Only through `_import`. */
  importOnly: boolean;
}

// Direction as the documentation gives it (get-links.md, import-links.md,
// link-issue.md): `outward` on the main side — the dependent, the parent, the
// epic, the duplicate, the original; `relates` is `inward` for its creator.
export const RELATIONSHIPS: readonly RelationshipDef[] = [
  { relationship: 'relates', type: 'relates', direction: 'inward', importOnly: false },
  { relationship: 'depends on', type: 'depends', direction: 'outward', importOnly: false },
  { relationship: 'is dependent by', type: 'depends', direction: 'inward', importOnly: false },
  { relationship: 'is subtask for', type: 'subtask', direction: 'inward', importOnly: false },
  { relationship: 'is parent task for', type: 'subtask', direction: 'outward', importOnly: false },
  { relationship: 'duplicates', type: 'duplicates', direction: 'outward', importOnly: false },
  { relationship: 'is duplicated by', type: 'duplicates', direction: 'inward', importOnly: false },
  { relationship: 'has epic', type: 'epic', direction: 'inward', importOnly: false },
  { relationship: 'is epic of', type: 'epic', direction: 'outward', importOnly: false },
  { relationship: 'original', type: 'clone', direction: 'inward', importOnly: true },
  { relationship: 'clone', type: 'clone', direction: 'outward', importOnly: true },
];

export function findRelationship(value: string): RelationshipDef | undefined {
  return RELATIONSHIPS.find((r) => r.relationship === value);
}

/**
 * The relationship value that describes a stored link from one side.
 * `relates` is symmetric: both sides read "relates", whatever the direction.
 */
export function relationshipFor(type: string, direction: Direction): string {
  if (type === 'relates') return 'relates';
  const def = RELATIONSHIPS.find((r) => r.type === type && r.direction === direction);
  // A custom type has no relationship value: name it by type and direction.
  return def ? def.relationship : `${type}/${direction}`;
}

export function reverse(direction: Direction): Direction {
  return direction === 'outward' ? 'inward' : 'outward';
}

/** The status types get-statuses documents. */
export type StatusCategory = 'new' | 'inProgress' | 'paused' | 'done' | 'cancelled';

export interface StatusDef {
  id: string;
  key: string;
  display: Text;
  category: StatusCategory;
  /** "Status weight", the display order (get-statuses). */
  order: number;
}

export const STATUSES: readonly StatusDef[] = [
  { id: '1', key: 'open', display: { en: 'Open', ru: 'Открыт' }, category: 'new', order: 200 },
  { id: '2', key: 'inProgress', display: { en: 'In progress', ru: 'В работе' }, category: 'inProgress', order: 300 },
  { id: '3', key: 'needInfo', display: { en: 'Need info', ru: 'Требуется информация' }, category: 'paused', order: 400 },
  { id: '4', key: 'review', display: { en: 'In review', ru: 'На ревью' }, category: 'inProgress', order: 500 },
  { id: '5', key: 'resolved', display: { en: 'Resolved', ru: 'Решён' }, category: 'done', order: 600 },
  { id: '6', key: 'closed', display: { en: 'Closed', ru: 'Закрыт' }, category: 'done', order: 700 },
  // An organisation's own statuses whose keys say nothing of their type: only
  // the status list tells that "accepted" is finished work.
  { id: '7', key: 'accepted', display: { en: 'Accepted', ru: 'Принята' }, category: 'done', order: 650 },
  { id: '8', key: 'wontFix', display: { en: "Won't fix", ru: 'Не будет исправлено' }, category: 'cancelled', order: 800 },
];

export interface KeyedDef {
  id: string;
  key: string;
  display: Text;
}

export const ISSUE_TYPES: readonly KeyedDef[] = [
  { id: '1', key: 'bug', display: { en: 'Bug', ru: 'Ошибка' } },
  { id: '2', key: 'task', display: { en: 'Task', ru: 'Задача' } },
  { id: '3', key: 'epic', display: { en: 'Epic', ru: 'Эпик' } },
  { id: '4', key: 'story', display: { en: 'Story', ru: 'История' } },
];

export const PRIORITIES: readonly KeyedDef[] = [
  { id: '1', key: 'trivial', display: { en: 'Trivial', ru: 'Незначительный' } },
  { id: '2', key: 'minor', display: { en: 'Minor', ru: 'Низкий' } },
  { id: '3', key: 'normal', display: { en: 'Normal', ru: 'Средний' } },
  { id: '4', key: 'critical', display: { en: 'Critical', ru: 'Критичный' } },
  { id: '5', key: 'blocker', display: { en: 'Blocker', ru: 'Блокер' } },
];

export function byKey<T extends { key: string }>(list: readonly T[], key: string): T {
  const found = list.find((d) => d.key === key);
  if (!found) throw new Error(`unknown catalogue key ${key}`);
  return found;
}

/** Entity relationships as data: value → its reverse, and which entity types may use it. */
export interface EntityRelationshipDef {
  relationship: string;
  reverse: string;
  /** Both ends must be one of these types. */
  types: ReadonlyArray<'project' | 'portfolio' | 'goal'>;
}

// Exactly the values the documentation names (en/tracker/concepts/entities/
// links/add-links.md and get-links.md); the `entity` of a create is any
// entity's id, so the two ends may be of different types.
export const ENTITY_RELATIONSHIPS: readonly EntityRelationshipDef[] = [
  { relationship: 'relates', reverse: 'relates', types: ['project', 'portfolio', 'goal'] },
  { relationship: 'depends on', reverse: 'is dependent by', types: ['project', 'portfolio', 'goal'] },
  { relationship: 'is dependent by', reverse: 'depends on', types: ['project', 'portfolio', 'goal'] },
];

export const ENTITY_STATUSES = [
  'draft',
  'in_progress',
  'launched',
  'postponed',
  'at_risk',
  'blocked',
  'according_to_plan',
] as const;
export type EntityStatus = (typeof ENTITY_STATUSES)[number];
