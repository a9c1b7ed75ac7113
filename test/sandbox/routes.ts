// API routes of the sandbox Tracker: request validation and the mapping of
// each path to the store. Auth, org checks, faults and recording live in
// server.ts; handlers here only see an authorised request.

import type { Lang } from './catalog';
import { ApiError, badRequest, invalidField, notFound, parseDate, formatDate, unprocessable } from './errors';
import {
  entityLinkView,
  entityView,
  issueView,
  linkTypeView,
  linkTypesView,
  linkView,
  myselfView,
  parseFields,
  parseLinkFields,
  queueView,
  statusListView,
  type View,
} from './render';
import { LINK_TYPES } from './catalog';
import { SANDBOX_USER, type EntityKind, type EntityRec, type IssueRec } from './seed';
import type { LinkMeta, Store } from './store';

export interface Ctx {
  version: 'v2' | 'v3';
  params: Record<string, string>;
  query: URLSearchParams;
  /** Parsed JSON body; undefined when the request had none. */
  body: unknown;
  lang: Lang;
  /** Absolute URL of the request, used to build `Link: rel="next"`. */
  url: URL;
  store: Store;
  view: View;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface Route {
  method: string;
  pattern: string[];
  versions?: Array<'v2' | 'v3'>;
  handle: (ctx: Ctx) => Reply;
}

const ok = (body: unknown, status = 200, headers?: Record<string, string>): Reply => ({ status, body, headers });

// ---- body validation -------------------------------------------------------

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function requireObject(body: unknown): Json {
  if (!isObject(body)) throw badRequest('Request body must be a JSON object');
  return body;
}

/** Unknown fields → 422 with each one named, like Tracker's JSON validation. */
function rejectUnknown(body: Json, allowed: readonly string[], prefix = ''): void {
  const unknown = Object.keys(body).filter((k) => !allowed.includes(k));
  if (!unknown.length) return;
  const errors = Object.fromEntries(unknown.map((k) => [k, 'unknown field']));
  throw unprocessable(`${prefix}Unknown field(s): ${unknown.join(', ')}`, errors);
}

/**
 * A missing required parameter is a 400 ("one or more request parameters have
 * an invalid value", error-codes.md and the import/entity pages' error lists);
 * 422 is for JSON that does not validate (an unknown field, a bad value).
 */
function requireFields(body: Json, names: readonly string[], prefix = ''): void {
  const missing = names.filter((n) => body[n] === undefined || body[n] === null || body[n] === '');
  if (!missing.length) return;
  const errors = Object.fromEntries(missing.map((k) => [k, 'required field']));
  throw badRequest(`${prefix}Missing required field(s): ${missing.join(', ')}`, errors);
}

function requireString(body: Json, field: string): string {
  const v = body[field];
  if (typeof v !== 'string') throw invalidField(field, `${field} must be a string`);
  return v;
}

// ---- paging ----------------------------------------------------------------

interface Page<T> {
  items: T[];
  headers: Record<string, string>;
  total: number;
  pages: number;
}

function positiveInt(query: URLSearchParams, name: string, fallback: number): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw badRequest(`Invalid value of ${name}: ${raw}`, { [name]: 'must be a positive integer' });
  return Number(raw);
}

/** perPage (default 50) and page (from 1); X-Total-* headers and `Link: rel="next"` when more pages exist. */
function paginate<T>(ctx: Ctx, all: T[]): Page<T> {
  const perPage = positiveInt(ctx.query, 'perPage', 50);
  const page = positiveInt(ctx.query, 'page', 1);
  const total = all.length;
  const pages = Math.ceil(total / perPage);
  const headers: Record<string, string> = { 'X-Total-Count': String(total), 'X-Total-Pages': String(pages) };
  if (page < pages) {
    const next = new URL(ctx.url.href);
    next.searchParams.set('perPage', String(perPage));
    next.searchParams.set('page', String(page + 1));
    headers.Link = `<${next.href}>; rel="next"`;
  }
  return { items: all.slice((page - 1) * perPage, page * perPage), headers, total, pages };
}

