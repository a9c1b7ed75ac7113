// What the other tracker's words become in Tracker: link types →
// relationships, issue keys → Tracker keys, accounts → logins or uids. Each
// mapping is data the user can extend from a small file; nothing unknown is
// guessed. Pure: no VS Code.

import type { IssueRelationship } from '../tracker/types';
import { normalizeKey } from '../keys/keys';
import { parseRelationship, parseUserRef, type UserRef } from '../links/importRows';
import { readCsv } from '../links/csv';

// ---------------------------------------------------------------- link types

/**
 * The hierarchy is not a link type in Jira; these names stand for it in the
 * mapping: a sub-task under its parent, an issue under its epic, and a
 * parent that is neither (a level above epics, say), which has no default.
 */
export const HIERARCHY_TYPES = { subtask: '@subtask', epic: '@epic', parent: '@parent' } as const;

/**
 * Relationship as read from the link's *outward* side — the issue Jira says
 * "blocks", "duplicates", "clones" on (the one listing the other as
 * `outwardIssue`), and for the hierarchy the child. `null` leaves a type out
 * on purpose.
 */
export type LinkTypeMapping = ReadonlyMap<string, IssueRelationship | null>;

/**
 * Jira's built-in types. "A blocks B" → B depends on A, so from A: `is
 * dependent by`. "A duplicates B" → `duplicates`. "A clones B" → A is the
 * clone, B the original: `original` (import only). Relates both ways.
 */
export const DEFAULT_LINK_TYPES: LinkTypeMapping = new Map<string, IssueRelationship | null>([
  ['blocks', 'is dependent by'],
  ['duplicate', 'duplicates'],
  ['relates', 'relates'],
  ['cloners', 'original'],
  [HIERARCHY_TYPES.subtask, 'is subtask for'],
  [HIERARCHY_TYPES.epic, 'has epic'],
]);

export type MappingProblem =
  | { code: 'notJson'; detail: string }
  | { code: 'notObject' }
  | { code: 'badRelationship'; key: string; value: string }
  | { code: 'badKey'; line: number; value: string }
  | { code: 'badUser'; line: number; value: string }
  | { code: 'badRule'; value: string }
  | { code: 'duplicate'; line: number; value: string };

const shown = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v) ?? String(v));

/**
 * A user's link-type file: `{"Reference": "relates", "Detail": null,
 * "@parent": "is subtask for"}` — Jira type name (any case) → relationship
 * from the outward side, or null to leave the type out.
 */
export function parseLinkTypeFile(text: string): { mapping: Map<string, IssueRelationship | null>; problems: MappingProblem[] } {
  const mapping = new Map<string, IssueRelationship | null>();
  const problems: MappingProblem[] = [];
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (e) {
    return { mapping, problems: [{ code: 'notJson', detail: e instanceof Error ? e.message : String(e) }] };
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return { mapping, problems: [{ code: 'notObject' }] };
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    if (value === null) {
      mapping.set(key.trim().toLowerCase(), null);
      continue;
    }
    const rel = parseRelationship(value);
    if (rel) mapping.set(key.trim().toLowerCase(), rel);
    else problems.push({ code: 'badRelationship', key, value: shown(value) });
  }
  return { mapping, problems };
}

/** Defaults with the user's entries over them. */
export function linkTypeMapping(user?: ReadonlyMap<string, IssueRelationship | null>): LinkTypeMapping {
  const m = new Map(DEFAULT_LINK_TYPES);
  for (const [k, v] of user ?? []) m.set(k.toLowerCase(), v);
  return m;
}

type TypeLookup =
  | { kind: 'mapped'; relationship: IssueRelationship }
  | { kind: 'leftOut' }
  | { kind: 'unknown' };

export function lookupLinkType(mapping: LinkTypeMapping, typeName: string): TypeLookup {
  const key = typeName.trim().toLowerCase();
  if (!mapping.has(key)) return { kind: 'unknown' };
  const rel = mapping.get(key);
  return rel ? { kind: 'mapped', relationship: rel } : { kind: 'leftOut' };
}

// ---------------------------------------------------------------- keys

/** Two-column text → pairs. CSV (`,` `;` tab) or JSON `{"PROJ-1": "TREK-7"}`; a header row of non-keys is skipped. */
function twoColumns(text: string): { pairs: Array<{ line: number; left: string; right: string }>; problems: MappingProblem[] } {
  const trimmed = text.replace(/^\ufeff/, '').trim();
  if (trimmed.startsWith('{')) {
    try {
      const data = JSON.parse(trimmed) as unknown;
      if (!data || typeof data !== 'object' || Array.isArray(data)) return { pairs: [], problems: [{ code: 'notObject' }] };
      return { pairs: Object.entries(data as Record<string, unknown>).map(([left, right], i) => ({ line: i + 1, left, right: typeof right === 'number' ? String(right) : shown(right) })), problems: [] };
    } catch (e) {
      return { pairs: [], problems: [{ code: 'notJson', detail: e instanceof Error ? e.message : String(e) }] };
    }
  }
  return {
    pairs: readCsv(trimmed).records.map((r) => ({ line: r.line, left: (r.cells[0] ?? '').trim(), right: (r.cells[1] ?? '').trim() })),
    problems: [],
  };
}

