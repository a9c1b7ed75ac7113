// Deterministic seed data of the sandbox Tracker. Every call to `createSeed()`
// returns a fresh, mutable copy so `reset()` really starts over.
//
// Showcase for demos and UI tests: TREK-12 "Show linked issues in the sidebar
// tree" — it has an epic (TREK-1), a parent (TREK-10), sub-issues (TREK-16..18),
// blocks TREK-19, TREK-20 and MOB-4, is blocked by TREK-11 and TREK-14, is
// duplicated by TREK-21, was cloned as TREK-13, relates to WEB-7 and LEGAL-2
// (read-only queue). Chain: TREK-12 → depends on TREK-14 → depends on TREK-15,
// so "TREK-15 depends on TREK-12" would close a cycle (the server allows it).

import { createHash } from 'node:crypto';
import type { EntityStatus } from './catalog';

export type EntityKind = 'project' | 'portfolio' | 'goal';

export interface UserRec {
  uid: number;
  login: string;
  display: string;
  email: string;
}

export interface QueueRec {
  id: number;
  key: string;
  name: string;
}

export interface IssueRec {
  id: string;
  key: string;
  summary: string;
  description: string;
  status: string;
  type: string;
  priority: string;
  /** Login; absent when unassigned. */
  assignee?: string;
  queue: string;
  aliases: string[];
  createdAt: number;
  updatedAt: number;
  /** Login of who created the issue; the sandbox user when unset. */
  author?: string;
  /** `YYYY-MM-DD` (import-ticket.md); none when unset. */
  deadline?: string;
}

/** A link is stored once; each side derives its direction from the slot it is in. */
export interface LinkRec {
  id: number;
  type: string;
  /** Issue id that sees the link with direction "outward". */
  outward: string;
  /** Issue id that sees the link with direction "inward". */
  inward: string;
  createdBy: string;
  updatedBy: string;
  createdAt: number;
  updatedAt: number;
}

export interface EntityRec {
  id: string;
  shortId: number;
  entityType: EntityKind;
  version: number;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
  summary: string;
  description: string;
  entityStatus: EntityStatus;
  lead?: string;
  /** Entity id of the containing portfolio (projects and portfolios only). */
  parentEntity?: string;
  start?: string;
  end?: string;
}

/** Stored once; `relationship` is read from `left`. */
export interface EntityLinkRec {
  left: string;
  right: string;
  relationship: string;
}

export interface SeedData {
  users: UserRec[];
  queues: QueueRec[];
  issues: IssueRec[];
  links: LinkRec[];
  entities: EntityRec[];
  entityLinks: EntityLinkRec[];
  nextLinkId: number;
}

export const SANDBOX_USER: UserRec = {
  uid: 1120000000001234,
  login: 'sandbox.user',
  display: 'Sandbox User',
  email: 'sandbox.user@example.com',
};

const USERS: UserRec[] = [
  SANDBOX_USER,
  { uid: 1120000000002001, login: 'alice.morgan', display: 'Alice Morgan', email: 'alice.morgan@example.com' },
  { uid: 1120000000002002, login: 'boris.ivanov', display: 'Boris Ivanov', email: 'boris.ivanov@example.com' },
  { uid: 1120000000002003, login: 'chen.wei', display: 'Chen Wei', email: 'chen.wei@example.com' },
  { uid: 1120000000002004, login: 'dana.kowalski', display: 'Dana Kowalski', email: 'dana.kowalski@example.com' },
  { uid: 1120000000002005, login: 'elena.petrova', display: 'Elena Petrova', email: 'elena.petrova@example.com' },
  { uid: 1120000000002006, login: 'farid.haddad', display: 'Farid Haddad', email: 'farid.haddad@example.com' },
];

const QUEUES: QueueRec[] = [
  { id: 1, key: 'TREK', name: 'Tracker Links' },
  { id: 2, key: 'WEB', name: 'Web Portal' },
  { id: 3, key: 'MOB', name: 'Mobile App' },
  { id: 4, key: 'OPS', name: 'Operations' },
  { id: 5, key: 'LEGAL', name: 'Legal' },
];

/** Queue whose issues the sandbox user may read but not edit. */
export const READ_ONLY_QUEUE = 'LEGAL';

// Short user names keep the tables readable.
const U: Record<string, string> = {
  me: 'sandbox.user',
  alice: 'alice.morgan',
  boris: 'boris.ivanov',
  chen: 'chen.wei',
  dana: 'dana.kowalski',
  elena: 'elena.petrova',
  farid: 'farid.haddad',
};

