// Link import rows: user references, relationships and per-row validation
// for `_import`, the request body of a row, and the result log. Pure (no VS
// Code): the adapters turn the problem codes into words. Dates are in
// importDates.ts, reading whole files in importFiles.ts.

import type { ImportLinkBody, IssueRelationship, UserRef as ServerUser } from '../tracker/types';
import { normalizeKey } from '../keys/keys';
import { isIssueRelationship } from './relationships';
import { parseLinkDate, type LinkDate } from './importDates';

// ---------------------------------------------------------------- users

export type UserRef = string | number;

/**
 * A login or a numeric uid. Digits become a number (the API takes a uid as a
 * number) unless too long for one, then they stay a string.
 */
export function parseUserRef(value: unknown): UserRef | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value > 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const v = value.trim();
  if (!v || v.length > 200 || /\s/.test(v)) return undefined;
  if (/^\d+$/.test(v)) {
    const num = Number(v);
    return Number.isSafeInteger(num) && num > 0 ? num : v;
  }
  return v;
}

/**
 * The author of a listed link as `_import` takes it. A link names its author
 * as {self, id, display} with the uid in the string `id` (get-links.md), while
 * `_import` reads a string as a login and a number as a uid (import-links.md):
 * so the uid goes back as a number; a login only when there is no uid.
 */
export function importAuthor(user: Partial<ServerUser> | undefined): UserRef | undefined {
  return parseUserRef(user?.id) ?? parseUserRef(user?.login);
}

// ---------------------------------------------------------------- relationships

/** `Depends  On` → `depends on`; undefined when not one of the 11 values. */
export function parseRelationship(value: unknown): IssueRelationship | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.trim().toLowerCase().replace(/\s+/g, ' ');
  return isIssueRelationship(v) ? v : undefined;
}

// ---------------------------------------------------------------- rows

export const IMPORT_COLUMNS = ['source', 'relationship', 'target', 'createdBy', 'createdAt', 'updatedBy', 'updatedAt'] as const;
type ImportField = (typeof IMPORT_COLUMNS)[number];
export const REQUIRED_COLUMNS: readonly ImportField[] = ['source', 'relationship', 'target', 'createdBy', 'createdAt'];

type RowProblemCode =
  | 'missing'
  | 'notText'
  | 'badKey'
  | 'badRelationship'
  | 'sameIssue'
  | 'badUser'
  | 'badDate'
  | 'dateNoZone'
  | 'pairIncomplete'
  | 'updatedBeforeCreated'
  | 'unknownField'
  | 'notAnObject'
  | 'extraCells';

export interface RowProblem {
  code: RowProblemCode;
  /** The field concerned (for `pairIncomplete`: the missing one). */
  field?: string;
  /** The offending value, clipped, for the report. */
  value?: string;
}

/** One row ready for `_import`: keys normalized, dates in the API format. */
export interface ImportRow {
  source: string;
  relationship: IssueRelationship;
  target: string;
  createdBy: UserRef;
  createdAt: string;
  updatedBy?: UserRef;
  updatedAt?: string;
}

/** Where a row came from: the CSV line it starts on, or the JSON array index. */
export type RowPlace = { line: number } | { index: number };

export interface ParsedRow {
  place: RowPlace;
  row: ImportRow;
}

export interface BadRow {
  place: RowPlace;
  problems: RowProblem[];
}

const clip = (s: string): string => (s.length > 80 ? s.slice(0, 79) + '…' : s);

/** A cell's value as a problem quotes it: short, on one line. */
export function shownValue(v: unknown): string {
  if (typeof v === 'string') return clip(v);
  try {
    return clip(JSON.stringify(v) ?? String(v));
  } catch {
    return String(v);
  }
}

