// JSON views of sandbox records, shaped like src/tracker/types.ts. `api` is
// the server URL plus the request's version ("http://127.0.0.1:1234/v2"), so
// `self` links carry the version the client used.

import {
  ISSUE_TYPES,
  LINK_TYPES,
  PRIORITIES,
  STATUSES,
  byKey,
  findLinkType,
  type Lang,
  type LinkTypeDef,
} from './catalog';
import { formatDate } from './errors';
import { SANDBOX_USER, type EntityRec, type IssueRec, type QueueRec, type UserRec } from './seed';
import type { EntityLinkSide, LinkSide, Store } from './store';

export interface View {
  api: string;
  lang: Lang;
  store: Store;
  /** Link types answered the other way round from the documentation (see SandboxDialect). */
  invertedTypes?: ReadonlySet<string>;
}

/** A user as the documentation draws one: {self, id: "<uid>", display} — no login (get-links.md, get-issue.md). */
export function userRef(v: View, login: string): Record<string, unknown> {
  const u = v.store.user(login);
  if (!u) return { id: login, display: login };
  return { self: `${v.api}/users/${u.uid}`, id: String(u.uid), display: u.display };
}

/** get-user-info.md: "a JSON array with the current user's parameters". */
export function myselfView(v: View, u: UserRec): Array<Record<string, unknown>> {
  const [firstName, lastName] = u.display.split(' ');
  return [
    {
      self: `${v.api}/users/${u.uid}`,
      uid: u.uid,
      login: u.login,
      passportUid: u.uid,
      firstName,
      lastName,
      display: u.display,
      email: u.email,
      external: false,
      hasLicense: true,
      dismissed: false,
      useNewFilters: true,
      disableNotifications: false,
    },
  ];
}

function keyedView(v: View, kind: 'issuetypes' | 'priorities', def: { id: string; key: string; display: { en: string; ru: string } }): Record<string, unknown> {
  return { self: `${v.api}/${kind}/${def.id}`, id: def.id, key: def.key, display: def.display[v.lang] };
}

/** get-queues.md without `expand` (team, types, versions and workflows come only with it). */
export function queueView(v: View, q: QueueRec): Record<string, unknown> {
  return {
    self: `${v.api}/queues/${q.key}`,
    id: q.id,
    key: q.key,
    version: 1,
    name: q.name,
    description: `${q.name} queue of the sandbox Tracker`,
    lead: userRef(v, SANDBOX_USER.login),
    assignAuto: false,
    defaultType: keyedView(v, 'issuetypes', byKey(ISSUE_TYPES, 'task')),
    defaultPriority: keyedView(v, 'priorities', byKey(PRIORITIES, 'normal')),
    denyVoting: false,
  };
}

export function linkTypeView(v: View, t: LinkTypeDef): Record<string, unknown> {
  return { self: `${v.api}/linktypes/${t.id}`, id: t.id, inward: t.inward[v.lang], outward: t.outward[v.lang] };
}

export function linkTypesView(v: View): Array<Record<string, unknown>> {
  return LINK_TYPES.map((t) => linkTypeView(v, t));
}

export function statusView(v: View, key: string): Record<string, unknown> {
  const s = byKey(STATUSES, key);
  return { self: `${v.api}/statuses/${s.id}`, id: s.id, key: s.key, display: s.display[v.lang] };
}

/**
 * A status as the statuses list draws it (get-statuses: "self", numeric "id",
 * "version", "key", "name", "description", "order", "type").
 */
export function statusListView(v: View): Array<Record<string, unknown>> {
  return STATUSES.map((s) => ({
    self: `${v.api}/statuses/${s.id}`,
    id: Number(s.id),
    version: 1,
    key: s.key,
    name: s.display[v.lang],
    description: s.display[v.lang],
    order: s.order,
    type: s.category,
  }));
}

/** An issue as get-issue.md draws it (answer-issue.md); no `statusType`, which the documentation does not have. */
export function issueView(v: View, i: IssueRec): Record<string, unknown> {
  const queue = v.store.data.queues.find((q) => q.key === i.queue);
  const author = userRef(v, i.author ?? SANDBOX_USER.login);
  const view: Record<string, unknown> = {
    self: `${v.api}/issues/${i.key}`,
    id: i.id,
    key: i.key,
    version: 1,
    summary: i.summary,
    description: i.description,
    status: statusView(v, i.status),
    type: keyedView(v, 'issuetypes', byKey(ISSUE_TYPES, i.type)),
    priority: keyedView(v, 'priorities', byKey(PRIORITIES, i.priority)),
    queue: { self: `${v.api}/queues/${i.queue}`, id: String(queue?.id ?? ''), key: i.queue, display: queue?.name ?? i.queue },
    createdBy: author,
    updatedBy: author,
    createdAt: formatDate(i.createdAt),
    updatedAt: formatDate(i.updatedAt),
    votes: 0,
    favorite: false,
  };
  // Real responses omit unset fields rather than sending null.
  if (i.assignee) view.assignee = userRef(v, i.assignee);
  if (i.aliases.length) view.aliases = [...i.aliases];
  // import-ticket.md: "deadline" in YYYY-MM-DD, absent when none is set.
  if (i.deadline) view.deadline = i.deadline;
  // get-issue.md: TREK-9844 has `parent: JUNE-2`, which get-links.md lists as
  // subtask/outward: the parent holds the outward slot of the subtask link.
  const up = v.store.data.links.find((l) => l.type === 'subtask' && l.inward === i.id);
  const parent = up && v.store.data.issues.find((x) => x.id === up.outward);
  if (parent) view.parent = { self: `${v.api}/issues/${parent.key}`, id: parent.id, key: parent.key, display: parent.summary };
  return view;
}