// key, type, status, priority, assignee ('' = unassigned), created, updated, summary, aliases
type IssueRow = [string, string, string, string, string, string, string, string, string[]?];

const ISSUES: IssueRow[] = [
  ['TREK-1', 'epic', 'inProgress', 'critical', 'me', '2025-03-03', '2026-10-20', 'Tracker Links: issue links in VS Code'],
  ['TREK-2', 'epic', 'open', 'normal', 'alice', '2025-04-10', '2026-09-01', 'Entity links for projects, portfolios and goals'],
  ['TREK-3', 'story', 'resolved', 'normal', 'boris', '2025-03-10', '2025-06-18', 'Sign in with an OAuth or IAM token'],
  ['TREK-4', 'task', 'closed', 'minor', 'chen', '2025-03-12', '2025-05-30', 'Store the token in SecretStorage'],
  ['TREK-5', 'bug', 'resolved', 'normal', 'dana', '2025-04-02', '2025-07-11', 'Sign-in fails silently when the org header is wrong'],
  ['TREK-6', 'task', 'inProgress', 'normal', 'elena', '2025-05-14', '2026-08-02', 'Detect issue keys in branch names'],
  ['TREK-7', 'task', 'review', 'normal', 'me', '2025-06-01', '2026-09-15', 'Hover card for issue keys in comments'],
  ['TREK-8', 'bug', 'open', 'critical', '', '2025-07-22', '2026-07-30', 'Hover shows a stale status after a link is removed'],
  ['TREK-9', 'task', 'needInfo', 'minor', 'farid', '2025-08-05', '2026-02-11', 'Document the X-Cloud-Org-ID header in the README'],
  ['TREK-10', 'story', 'inProgress', 'normal', 'me', '2025-09-01', '2026-10-01', 'Links panel for the current issue'],
  ['TREK-11', 'task', 'resolved', 'normal', 'boris', '2025-09-03', '2026-01-20', 'Fetch link types and cache them per session'],
  ['TREK-12', 'task', 'inProgress', 'critical', 'me', '2025-09-10', '2026-10-28', 'Show linked issues in the sidebar tree'],
  ['TREK-13', 'task', 'open', 'normal', '', '2025-11-04', '2026-03-02', 'Show linked issues in the sidebar tree (web portal copy)'],
  ['TREK-14', 'task', 'inProgress', 'normal', 'chen', '2025-09-12', '2026-10-05', 'Client: retry on 429 with Retry-After', ['LEGACY-42']],
  ['TREK-15', 'task', 'open', 'normal', 'dana', '2025-09-15', '2026-09-20', 'Client: typed errors for 401, 403 and 422'],
  ['TREK-16', 'task', 'review', 'minor', 'me', '2025-10-01', '2026-10-25', 'Group links by type in the tree'],
  ['TREK-17', 'task', 'open', 'minor', 'elena', '2025-10-02', '2026-06-14', 'Inline remove action for a link'],
  ['TREK-18', 'bug', 'inProgress', 'normal', 'me', '2025-10-20', '2026-10-27', 'Tree flickers when links are refreshed'],
  ['TREK-19', 'task', 'open', 'normal', 'alice', '2025-10-22', '2026-08-19', 'Add-link command with an issue picker'],
  ['TREK-20', 'story', 'open', 'normal', '', '2025-11-10', '2026-04-08', 'Copy a link as Markdown'],
  ['TREK-21', 'bug', 'closed', 'normal', 'farid', '2025-11-18', '2025-12-01', 'Sidebar does not list related issues', ['MOB-9']],
  ['TREK-22', 'task', 'open', 'normal', 'boris', '2026-01-12', '2026-05-06', 'Import links from a CSV file'],
  ['TREK-23', 'task', 'open', 'trivial', '', '2026-02-03', '2026-02-03', 'Setting to turn off telemetry'],
  ['TREK-24', 'bug', 'needInfo', 'normal', 'chen', '2026-03-17', '2026-09-09', 'Link labels stay English when VS Code is in Russian'],
  ['WEB-1', 'epic', 'inProgress', 'normal', 'alice', '2025-02-11', '2026-10-10', 'Web portal redesign'],
  ['WEB-2', 'task', 'resolved', 'normal', 'boris', '2025-02-20', '2025-04-28', 'Responsive header for the issue page'],
  ['WEB-3', 'bug', 'open', 'critical', 'dana', '2025-05-06', '2026-07-07', 'Issue links widget crashes on an empty list'],
  ['WEB-4', 'story', 'inProgress', 'normal', 'elena', '2025-06-19', '2026-10-12', 'Show linked issues on the issue page'],
  ['WEB-5', 'task', 'review', 'minor', 'alice', '2025-08-08', '2026-08-30', 'Dark theme for link badges', ['MOB-12']],
  ['WEB-6', 'task', 'closed', 'trivial', '', '2025-01-15', '2025-01-16', 'Update the favicon'],
  ['WEB-7', 'task', 'open', 'normal', 'chen', '2025-10-30', '2026-06-01', 'Share link rendering between the web portal and the extension'],
  ['MOB-1', 'epic', 'open', 'normal', 'farid', '2025-04-01', '2026-09-03', 'Mobile app 2.0'],
  ['MOB-2', 'bug', 'inProgress', 'critical', 'dana', '2025-12-02', '2026-10-18', 'Push notifications arrive twice'],
  ['MOB-3', 'task', 'open', 'normal', '', '2026-01-09', '2026-01-09', 'Offline cache for recent issues'],
  ['MOB-4', 'story', 'needInfo', 'normal', 'elena', '2025-11-21', '2026-07-21', 'Linked issues screen'],
  ['MOB-5', 'task', 'resolved', 'minor', 'farid', '2025-06-30', '2025-08-14', 'Upgrade the HTTP client library'],
  ['OPS-1', 'task', 'closed', 'normal', 'boris', '2025-01-20', '2025-02-02', 'Rotate the OAuth application secret'],
  ['OPS-2', 'bug', 'resolved', 'critical', 'chen', '2025-07-01', '2025-07-09', 'API gateway returns 502 under load'],
  ['OPS-3', 'task', 'inProgress', 'normal', 'me', '2025-09-25', '2026-10-15', 'Rate-limit dashboards for the Tracker API'],
  ['OPS-4', 'task', 'open', 'minor', '', '2026-04-14', '2026-04-14', 'Nightly backup of queue settings'],
  ['LEGAL-1', 'task', 'inProgress', 'normal', 'dana', '2025-05-05', '2026-08-25', 'Review the Marketplace publisher agreement'],
  ['LEGAL-2', 'task', 'open', 'normal', 'alice', '2025-09-11', '2026-05-19', 'License audit of third-party packages'],
];