// ---- issues ----------------------------------------------------------------

const ci = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
const contains = (hay: string, needle: string): boolean => hay.toLowerCase().includes(needle.toLowerCase());

/** A filter value: one string or a list of alternatives. */
function alternatives(field: string, value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (!list.length || !list.every((x) => typeof x === 'string' || typeof x === 'number')) {
    throw invalidField(`filter.${field}`, `filter.${field} must be a string or a list of strings`);
  }
  return list.map(String);
}

type IssuePredicate = (i: IssueRec) => boolean;

function assigneeMatches(i: IssueRec, wanted: string): boolean {
  // search-issues.md writes the function as "Empty()".
  const fn = wanted.toLowerCase();
  if (fn === 'me()') return i.assignee === SANDBOX_USER.login;
  if (fn === 'empty()') return !i.assignee;
  return !!i.assignee && ci(i.assignee, wanted);
}

const FILTER_FIELDS: Record<string, (i: IssueRec, v: string) => boolean> = {
  queue: (i, v) => ci(i.queue, v),
  assignee: assigneeMatches,
  status: (i, v) => ci(i.status, v),
  type: (i, v) => ci(i.type, v),
  key: (i, v) => ci(i.key, v),
};

function filterPredicate(filter: unknown): IssuePredicate {
  if (!isObject(filter)) throw invalidField('filter', 'filter must be an object');
  const checks = Object.entries(filter).map(([field, value]) => {
    const match = FILTER_FIELDS[field];
    if (!match) throw invalidField(`filter.${field}`, `Unsupported filter field "${field}"`);
    const wanted = alternatives(field, value);
    return (i: IssueRec) => wanted.some((w) => match(i, w));
  });
  return (i) => checks.every((c) => c(i));
}

const QUERY_FIELDS: Record<string, (i: IssueRec, v: string) => boolean> = {
  queue: (i, v) => ci(i.queue, v),
  summary: (i, v) => contains(i.summary, v),
  key: (i, v) => ci(i.key, v),
  status: (i, v) => ci(i.status, v),
  type: (i, v) => ci(i.type, v),
  assignee: assigneeMatches,
};

/**
 * A tiny subset of the query language: `Field: value` / `Field: "quoted value"`
 * clauses (Queue, Summary, Key, Status, Type, Assignee), `AND`, an ignored
 * `Sort by:` tail, and free text matched against the summary.
 */
function queryPredicate(query: string): IssuePredicate {
  const checks: IssuePredicate[] = [];
  let rest = query.replace(/"?sort\s+by"?\s*:.*$/i, '');
  rest = rest.replace(/"?([A-Za-z]+)"?\s*:\s*(?:"([^"]*)"|([^\s"]+))/g, (_m, field: string, quoted?: string, bare?: string) => {
    const match = QUERY_FIELDS[field.toLowerCase()];
    if (!match) throw badRequest(`Query parse error: unsupported field "${field}"`, { query: `unsupported field ${field}` });
    const value = quoted ?? bare ?? '';
    checks.push((i) => match(i, value));
    return ' ';
  });
  const text = rest
    .replace(/\b(AND)\b/gi, ' ')
    .replace(/"/g, ' ')
    .trim()
    .replace(/\s+/g, ' ');
  if (text) checks.push((i) => contains(i.summary, text));
  return (i) => checks.every((c) => c(i));
}

const SEARCH_CRITERIA = ['keys', 'queue', 'filter', 'query'] as const;