const isBlank = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** Checks one record (field → value); every problem is reported, not only the first. */
export function validateRecord(record: Readonly<Record<string, unknown>>): { row?: ImportRow; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  for (const f of Object.keys(record)) {
    if (!(IMPORT_COLUMNS as readonly string[]).includes(f)) problems.push({ code: 'unknownField', field: f });
  }
  for (const f of REQUIRED_COLUMNS) if (isBlank(record[f])) problems.push({ code: 'missing', field: f });
  const has = (f: ImportField) => !isBlank(record[f]);

  const key = (f: 'source' | 'target'): string | undefined => {
    if (!has(f)) return undefined;
    const v = record[f];
    const k = typeof v === 'string' ? normalizeKey(v) : undefined;
    if (!k) problems.push({ code: typeof v === 'string' ? 'badKey' : 'notText', field: f, value: shownValue(v) });
    return k;
  };
  const source = key('source');
  const target = key('target');
  if (source && target && source === target) problems.push({ code: 'sameIssue', field: 'target', value: target });

  let relationship: IssueRelationship | undefined;
  if (has('relationship')) {
    relationship = parseRelationship(record.relationship);
    if (!relationship) problems.push({ code: 'badRelationship', field: 'relationship', value: shownValue(record.relationship) });
  }

  const user = (f: 'createdBy' | 'updatedBy'): UserRef | undefined => {
    if (!has(f)) return undefined;
    const u = parseUserRef(record[f]);
    if (u === undefined) problems.push({ code: 'badUser', field: f, value: shownValue(record[f]) });
    return u;
  };
  const createdBy = user('createdBy');
  const updatedBy = user('updatedBy');

  const date = (f: 'createdAt' | 'updatedAt'): LinkDate | undefined => {
    if (!has(f)) return undefined;
    const v = record[f];
    if (typeof v !== 'string') {
      problems.push({ code: 'notText', field: f, value: shownValue(v) });
      return undefined;
    }
    const r = parseLinkDate(v);
    if (r.ok) return r.date;
    problems.push({ code: r.problem === 'noZone' ? 'dateNoZone' : 'badDate', field: f, value: shownValue(v) });
    return undefined;
  };
  const createdAt = date('createdAt');
  const updatedAt = date('updatedAt');

  // The API takes updatedBy and updatedAt together or not at all.
  if (has('updatedBy') !== has('updatedAt')) {
    problems.push({ code: 'pairIncomplete', field: has('updatedBy') ? 'updatedAt' : 'updatedBy' });
  }
  if (createdAt && updatedAt && updatedAt.ms < createdAt.ms) {
    problems.push({ code: 'updatedBeforeCreated', field: 'updatedAt', value: shownValue(record.updatedAt) });
  }

  if (problems.length || !source || !target || !relationship || createdBy === undefined || !createdAt) return { problems };
  const row: ImportRow = { source, relationship, target, createdBy, createdAt: createdAt.api };
  if (updatedBy !== undefined && updatedAt) {
    row.updatedBy = updatedBy;
    row.updatedAt = updatedAt.api;
  }
  return { row, problems };
}

/** The `_import` body for a row (the source goes into the path). */
export function importBody(row: ImportRow): ImportLinkBody {
  const body: ImportLinkBody = { relationship: row.relationship, issue: row.target, createdAt: row.createdAt, createdBy: row.createdBy };
  if (row.updatedAt !== undefined && row.updatedBy !== undefined) {
    body.updatedAt = row.updatedAt;
    body.updatedBy = row.updatedBy;
  }
  return body;
}

// ---------------------------------------------------------------- re-runs

export type ImportOutcome = 'created' | 'skipped' | 'failed';

/** One line of the result log (JSON lines): what happened to a row, readable by a person and a script. */
export function resultLogLine(
  place: RowPlace,
  row: ImportRow,
  outcome: ImportOutcome,
  extra: { linkId?: number; reason?: string; at?: Date } = {},
): string {
  return JSON.stringify({
    at: (extra.at ?? new Date()).toISOString(),
    ...place,
    outcome,
    source: row.source,
    relationship: row.relationship,
    target: row.target,
    ...(extra.linkId !== undefined ? { linkId: extra.linkId } : {}),
    ...(extra.reason ? { reason: extra.reason } : {}),
  });
}