// Deadlines (import-ticket.md: YYYY-MM-DD). TREK-12 is due before its open
// blocker TREK-14 and after its dependent TREK-19: both are deadline
// conflicts, the kind Tracker's Gantt chart marks in red. TREK-20 and the
// resolved TREK-11 are consistent with TREK-12.
const DEADLINES: Record<string, string> = {
  'TREK-1': '2027-03-31',
  'TREK-10': '2026-12-20',
  'TREK-11': '2026-01-15',
  'TREK-12': '2026-11-20',
  'TREK-14': '2026-12-10',
  'TREK-15': '2026-11-30',
  'TREK-19': '2026-11-10',
  'TREK-20': '2026-12-18',
};

// [from, relationship as read from `from`, to, creator]
type LinkRow = [string, string, string, string];

const LINKS: LinkRow[] = [
  // TREK-12, the showcase
  ['TREK-12', 'has epic', 'TREK-1', 'me'],
  ['TREK-12', 'is subtask for', 'TREK-10', 'me'],
  ['TREK-12', 'is parent task for', 'TREK-16', 'me'],
  ['TREK-12', 'is parent task for', 'TREK-17', 'alice'],
  ['TREK-12', 'is parent task for', 'TREK-18', 'me'],
  ['TREK-12', 'depends on', 'TREK-14', 'me'],
  ['TREK-14', 'depends on', 'TREK-15', 'chen'],
  ['TREK-12', 'depends on', 'TREK-11', 'boris'],
  ['TREK-19', 'depends on', 'TREK-12', 'alice'],
  ['TREK-20', 'depends on', 'TREK-12', 'me'],
  ['MOB-4', 'depends on', 'TREK-12', 'elena'],
  ['TREK-21', 'duplicates', 'TREK-12', 'farid'],
  ['TREK-13', 'original', 'TREK-12', 'alice'],
  ['TREK-12', 'relates', 'WEB-7', 'chen'],
  ['LEGAL-2', 'relates', 'TREK-12', 'alice'],
  // the rest of the web
  ['TREK-1', 'is epic of', 'TREK-3', 'me'],
  ['TREK-1', 'is epic of', 'TREK-5', 'me'],
  ['TREK-1', 'is epic of', 'TREK-6', 'me'],
  ['TREK-1', 'is epic of', 'TREK-7', 'me'],
  ['TREK-1', 'is epic of', 'TREK-10', 'me'],
  ['TREK-1', 'is epic of', 'TREK-11', 'boris'],
  ['TREK-1', 'is epic of', 'TREK-14', 'chen'],
  ['TREK-1', 'is epic of', 'TREK-15', 'dana'],
  ['TREK-1', 'is epic of', 'TREK-19', 'alice'],
  ['TREK-1', 'is epic of', 'TREK-20', 'me'],
  ['TREK-2', 'is epic of', 'TREK-22', 'alice'],
  ['TREK-3', 'is parent task for', 'TREK-4', 'boris'],
  ['TREK-5', 'relates', 'TREK-9', 'dana'],
  ['TREK-24', 'relates', 'TREK-7', 'chen'],
  ['TREK-8', 'relates', 'TREK-7', 'me'],
  ['TREK-14', 'relates', 'OPS-3', 'chen'],
  ['WEB-1', 'is epic of', 'WEB-3', 'alice'],
  ['WEB-1', 'is epic of', 'WEB-4', 'alice'],
  ['WEB-1', 'is epic of', 'WEB-7', 'alice'],
  ['WEB-4', 'depends on', 'WEB-3', 'elena'],
  ['WEB-5', 'relates', 'WEB-4', 'alice'],
  ['MOB-1', 'is epic of', 'MOB-3', 'farid'],
  ['MOB-1', 'is epic of', 'MOB-4', 'farid'],
  ['MOB-2', 'relates', 'MOB-5', 'dana'],
  ['MOB-2', 'implements', 'MOB-3', 'dana'],
  ['OPS-3', 'depends on', 'OPS-2', 'me'],
  ['LEGAL-1', 'relates', 'WEB-6', 'dana'],
];