function searchIssues(ctx: Ctx): Reply {
  const body = requireObject(ctx.body);
  rejectUnknown(body, [...SEARCH_CRITERIA, 'order', 'expand']);
  const given = SEARCH_CRITERIA.filter((c) => body[c] !== undefined);
  if (given.length !== 1) throw badRequest('Specify exactly one of keys, queue, filter or query');
  const issues = ctx.store.data.issues;
  let found: IssueRec[];
  switch (given[0]) {
    case 'keys': {
      const raw = body.keys;
      const keys = typeof raw === 'string' ? [raw] : raw;
      if (!Array.isArray(keys) || !keys.every((k) => typeof k === 'string')) throw badRequest('keys must be a list of issue keys');
      // Keep the requested order; unknown keys are simply absent.
      found = keys.map((k) => ctx.store.findIssue(k)).filter((i): i is IssueRec => !!i);
      found = found.filter((i, n) => found.indexOf(i) === n);
      break;
    }
    case 'queue': {
      const queue = body.queue;
      if (typeof queue !== 'string') throw badRequest('queue must be a queue key');
      found = issues.filter((i) => ci(i.queue, queue));
      break;
    }
    case 'filter':
      found = issues.filter(filterPredicate(body.filter));
      break;
    default: {
      const query = body.query;
      if (typeof query !== 'string') throw badRequest('query must be a string');
      found = issues.filter(queryPredicate(query));
    }
  }
  const page = paginate(ctx, found);
  return ok(page.items.map((i) => issueView(ctx.view, i)), 200, page.headers);
}

function suggestIssues(ctx: Ctx): Reply {
  const input = (ctx.query.get('input') ?? '').trim();
  if (!input) return ok([]);
  // get-suggest: "issues whose summary contains the entered text" — keys are not matched.
  const found = ctx.store.data.issues.filter((i) => contains(i.summary, input));
  return ok(found.slice(0, 20).map((i) => issueView(ctx.view, i)));
}

// ---- issue links -------------------------------------------------------------

function getIssueLinks(ctx: Ctx): Reply {
  const x = ctx.store.issueOrThrow(ctx.params.key ?? '');
  const sides = ctx.store.linksOfIssue(x).sort((a, b) => a.link.id - b.link.id);
  return ok(sides.map((s) => linkView(ctx.view, x.key, s)));
}

function targetIssue(ctx: Ctx, body: Json): IssueRec {
  const ref = body.issue;
  if (typeof ref !== 'string' && typeof ref !== 'number') throw invalidField('issue', 'issue must be an issue key or id');
  const y = ctx.store.findIssue(String(ref));
  if (!y) throw notFound(`Issue ${ref} not found`);
  return y;
}

function createIssueLink(ctx: Ctx): Reply {
  const body = requireObject(ctx.body);
  const x = ctx.store.issueOrThrow(ctx.params.key ?? '');
  ctx.store.assertEditable(x);
  rejectUnknown(body, ['relationship', 'issue']);
  requireFields(body, ['relationship', 'issue']);
  const def = ctx.store.relationshipDef(body.relationship, false);
  const y = targetIssue(ctx, body);
  const now = Date.now();
  const meta: LinkMeta = { createdBy: SANDBOX_USER.login, updatedBy: SANDBOX_USER.login, createdAt: now, updatedAt: now };
  const side = ctx.store.createLink(x, def, y, meta);
  return ok(linkView(ctx.view, x.key, side), 201);
}

function deleteIssueLink(ctx: Ctx): Reply {
  const x = ctx.store.issueOrThrow(ctx.params.key ?? '');
  ctx.store.assertEditable(x);
  const id = ctx.params.id ?? '';
  if (!/^\d+$/.test(id)) throw notFound(`Link ${id} not found in issue ${x.key}`);
  ctx.store.deleteLink(x, Number(id));
  return { status: 204 };
}

const DATE_HINT = 'expected YYYY-MM-DDThh:mm:ss.sss±hhmm, e.g. 2017-08-29T12:34:41.740+0000';

function importDate(body: Json, field: string): number {
  const v = body[field];
  const ms = typeof v === 'string' ? parseDate(v) : undefined;
  if (ms === undefined) throw invalidField(field, `Invalid date in ${field}: ${JSON.stringify(v)}; ${DATE_HINT}`);
  return ms;
}

/** import-links.md: "String for the username, Number for the ID" — digits in a string are a login. */
function importUser(ctx: Ctx, body: Json, field: string): string {
  const v = body[field];
  const u = typeof v === 'number' ? ctx.store.resolveUser(v) : typeof v === 'string' ? ctx.store.userByLogin(v) : undefined;
  if (!u) throw invalidField(field, `Unknown user in ${field}: ${JSON.stringify(body[field])}`);
  return u.login;
}