export interface KeyMap {
  pairs: Map<string, string>;
  /** Queue rules: same number, Jira project → Tracker queue. */
  queues: Map<string, string>;
}

/** A key-mapping file: `PROJ-1,TREK-7` per line (or JSON); the first line may be a header. */
export function parseKeyMapFile(text: string): { pairs: Map<string, string>; problems: MappingProblem[] } {
  const { pairs, problems } = twoColumns(text);
  const out = new Map<string, string>();
  pairs.forEach(({ line, left, right }, i) => {
    const from = normalizeForeignKey(left);
    const to = normalizeKey(right);
    if (!from || !to) {
      // A header line ("jira,tracker") is not a problem.
      if (!(i === 0 && !from && !to)) problems.push({ code: 'badKey', line, value: `${left} → ${right}` });
      return;
    }
    if (out.has(from) && out.get(from) !== to) problems.push({ code: 'duplicate', line, value: from });
    else out.set(from, to);
  });
  return { pairs: out, problems };
}

/**
 * Rules like `PROJ → TREK` ("same number, queue PROJ becomes TREK"); several
 * separated by commas, semicolons or new lines; `->`, `=>`, `=`, `:` or `→`.
 */
export function parseKeyRules(text: string): { queues: Map<string, string>; problems: MappingProblem[] } {
  const queues = new Map<string, string>();
  const problems: MappingProblem[] = [];
  for (const part of text.split(/[,;\n]+/).map((p) => p.trim()).filter(Boolean)) {
    const m = /^([A-Za-z][A-Za-z0-9_]*)\s*(?:→|->|=>|=|:)\s*([A-Za-z]+)$/.exec(part);
    if (m) queues.set(m[1].toUpperCase(), m[2].toUpperCase());
    else problems.push({ code: 'badRule', value: part });
  }
  return { queues, problems };
}

/** Jira key → Tracker key: the file's pair first, then the queue rule; undefined = no counterpart. */
export function mapKey(keys: Partial<KeyMap>, jiraKey: string): string | undefined {
  const k = jiraKey.trim().toUpperCase();
  const pair = keys.pairs?.get(k);
  if (pair) return pair;
  // Jira project keys may hold digits and underscores (`AB2_X-12`), which
  // Tracker queue keys do not: Tracker's key reader would refuse them.
  const parts = foreignKeyParts(k);
  if (!parts) return undefined;
  const queue = keys.queues?.get(parts.project);
  return queue ? normalizeKey(`${queue}-${parts.number}`) : undefined;
}

const FOREIGN_KEY = /^([A-Z][A-Z0-9_]*)-(\d+)$/;

/** A Jira key's project and number (`ab2_x-12` → `AB2_X`, `12`: project letters, digits or underscores, a hyphen, a number), or undefined. */
export function foreignKeyParts(text: string): { key: string; project: string; number: string } | undefined {
  const key = text.trim().toUpperCase();
  const m = FOREIGN_KEY.exec(key);
  return m ? { key, project: m[1], number: m[2] } : undefined;
}

/** A Jira key upper-cased (`ab2_x-12` → `AB2_X-12`), or undefined. */
export function normalizeForeignKey(text: string): string | undefined {
  return foreignKeyParts(text)?.key;
}

// ---------------------------------------------------------------- users

/** A Jira account as its REST API or CSV export gives it. */
export interface ForeignUser {
  accountId?: string;
  /** Jira Server/Data Center username. */
  name?: string;
  key?: string;
  displayName?: string;
  emailAddress?: string;
}

/** The account's best identifier, for reports. */
export function userLabel(u: ForeignUser | undefined): string {
  if (!u) return '';
  return u.displayName || u.name || u.emailAddress || u.accountId || u.key || '';
}

const HEADER_WORDS = new Set(['jira', 'account', 'accountid', 'user', 'from', 'source', 'jira user', 'jira account']);

/**
 * A user-mapping file: Jira account (accountId, username, key, e-mail or
 * display name — any of them) → Tracker login or uid, two columns or JSON.
 */
export function parseUserMapFile(text: string): { users: Map<string, UserRef>; problems: MappingProblem[] } {
  const { pairs, problems } = twoColumns(text);
  const users = new Map<string, UserRef>();
  pairs.forEach(({ line, left, right }, i) => {
    if (i === 0 && HEADER_WORDS.has(left.toLowerCase())) return;
    const ref = parseUserRef(right);
    if (!left || ref === undefined) problems.push({ code: 'badUser', line, value: `${left} → ${right}` });
    else users.set(left.toLowerCase(), ref);
  });
  return { users, problems };
}

/** Jira account → Tracker user by any of its identifiers, most specific first. */
export function mapUser(users: ReadonlyMap<string, UserRef>, u: ForeignUser | undefined): UserRef | undefined {
  if (!u) return undefined;
  for (const id of [u.accountId, u.name, u.key, u.emailAddress, u.displayName]) {
    if (id) {
      const hit = users.get(id.toLowerCase());
      if (hit !== undefined) return hit;
    }
  }
  return undefined;
}
