// The typed Tracker API: one method per documented endpoint the extension
// uses (docs/tracker-api-notes.md names the pages), built on HttpClient
// (which does auth, retries, timeouts and errors).

import { TrackerError, isTrackerError } from './errors';
import type { HttpClient } from './http';
import type { HttpResponse } from './request';
import type {
  CallOptions,
  Entity,
  EntityLink,
  EntityLinkBody,
  EntitySearchResult,
  EntityType,
  ImportLinkBody,
  Issue,
  IssueLink,
  IssueRelationship,
  LinkAnswerReader,
  LinkType,
  Queue,
  Status,
  TrackerApi,
  User,
} from './types';
import { ENTITY_TYPES, isEntityType } from './types';

type IssueSearchCriteria = Parameters<TrackerApi['searchIssues']>[0];

/** Encodes one path segment (keys and ids come from users and other servers). */
function seg(s: string | number): string {
  return encodeURIComponent(String(s));
}

const ENTITY_NAMES: Record<EntityType, string> = { project: 'Project', portfolio: 'Portfolio', goal: 'Goal' };

/**
 * What a links listing is asked for. `linkFieldValues` holds only the fields
 * named in `fields`, nothing unasked (en/tracker/concepts/entities/links/
 * get-links.md; its example asks `fields=id,summary`): `id` is what DELETE
 * takes as `right` and what the already-linked checks compare; `summary` and
 * `entityStatus` are shown (fields table, _includes/tracker/api/query-params.md);
 * `entityType` and `shortId` say what kind of entity it is and its number
 * (links may cross types): top-level attributes of every entity
 * (get-entity.md) that the fields table does not list, so a server may leave
 * them out and the views then do without.
 */
const ENTITY_LINK_FIELDS = 'id,entityType,shortId,summary,entityStatus';

function entitySubject(type: EntityType, id: string): string {
  return `${ENTITY_NAMES[type] ?? type} ${id}`;
}

export class TrackerClient implements TrackerApi {
  /**
   * `orientation` is this server's reading of link directions (one per
   * connection, see links/orientation.ts): every link answered or listed
   * passes through it. Without one, links are taken as they come.
   */
  constructor(
    private readonly http: HttpClient,
    private readonly orientation: LinkAnswerReader = AS_THEY_COME,
  ) {}

  async myself(o?: CallOptions): Promise<User> {
    const r = await this.http.request<User | User[]>('GET', '/myself', { signal: o?.signal, subject: 'The current user', about: { kind: 'user' } });
    // get-user-info.md documents "a JSON array with the current user's
    // parameters"; other clients read the object itself. Take either.
    const data = Array.isArray(r.data) && r.data.length === 1 ? r.data[0] : r.data;
    return expectObject({ ...r, data } as HttpResponse<User>);
  }

  async queues(o?: CallOptions): Promise<Queue[]> {
    const r = await this.http.requestPaged<Queue>('GET', '/queues', { signal: o?.signal, perPage: 100, maxPages: 100 });
    return r.items;
  }

  async linkTypes(o?: CallOptions): Promise<LinkType[]> {
    const r = await this.http.request<LinkType[]>('GET', '/linktypes', { signal: o?.signal });
    return expectArray(r);
  }

  async statuses(o?: CallOptions): Promise<Status[]> {
    // Documented under /v3 only (get-statuses), whatever version the rest uses.
    const r = await this.http.request<Status[]>('GET', '/statuses', { signal: o?.signal, version: 'v3' });
    return expectArray(r);
  }

  async getIssue(key: string, o?: CallOptions): Promise<Issue> {
    const path = `/issues/${seg(key)}`;
    const r = await this.http.request<Issue>('GET', path, { signal: o?.signal, subject: `Issue ${key}`, about: { kind: 'issue', key } });
    return expectObject(r);
  }

  async searchIssues(criteria: IssueSearchCriteria, o?: CallOptions & { limit?: number; perPage?: number }): Promise<Issue[]> {
    const given = Object.entries(criteria).filter(([, v]) => v !== undefined);
    if (given.length !== 1) throw new TypeError('searchIssues takes exactly one of keys, queue, filter or query');
    const limit = o?.limit ?? 50;
    const r = await this.http.requestPaged<Issue>('POST', '/issues/_search', {
      body: Object.fromEntries(given),
      signal: o?.signal,
      perPage: o?.perPage ?? Math.min(Math.max(limit, 1), 100),
      limit,
      retry: true, // a search changes nothing: safe to repeat after a 5xx or a drop
    });
    return r.items;
  }

  async suggestIssues(input: string, o?: CallOptions): Promise<Issue[]> {
    // `_suggest` exists in v3 only, whatever version the rest uses.
    const r = await this.http.request<Issue[]>('GET', '/issues/_suggest', {
      query: { input },
      version: 'v3',
      signal: o?.signal,
    });
    return expectArray(r);
  }

  async getIssueLinks(key: string, o?: CallOptions): Promise<IssueLink[]> {
    const path = `/issues/${seg(key)}/links`;
    const r = await this.http.request<IssueLink[]>('GET', path, { signal: o?.signal, fresh: o?.fresh, subject: `Issue ${key}`, about: { kind: 'issue', key } });
    const links = this.orientation.normalizeAll(expectArray(r));
    return this.orientation.nameUnknownTypes(links, () => this.linkTypes({ signal: o?.signal }));
  }

  async createIssueLink(key: string, relationship: IssueRelationship, issue: string, o?: CallOptions): Promise<IssueLink> {
    const path = `/issues/${seg(key)}/links`;
    const r = await this.http.request<IssueLink>('POST', path, {
      body: { relationship, issue },
      signal: o?.signal,
      subject: `Issue ${key} or ${issue}`,
      about: { kind: 'issue', key, other: issue },
    });
    return this.orientation.observe(relationship, expectObject(r));
  }