function importIssueLink(ctx: Ctx): Reply {
  const body = requireObject(ctx.body);
  const x = ctx.store.issueOrThrow(ctx.params.key ?? '');
  ctx.store.assertEditable(x);
  rejectUnknown(body, ['relationship', 'issue', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy']);
  requireFields(body, ['relationship', 'issue', 'createdAt', 'createdBy']);
  const def = ctx.store.relationshipDef(body.relationship, true);
  // updatedAt and updatedBy come as a pair.
  const hasAt = body.updatedAt !== undefined && body.updatedAt !== null;
  const hasBy = body.updatedBy !== undefined && body.updatedBy !== null;
  if (hasAt && !hasBy) throw invalidField('updatedBy', 'updatedBy is required together with updatedAt');
  if (hasBy && !hasAt) throw invalidField('updatedAt', 'updatedAt is required together with updatedBy');
  const createdAt = importDate(body, 'createdAt');
  const updatedAt = hasAt ? importDate(body, 'updatedAt') : createdAt;
  const createdBy = importUser(ctx, body, 'createdBy');
  const updatedBy = hasBy ? importUser(ctx, body, 'updatedBy') : createdBy;
  const y = targetIssue(ctx, body);
  checkImportRange(x, y, createdAt, updatedAt, hasAt);
  const side = ctx.store.createLink(x, def, y, { createdAt, createdBy, updatedAt, updatedBy });
  return ok(linkView(ctx.view, x.key, side));
}

/**
 * import-links.md: a date "from the creation to the last update of the issues
 * being linked" — so createdAt is not before either issue was created, nor
 * after the later last update of the two; updatedAt within [createdAt, that].
 */
function checkImportRange(x: IssueRec, y: IssueRec, createdAt: number, updatedAt: number, hasUpdatedAt: boolean): void {
  const latest = Math.max(x.updatedAt, y.updatedAt);
  for (const issue of [x, y]) {
    if (createdAt < issue.createdAt) {
      throw invalidField('createdAt', `createdAt is earlier than the creation of ${issue.key} (${formatDate(issue.createdAt)})`);
    }
  }
  if (createdAt > latest) {
    throw invalidField('createdAt', `createdAt is later than the last update of the linked issues (${formatDate(latest)})`);
  }
  if (!hasUpdatedAt) return;
  if (updatedAt < createdAt) throw invalidField('updatedAt', 'updatedAt is earlier than createdAt');
  if (updatedAt > latest) {
    throw invalidField('updatedAt', `updatedAt is later than the last update of the linked issues (${formatDate(latest)})`);
  }
}

// ---- entities ----------------------------------------------------------------

const ENTITY_TYPES: readonly EntityKind[] = ['project', 'portfolio', 'goal'];

function entityType(ctx: Ctx): EntityKind {
  const t = ctx.params.type ?? '';
  if (!(ENTITY_TYPES as readonly string[]).includes(t)) throw notFound(`Unknown entity type ${t}`);
  return t as EntityKind;
}

function getEntity(ctx: Ctx): Reply {
  const e = ctx.store.entityOrThrow(entityType(ctx), ctx.params.id ?? '');
  return ok(entityView(ctx.view, e, parseFields(ctx.query.get('fields'))));
}

const ENTITY_ORDER: Record<string, (e: EntityRec) => string | number> = {
  shortId: (e) => e.shortId,
  summary: (e) => e.summary.toLowerCase(),
  createdAt: (e) => e.createdAt,
  updatedAt: (e) => e.updatedAt,
  entityStatus: (e) => e.entityStatus,
};

const ENTITY_FILTERS: Record<string, (e: EntityRec, v: string, store: Store) => boolean> = {
  entityStatus: (e, v) => e.entityStatus === v,
  summary: (e, v) => ci(e.summary, v),
  lead: (e, v, store) => !!e.lead && store.resolveUser(v)?.login === e.lead,
  parentEntity: (e, v, store) => !!e.parentEntity && store.findEntity(v)?.id === e.parentEntity,
};

function entityFilter(ctx: Ctx, filter: unknown): (e: EntityRec) => boolean {
  if (filter === undefined) return () => true;
  if (!isObject(filter)) throw invalidField('filter', 'filter must be an object');
  const checks = Object.entries(filter).map(([field, value]) => {
    const match = ENTITY_FILTERS[field];
    if (!match) throw invalidField(`filter.${field}`, `Unsupported filter field "${field}"`);
    const wanted = alternatives(field, value);
    return (e: EntityRec) => wanted.some((w) => match(e, w, ctx.store));
  });
  return (e) => checks.every((c) => c(e));
}

function searchEntities(ctx: Ctx): Reply {
  const type = entityType(ctx);
  const body = ctx.body === undefined ? {} : requireObject(ctx.body);
  rejectUnknown(body, ['input', 'filter', 'orderBy', 'orderAsc', 'rootOnly']);
  const { input, orderBy, orderAsc, rootOnly } = body;
  if (input !== undefined && typeof input !== 'string') throw invalidField('input', 'input must be a string');
  if (orderAsc !== undefined && typeof orderAsc !== 'boolean') throw invalidField('orderAsc', 'orderAsc must be a boolean');
  if (rootOnly !== undefined && typeof rootOnly !== 'boolean') throw invalidField('rootOnly', 'rootOnly must be a boolean');
  const order = ENTITY_ORDER[orderBy === undefined ? 'shortId' : String(orderBy)];
  if (!order) throw invalidField('orderBy', `Unsupported orderBy ${JSON.stringify(orderBy)}`);
  const filter = entityFilter(ctx, body.filter);
  const found = ctx.store.data.entities
    .filter((e) => e.entityType === type)
    .filter((e) => !input || contains(e.summary, input))
    .filter((e) => !rootOnly || !e.parentEntity)
    .filter(filter)
    .sort((a, b) => compare(order(a), order(b)) * (orderAsc === false ? -1 : 1));
  const page = paginate(ctx, found);
  const fields = parseFields(ctx.query.get('fields'));
  return ok({ hits: page.total, pages: page.pages, values: page.items.map((e) => entityView(ctx.view, e, fields)) });
}

function compare(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function getEntityLinks(ctx: Ctx): Reply {
  const e = ctx.store.entityOrThrow(entityType(ctx), ctx.params.id ?? '');
  const fields = parseLinkFields(ctx.query.get('fields'));
  return ok(ctx.store.entityLinksOf(e).map((s) => entityLinkView(ctx.view, s, fields)));
}

/** One object or an array; every item is validated before anything is written. */
function createEntityLinks(ctx: Ctx): Reply {
  const e = ctx.store.entityOrThrow(entityType(ctx), ctx.params.id ?? '');
  const raw = Array.isArray(ctx.body) ? ctx.body : [requireObject(ctx.body)];
  if (!raw.length) throw unprocessable('Nothing to link: the list of links is empty');
  const shaped = raw.map((item: unknown, n) => {
    const prefix = raw.length > 1 ? `Item ${n + 1}: ` : '';
    if (!isObject(item)) throw badRequest(`${prefix}each link must be a JSON object`);
    rejectUnknown(item, ['relationship', 'entity'], prefix);
    requireFields(item, ['relationship', 'entity'], prefix);
    const relationship = requireString(item, 'relationship');
    const ref = item.entity;
    if (typeof ref !== 'string' && typeof ref !== 'number') throw invalidField('entity', `${prefix}entity must be an id or shortId`);
    return { relationship, ref: String(ref) };
  });
  const items = shaped.map(({ relationship, ref }) => {
    const other = ctx.store.findEntity(ref);
    if (!other) throw notFound(`Entity ${ref} not found`);
    return { relationship, other };
  });
  const created = ctx.store.createEntityLinks(e, items);
  return ok(created.map((s) => entityLinkView(ctx.view, s, parseLinkFields(ctx.query.get('fields')))));
}

function deleteEntityLink(ctx: Ctx): Reply {
  const e = ctx.store.entityOrThrow(entityType(ctx), ctx.params.id ?? '');
  const right = ctx.query.get('right');
  if (!right) throw badRequest('Query parameter "right" is required', { right: 'required' });
  const other = ctx.store.findEntity(right);
  if (!other) throw notFound(`Entity ${right} not found`);
  ctx.store.deleteEntityLink(e, other);
  return ok({});
}

// ---- route table -------------------------------------------------------------

const ROUTES: Route[] = [
  { method: 'GET', pattern: ['myself'], handle: (c) => ok(myselfView(c.view, SANDBOX_USER)) },
  {
    method: 'GET',
    pattern: ['queues'],
    handle: (c) => {
      const page = paginate(c, c.store.data.queues);
      return ok(page.items.map((q) => queueView(c.view, q)), 200, page.headers);
    },
  },
  {
    method: 'GET',
    pattern: ['queues', ':key'],
    handle: (c) => {
      const q = c.store.data.queues.find((x) => ci(x.key, c.params.key ?? '') || String(x.id) === c.params.key);
      if (!q) throw notFound(`Queue ${c.params.key} not found`);
      return ok(queueView(c.view, q));
    },
  },
  { method: 'GET', pattern: ['linktypes'], handle: (c) => ok(linkTypesView(c.view)) },
  // get-statuses documents the list under /v3 only.
  { method: 'GET', pattern: ['statuses'], versions: ['v3'], handle: (c) => ok(statusListView(c.view)) },
  {
    method: 'GET',
    pattern: ['linktypes', ':id'],
    handle: (c) => {
      const t = LINK_TYPES.find((x) => x.id === c.params.id);
      if (!t) throw notFound(`Link type ${c.params.id} not found`);
      return ok(linkTypeView(c.view, t));
    },
  },
  { method: 'POST', pattern: ['issues', '_search'], handle: searchIssues },
  { method: 'GET', pattern: ['issues', '_suggest'], versions: ['v3'], handle: suggestIssues },
  { method: 'GET', pattern: ['issues', ':key'], handle: (c) => ok(issueView(c.view, c.store.issueOrThrow(c.params.key ?? ''))) },
  { method: 'GET', pattern: ['issues', ':key', 'links'], handle: getIssueLinks },
  { method: 'POST', pattern: ['issues', ':key', 'links'], handle: createIssueLink },
  { method: 'POST', pattern: ['issues', ':key', 'links', '_import'], handle: importIssueLink },
  { method: 'DELETE', pattern: ['issues', ':key', 'links', ':id'], handle: deleteIssueLink },
  { method: 'POST', pattern: ['entities', ':type', '_search'], handle: searchEntities },
  { method: 'GET', pattern: ['entities', ':type', ':id'], handle: getEntity },
  { method: 'GET', pattern: ['entities', ':type', ':id', 'links'], handle: getEntityLinks },
  { method: 'POST', pattern: ['entities', ':type', ':id', 'links'], handle: createEntityLinks },
  { method: 'DELETE', pattern: ['entities', ':type', ':id', 'links'], handle: deleteEntityLink },
];

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

/** Finds the route for `segments` (the path after the version); first match wins. */
export function matchRoute(method: string, version: 'v2' | 'v3', segments: string[]): RouteMatch | undefined {
  for (const route of ROUTES) {
    if (route.method !== method || route.pattern.length !== segments.length) continue;
    if (route.versions && !route.versions.includes(version)) continue;
    const params: Record<string, string> = {};
    const fits = route.pattern.every((p, n) => {
      const s = segments[n] ?? '';
      if (p.startsWith(':')) {
        params[p.slice(1)] = s;
        return true;
      }
      return p === s;
    });
    if (fits) return { route, params };
  }
  return undefined;
}

/** Runs a matched route; ApiErrors become Tracker-style error replies. */
export function runRoute(match: RouteMatch, ctx: Omit<Ctx, 'params'>): Reply {
  try {
    return match.route.handle({ ...ctx, params: match.params });
  } catch (e) {
    if (e instanceof ApiError) return { status: e.status, body: e.toBody() };
    throw e;
  }
}