/** A link object as seen from `self` (the issue in the URL). */
export function linkView(v: View, selfKey: string, side: LinkSide): Record<string, unknown> {
  const { link, direction, other } = side;
  const type = findLinkType(link.type);
  if (!type) throw new Error(`unknown link type ${link.type}`);
  const view: Record<string, unknown> = {
    self: `${v.api}/issues/${selfKey}/links/${link.id}`,
    id: link.id,
    type: linkTypeView(v, type),
    direction: v.invertedTypes?.has(link.type) ? (direction === 'outward' ? 'inward' : 'outward') : direction,
    object: { self: `${v.api}/issues/${other.key}`, id: other.id, key: other.key, display: other.summary },
    createdBy: userRef(v, link.createdBy),
    updatedBy: userRef(v, link.updatedBy),
    createdAt: formatDate(link.createdAt),
    updatedAt: formatDate(link.updatedAt),
  };
  if (other.assignee) view.assignee = userRef(v, other.assignee);
  view.status = statusView(v, other.status);
  return view;
}

export const ENTITY_FIELDS = ['summary', 'description', 'entityStatus', 'lead', 'parentEntity', 'start', 'end'] as const;

/** `fields=summary,entityStatus` → the known names, in request order. */
export function parseFields(param: string | null): string[] {
  if (!param) return [];
  return param
    .split(',')
    .map((f) => f.trim())
    .filter((f) => (ENTITY_FIELDS as readonly string[]).includes(f));
}

export function entityFields(v: View, e: EntityRec, fields: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const value = entityField(v, e, f);
    if (value !== undefined) out[f] = value;
  }
  return out;
}

function entityField(v: View, e: EntityRec, field: string): unknown {
  switch (field) {
    case 'summary':
      return e.summary;
    case 'description':
      return e.description;
    case 'entityStatus':
      return e.entityStatus;
    case 'lead':
      return e.lead ? userRef(v, e.lead) : undefined;
    case 'parentEntity': {
      const p = e.parentEntity ? v.store.data.entities.find((x) => x.id === e.parentEntity) : undefined;
      return p ? { id: p.id, shortId: p.shortId, entityType: p.entityType, display: p.summary } : undefined;
    }
    case 'start':
      return e.start;
    case 'end':
      return e.end;
    default:
      return undefined;
  }
}

export function entityView(v: View, e: EntityRec, fields: string[]): Record<string, unknown> {
  return {
    self: `${v.api}/entities/${e.entityType}/${e.id}`,
    id: e.id,
    shortId: e.shortId,
    entityType: e.entityType,
    version: e.version,
    createdBy: userRef(v, e.createdBy),
    createdAt: formatDate(e.createdAt),
    updatedAt: formatDate(e.updatedAt),
    fields: entityFields(v, e, fields),
  };
}

/**
 * What `fields` may name in a links listing: `id` (the documentation's own
 * example asks `fields=id,summary`), the entity fields of the fields table
 * (en/_includes/tracker/api/query-params.md), and the entity's `shortId` and
 * `entityType` (top-level attributes of every entity in get-entity.md).
 */
export const ENTITY_LINK_FIELDS = ['id', 'shortId', 'entityType', ...ENTITY_FIELDS] as const;

/** `fields=id,summary` of a links listing → the known names, in request order, each once. */
export function parseLinkFields(param: string | null): string[] {
  if (!param) return [];
  const names = param.split(',').map((f) => f.trim());
  return [...new Set(names.filter((f) => (ENTITY_LINK_FIELDS as readonly string[]).includes(f)))];
}

/**
 * `linkFieldValues` holds only the requested fields of the linked entity
 * (en/tracker/concepts/entities/links/get-links.md: "List of fields is
 * specified in the `fields` parameter of the request"): nothing is added
 * unasked, not even its `id`.
 */
export function entityLinkView(v: View, side: EntityLinkSide, fields: string[]): Record<string, unknown> {
  const o = side.other;
  const values: Record<string, unknown> = {};
  for (const f of fields) {
    const value = f === 'id' ? o.id : f === 'shortId' ? o.shortId : f === 'entityType' ? o.entityType : entityField(v, o, f);
    if (value !== undefined) values[f] = value;
  }
  return { type: side.relationship, linkFieldValues: values };
}