  async deleteIssueLink(key: string, linkId: number, o?: CallOptions): Promise<void> {
    await this.http.request<void>('DELETE', `/issues/${seg(key)}/links/${seg(linkId)}`, {
      signal: o?.signal,
      subject: `Link ${linkId} of ${key}`,
      about: { kind: 'issueLink', key, linkId: String(linkId) },
    });
  }

  async importIssueLink(key: string, body: ImportLinkBody, o?: CallOptions): Promise<IssueLink> {
    const path = `/issues/${seg(key)}/links/_import`;
    const r = await this.http.request<IssueLink>('POST', path, {
      body,
      signal: o?.signal,
      subject: `Issue ${key} or ${body.issue}`,
      about: { kind: 'issue', key, other: String(body.issue) },
    });
    return this.orientation.observe(body.relationship, expectObject(r));
  }

  async getEntity(type: EntityType, id: string, o?: CallOptions): Promise<Entity> {
    const path = `/entities/${seg(type)}/${seg(id)}`;
    const r = await this.http.request<Entity>('GET', path, {
      query: { fields: 'summary,entityStatus,lead' },
      signal: o?.signal,
      subject: entitySubject(type, id),
      about: { kind: 'entity', type, id },
    });
    return expectObject(r);
  }

  async searchEntities(type: EntityType, input: string, o?: CallOptions & { perPage?: number }): Promise<EntitySearchResult> {
    const path = `/entities/${seg(type)}/_search`;
    const r = await this.http.request<EntitySearchResult>('POST', path, {
      query: { fields: 'summary,entityStatus', perPage: o?.perPage ?? 20 },
      body: { input },
      signal: o?.signal,
      retry: true, // read-only POST
    });
    const data = expectObject(r);
    if (!Array.isArray(data.values)) throw badShape(r, 'expected "values" to be a list');
    return data;
  }

  async getEntityLinks(type: EntityType, id: string, o?: CallOptions): Promise<EntityLink[]> {
    const path = `/entities/${seg(type)}/${seg(id)}/links`;
    const r = await this.http.request<EntityLink[]>('GET', path, {
      query: { fields: ENTITY_LINK_FIELDS },
      signal: o?.signal,
      fresh: o?.fresh,
      subject: entitySubject(type, id),
      about: { kind: 'entity', type, id },
    });
    const links = expectArray(r);
    // Without its id a linked entity can be neither removed (`right`) nor
    // recognised as already linked: a listing without ids is unusable.
    if (links.some((l) => typeof l?.linkFieldValues?.id !== 'string')) throw badShape(r, 'expected every linkFieldValues to have an "id"');
    return links;
  }

  async createEntityLinks(type: EntityType, id: string, links: EntityLinkBody[], o?: CallOptions): Promise<void> {
    if (links.length === 0) return;
    // One request: the API takes a single object or an array of them.
    await this.http.request<unknown>('POST', `/entities/${seg(type)}/${seg(id)}/links`, {
      body: links.length === 1 ? links[0] : links,
      signal: o?.signal,
      subject: links.length === 1 ? `${entitySubject(type, id)} or ${links[0].entity}` : `${entitySubject(type, id)} or a linked entity`,
      about: { kind: 'entity', type, id, other: links.length === 1 ? links[0].entity : undefined },
    });
  }

  async deleteEntityLink(type: EntityType, id: string, right: string, o?: CallOptions): Promise<void> {
    await this.http.request<unknown>('DELETE', `/entities/${seg(type)}/${seg(id)}/links`, {
      query: { right },
      signal: o?.signal,
      subject: `The link from ${entitySubject(type, id).toLowerCase()} to ${right}`,
      about: { kind: 'entityLink', type, id, other: right },
    });
  }
}

const AS_THEY_COME: LinkAnswerReader = {
  observe: (_relationship, link) => link,
  normalizeAll: (links) => links,
  nameUnknownTypes: (links) => Promise.resolve(links),
};

function badShape(r: HttpResponse<unknown>, detail: string): TrackerError {
  return new TrackerError({ kind: 'badResponse', status: r.status, method: r.method, path: r.path, detail });
}

// Light shape checks: a proxy answering 200 with the wrong thing must become
// a clear 'badResponse', not a crash deep in the UI code.
function expectArray<T>(r: HttpResponse<T[]>): T[] {
  if (!Array.isArray(r.data)) throw badShape(r, 'expected a list');
  return r.data;
}

function expectObject<T>(r: HttpResponse<T>): T {
  if (!r.data || typeof r.data !== 'object' || Array.isArray(r.data)) {
    throw badShape(r, 'expected an object');
  }
  return r.data;
}

/**
 * An entity known only by its id, of a type nobody told us (a links listing
 * that left out `entityType`): GET it under `first`, then the other types,
 * until one answers. A 404 means "not of this type"; the answer's own
 * `entityType` (get-entity.md) wins over the type in the path.
 */
export async function findEntityByIdOnly(
  api: Pick<TrackerApi, 'getEntity'>,
  id: string,
  first: EntityType,
  o?: CallOptions,
): Promise<Entity & { entityType: EntityType }> {
  const order = [first, ...ENTITY_TYPES.filter((t) => t !== first)];
  let lastError: unknown;
  for (const type of order) {
    try {
      const e = await api.getEntity(type, id, o);
      return { ...e, entityType: isEntityType(e.entityType) ? e.entityType : type };
    } catch (e) {
      if (!isTrackerError(e) || e.kind !== 'notFound') throw e;
      lastError = e;
    }
  }
  throw lastError;
}