// shortId, type, summary, status, lead, created, updated, parent shortId, start, end
type EntityRow = [number, EntityKind, string, EntityStatus, string, string, string, number?, string?, string?];

const ENTITIES: EntityRow[] = [
  [1, 'project', 'Tracker Links for VS Code', 'in_progress', 'me', '2025-03-01', '2026-10-21', 6, '2025-03-01', '2027-03-31'],
  [2, 'project', 'Issue key detection', 'launched', 'elena', '2025-05-10', '2026-06-30', 6, '2025-05-10', '2026-06-30'],
  [3, 'project', 'Marketplace launch', 'draft', 'alice', '2026-02-02', '2026-09-12', 6],
  [4, 'project', 'Legacy Jira link migration', 'blocked', 'boris', '2025-11-15', '2026-10-02', 7, '2026-01-01', '2026-12-31'],
  [5, 'project', 'API gateway hardening', 'at_risk', 'chen', '2025-07-02', '2026-10-14', 7, '2025-07-02', '2026-11-30'],
  [6, 'portfolio', 'Developer Experience 2026', 'in_progress', 'alice', '2025-01-10', '2026-10-21'],
  [7, 'portfolio', 'Platform Reliability', 'at_risk', 'chen', '2025-01-12', '2026-10-14'],
  [8, 'goal', 'Ship Tracker Links 1.0 by Q1 2027', 'according_to_plan', 'me', '2025-03-01', '2026-10-01'],
  [9, 'goal', 'Halve context switching for developers', 'at_risk', 'alice', '2025-01-10', '2026-09-30'],
  [10, 'goal', 'Migrate all legacy links with their authorship', 'blocked', 'boris', '2025-11-15', '2026-10-02'],
  [11, 'goal', 'Reach 1,000 weekly active users', 'draft', 'farid', '2026-03-03', '2026-03-03'],
  [12, 'goal', 'No lost links during migrations', 'postponed', 'dana', '2025-12-01', '2026-04-01'],
];

// [left shortId, relationship as read from left, right shortId]
type EntityLinkRow = [number, string, number];

const ENTITY_LINKS: EntityLinkRow[] = [
  [1, 'depends on', 2],
  [3, 'depends on', 1],
  [1, 'relates', 8],
  [4, 'depends on', 5],
  [6, 'relates', 7],
  [6, 'relates', 9],
  [8, 'relates', 9],
  [11, 'depends on', 8],
  [10, 'depends on', 12],
  [10, 'depends on', 4],
  [11, 'is dependent by', 3],
];

/** A stable 24-hex id derived from a name, so ids survive reseeding. */
export function hexId(name: string): string {
  return createHash('sha1').update(name).digest('hex').slice(0, 24);
}

