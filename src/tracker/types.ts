// Typed models of the Tracker API (the documentation pages behind them:
// docs/tracker-api-notes.md). Field names are exactly the server's; optional
// where the server may omit them.

export type OrgKind = 'yandex360' | 'cloud';
export type TokenKind = 'oauth' | 'iam';
/** The entity kinds, written once: the type, the pickers' order and the id search all read this list. */
export const ENTITY_TYPES = ['project', 'portfolio', 'goal'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export function isEntityType(t: unknown): t is EntityType {
  return typeof t === 'string' && (ENTITY_TYPES as readonly string[]).includes(t);
}

/** Creatable issue relationships plus the two import-only ones. */
export type IssueRelationship =
  | 'relates'
  | 'is dependent by'
  | 'depends on'
  | 'is subtask for'
  | 'is parent task for'
  | 'duplicates'
  | 'is duplicated by'
  | 'is epic of'
  | 'has epic'
  | 'clone'
  | 'original';

/** Entity relationships are data, not a closed enum: the server decides. */
type EntityRelationship = string;

export interface UserRef {
  self?: string;
  id: string;
  display?: string;
  login?: string;
}

export interface User {
  uid: number | string;
  login: string;
  display: string;
  email?: string;
  self?: string;
}

export interface StatusRef {
  self?: string;
  id?: string;
  key: string;
  display?: string;
}

export interface Issue {
  self?: string;
  id: string;
  key: string;
  summary: string;
  description?: string;
  status?: StatusRef;
  /** Status category as some servers send it: "new" | "inProgress" | "paused" | "done"... */
  statusType?: { id?: string; key?: string; display?: string };
  type?: { id?: string; key: string; display?: string };
  priority?: { id?: string; key: string; display?: string };
  assignee?: UserRef;
  queue?: { id?: string; key: string; display?: string };
  aliases?: string[];
  createdAt?: string;
  updatedAt?: string;
  resolution?: { key: string; display?: string };
  /** `YYYY-MM-DD` (import-ticket.md); absent when none is set. */
  deadline?: string;
}

/**
 * An issue status as `GET /v3/statuses` lists it (get-statuses): `type` is its
 * category — new, inProgress, paused, done or cancelled.
 */
export interface Status {
  self?: string;
  id: number | string;
  version?: number;
  key: string;
  name?: string;
  description?: string;
  order?: number;
  type?: string;
}

export interface LinkType {
  self?: string;
  id: string;
  inward: string;
  outward: string;
}

export interface IssueLink {
  self?: string;
  id: number;
  type: LinkType;
  direction: 'outward' | 'inward';
  object: { self?: string; id: string; key: string; display?: string };
  createdBy?: UserRef;
  updatedBy?: UserRef;
  createdAt?: string;
  updatedAt?: string;
  assignee?: UserRef;
  status?: StatusRef;
}

/** How the client reads link objects: the orientation a server was seen to use. */
export interface LinkAnswerReader {
  /** The link answered to a create or import of `relationship`, checked and normalized. */
  observe(relationship: IssueRelationship, answered: IssueLink): IssueLink;
  /** Listed links as the catalogue reads them. */
  normalizeAll(links: IssueLink[]): IssueLink[];
  /** Names for link types the catalogue does not know, from the server's list when the answer has none. */
  nameUnknownTypes(links: IssueLink[], load: () => Promise<LinkType[]>): Promise<IssueLink[]>;
}

export interface ImportLinkBody {
  relationship: IssueRelationship;
  issue: string;
  createdAt: string;
  createdBy: string | number;
  updatedAt?: string;
  updatedBy?: string | number;
}

export interface Queue {
  self?: string;
  id?: string | number;
  key: string;
  name?: string;
}

interface EntityFields {
  summary?: string;
  entityStatus?: string;
  lead?: UserRef;
  [field: string]: unknown;
}

export interface Entity {
  self?: string;
  id: string;
  shortId?: number;
  entityType?: EntityType;
  version?: number;
  createdBy?: UserRef;
  createdAt?: string;
  updatedAt?: string;
  fields?: EntityFields;
}

export interface EntitySearchResult {
  hits: number;
  pages: number;
  values: Entity[];
}

export interface EntityLink {
  type: EntityRelationship;
  /**
   * Only the fields asked for in `fields` (the client asks for the id; the
   * type and number may be left out by a server).
   */
  linkFieldValues: EntityFields & { id: string; shortId?: number; entityType?: string };
}

export interface EntityLinkBody {
  relationship: EntityRelationship;
  entity: string;
}

/** Per-call options every client method accepts. */
export interface CallOptions {
  signal?: AbortSignal;
  /** Ask anew instead of joining an identical read in flight (a check after a write). */
  fresh?: boolean;
}

/**
 * The whole Tracker API surface the extension speaks. Implemented over real
 * HTTP by `TrackerClient` in client.ts; adapters depend on this interface.
 */
export interface TrackerApi {
  myself(o?: CallOptions): Promise<User>;
  queues(o?: CallOptions): Promise<Queue[]>;
  linkTypes(o?: CallOptions): Promise<LinkType[]>;
  /** The organisation's issue statuses with their categories (v3 only). */
  statuses(o?: CallOptions): Promise<Status[]>;

  getIssue(key: string, o?: CallOptions): Promise<Issue>;
  /** Exactly one criterion: keys, queue, filter or query. Follows pages up to `limit` (default 50). */
  searchIssues(
    criteria: { keys: string[] } | { queue: string } | { filter: Record<string, unknown> } | { query: string },
    o?: CallOptions & { limit?: number },
  ): Promise<Issue[]>;
  /** Issues whose summary contains the text (v3 `_suggest`). */
  suggestIssues(input: string, o?: CallOptions): Promise<Issue[]>;

  getIssueLinks(key: string, o?: CallOptions): Promise<IssueLink[]>;
  createIssueLink(key: string, relationship: IssueRelationship, issue: string, o?: CallOptions): Promise<IssueLink>;
  deleteIssueLink(key: string, linkId: number, o?: CallOptions): Promise<void>;
  importIssueLink(key: string, body: ImportLinkBody, o?: CallOptions): Promise<IssueLink>;

  getEntity(type: EntityType, id: string, o?: CallOptions): Promise<Entity>;
  searchEntities(type: EntityType, input: string, o?: CallOptions & { perPage?: number }): Promise<EntitySearchResult>;
  getEntityLinks(type: EntityType, id: string, o?: CallOptions): Promise<EntityLink[]>;
  /** One request; the body is an array when more than one link is given. */
  createEntityLinks(type: EntityType, id: string, links: EntityLinkBody[], o?: CallOptions): Promise<void>;
  deleteEntityLink(type: EntityType, id: string, right: string, o?: CallOptions): Promise<void>;
}
