// JSON views of sandbox records, shaped like src/tracker/types.ts. `api` is
// the server URL plus the request's version ("http://127.0.0.1:1234/v2"), so
// `self` links carry the version the client used.

import {
  ISSUE_TYPES,
  LINK_TYPES,
  PRIORITIES,
  STATUSES,
  STATUS_CATEGORIES,
  byKey,
  findLinkType,
  type Lang,
  type LinkTypeDef,
} from './catalog';
import { formatDate } from './errors';
import type { EntityRec, IssueRec, QueueRec, UserRec } from './seed';
import type { EntityLinkSide, LinkSide, Store } from './store';

export interface View {
  api: string;
  lang: Lang;
  store: Store;
}

/** A user as the documentation draws one: {self, id: "<uid>", display} — no login (get-links.md, get-issue.md). */
export function userRef(v: View, login: string): Record<string, unknown> {
  const u = v.store.user(login);
  if (!u) return { id: login, display: login };
  return { self: `${v.api}/users/${u.uid}`, id: String(u.uid), display: u.display };
}

export function myselfView(v: View, u: UserRec): Record<string, unknown> {
  const [firstName, lastName] = u.display.split(' ');
  return {
    self: `${v.api}/users/${u.uid}`,
    uid: u.uid,
    login: u.login,
    trackerUid: u.uid,
    passportUid: u.uid,
    firstName,
    lastName,
    display: u.display,
    email: u.email,
    external: false,
    hasLicense: true,
    dismissed: false,
  };
}

export function queueView(v: View, q: QueueRec): Record<string, unknown> {
  return { self: `${v.api}/queues/${q.key}`, id: q.id, key: q.key, name: q.name };
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

export function issueView(v: View, i: IssueRec): Record<string, unknown> {
  const status = byKey(STATUSES, i.status);
  const category = STATUS_CATEGORIES[status.category];
  const type = byKey(ISSUE_TYPES, i.type);
  const priority = byKey(PRIORITIES, i.priority);
  const queue = v.store.data.queues.find((q) => q.key === i.queue);
  const view: Record<string, unknown> = {
    self: `${v.api}/issues/${i.key}`,
    id: i.id,
    key: i.key,
    version: 1,
    summary: i.summary,
    description: i.description,
    status: statusView(v, i.status),
    statusType: { id: category.id, key: status.category, display: category.display[v.lang] },
    type: { self: `${v.api}/issuetypes/${type.id}`, id: type.id, key: type.key, display: type.display[v.lang] },
    priority: { self: `${v.api}/priorities/${priority.id}`, id: priority.id, key: priority.key, display: priority.display[v.lang] },
    queue: { self: `${v.api}/queues/${i.queue}`, id: String(queue?.id ?? ''), key: i.queue, display: queue?.name ?? i.queue },
    createdAt: formatDate(i.createdAt),
    updatedAt: formatDate(i.updatedAt),
  };
  // Real responses omit unset fields rather than sending null.
  if (i.assignee) view.assignee = userRef(v, i.assignee);
  if (i.aliases.length) view.aliases = [...i.aliases];
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
    direction,
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

/** `linkFieldValues` carries id, shortId and entityType (links may cross types) plus requested fields. */
export function entityLinkView(v: View, side: EntityLinkSide, fields: string[]): Record<string, unknown> {
  const o = side.other;
  return {
    type: side.relationship,
    linkFieldValues: { id: o.id, shortId: o.shortId, entityType: o.entityType, ...entityFields(v, o, fields) },
  };
}