/** Midday UTC of a calendar day, plus an offset in minutes (keeps seed times distinct). */
function day(date: string, minutes = 0): number {
  return Date.parse(`${date}T12:00:00.000Z`) + minutes * 60_000;
}

function login(short: string): string {
  const l = U[short];
  if (!l) throw new Error(`seed: unknown user ${short}`);
  return l;
}

function buildIssues(): IssueRec[] {
  return ISSUES.map(([key, type, status, priority, assignee, created, updated, summary, aliases], i) => ({
    id: hexId(`issue:${key}`),
    key,
    summary,
    description: `${summary}.\n\nSeeded by the sandbox Tracker for demos and tests.`,
    status,
    type,
    priority,
    assignee: assignee ? login(assignee) : undefined,
    queue: key.split('-')[0],
    aliases: aliases ? [...aliases] : [],
    createdAt: day(created, i),
    updatedAt: day(updated, i),
    ...(DEADLINES[key] ? { deadline: DEADLINES[key] } : {}),
  }));
}

// Seed relationships → storage slots (mirror of catalog.RELATIONSHIPS, kept
// local so a catalogue typo cannot silently change the seed).
const SEED_REL: Record<string, { type: string; outward: boolean }> = {
  relates: { type: 'relates', outward: false },
  'depends on': { type: 'depends', outward: true },
  'is dependent by': { type: 'depends', outward: false },
  'is subtask for': { type: 'subtask', outward: false },
  'is parent task for': { type: 'subtask', outward: true },
  duplicates: { type: 'duplicates', outward: true },
  'has epic': { type: 'epic', outward: false },
  'is epic of': { type: 'epic', outward: true },
  original: { type: 'clone', outward: false },
  implements: { type: 'implements', outward: true },
};

function buildLinks(issues: IssueRec[], firstId: number): LinkRec[] {
  const byKey = new Map(issues.map((i) => [i.key, i]));
  return LINKS.map(([from, rel, to, by], n) => {
    const a = byKey.get(from);
    const b = byKey.get(to);
    const map = SEED_REL[rel];
    if (!a || !b || !map) throw new Error(`seed: bad link ${from} ${rel} ${to}`);
    // A link is created a day after the later of its two issues.
    const at = Math.max(a.createdAt, b.createdAt) + 86_400_000 + n * 60_000;
    // Keep issue.updatedAt >= its links' dates, as a real tracker would.
    a.updatedAt = Math.max(a.updatedAt, at);
    b.updatedAt = Math.max(b.updatedAt, at);
    return {
      id: firstId + n,
      type: map.type,
      outward: map.outward ? a.id : b.id,
      inward: map.outward ? b.id : a.id,
      createdBy: login(by),
      updatedBy: login(by),
      createdAt: at,
      updatedAt: at,
    };
  });
}

function buildEntities(): EntityRec[] {
  const idOf = (shortId: number): string => hexId(`entity:${shortId}`);
  return ENTITIES.map(([shortId, entityType, summary, entityStatus, lead, created, updated, parent, start, end]) => ({
    id: idOf(shortId),
    shortId,
    entityType,
    version: 1 + (shortId % 5),
    createdBy: login(lead),
    createdAt: day(created, shortId),
    updatedAt: day(updated, shortId),
    summary,
    description: `${summary} — seeded ${entityType}.`,
    entityStatus,
    lead: login(lead),
    parentEntity: parent ? idOf(parent) : undefined,
    start,
    end,
  }));
}

function buildEntityLinks(entities: EntityRec[]): EntityLinkRec[] {
  const byShort = new Map(entities.map((e) => [e.shortId, e]));
  return ENTITY_LINKS.map(([l, relationship, r]) => {
    const left = byShort.get(l);
    const right = byShort.get(r);
    if (!left || !right) throw new Error(`seed: bad entity link ${l} ${r}`);
    return { left: left.id, right: right.id, relationship };
  });
}

/** Fresh seed data; with `full = false` only users and queues (an empty tracker). */
export function createSeed(full = true): SeedData {
  const users = USERS.map((u) => ({ ...u }));
  const queues = QUEUES.map((q) => ({ ...q }));
  const firstLinkId = 4709601;
  if (!full) {
    return { users, queues, issues: [], links: [], entities: [], entityLinks: [], nextLinkId: firstLinkId };
  }
  const issues = buildIssues();
  const links = buildLinks(issues, firstLinkId);
  const entities = buildEntities();
  const entityLinks = buildEntityLinks(entities);
  return { users, queues, issues, links, entities, entityLinks, nextLinkId: firstLinkId + links.length };
}
