// Link import rows: dates, user references, CSV/JSON parsing and per-row
// validation for `_import`. Pure (no VS Code): the adapters turn the problem
// codes below into localized words, so nothing here is user-facing text.

import type { ImportLinkBody, IssueLink, IssueRelationship, UserRef as ServerUser } from '../tracker/types';
import { normalizeKey } from '../keys/keys';
import { isIssueRelationship, relationshipOfLink } from './relationships';
import { readCsv, stripBom, type CsvRecord } from './csv';

export type { CsvRecord } from './csv';

// ---------------------------------------------------------------- dates

export type DateProblem =
  /** Nothing given. */
  | 'empty'
  /** Neither the API format nor ISO-8601. */
  | 'format'
  /** A time without a zone: which instant it means is a guess, so ask. */
  | 'noZone'
  /** Looks right but is not a real moment (month 13, 31 February, 25:00). */
  | 'invalid';

export interface LinkDate {
  /** The API format `YYYY-MM-DDThh:mm:ss.sss±hhmm`, keeping the given offset. */
  api: string;
  /** Milliseconds since the epoch, for comparisons. */
  ms: number;
}

export type DateResult = { ok: true; date: LinkDate } | { ok: false; problem: DateProblem };

const API_DATE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.(\d{3})([+-])(\d{2})(\d{2})$/;
// ISO-8601 extended: date only, or date + time (seconds and fraction optional) + zone.
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?)?$/;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function build(
  y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number,
  sign: '+' | '-', oh: number, om: number,
): DateResult {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59 || oh > 14 || om > 59) return { ok: false, problem: 'invalid' };
  const local = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  // Date.UTC rolls 31 February over into March: refuse instead.
  if (new Date(local).getUTCDate() !== d) return { ok: false, problem: 'invalid' };
  const offsetMin = (oh * 60 + om) * (sign === '-' ? -1 : 1);
  // "-0000" means the same instant as "+0000"; write the usual form.
  const zone = offsetMin === 0 ? '+0000' : `${sign}${pad(oh)}${pad(om)}`;
  return {
    ok: true,
    date: {
      api: `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}.${pad(ms, 3)}${zone}`,
      ms: local - offsetMin * 60_000,
    },
  };
}

/**
 * Reads a date as the API writes it (`2024-05-01T10:00:00.000+0300`) or as
 * ISO-8601 (`2024-05-01T10:00:00Z`, `…+03:00`, date-only `2024-05-01` =
 * midnight UTC) and gives it in the API format, keeping the offset given.
 */
export function parseLinkDate(text: string): DateResult {
  const t = text.trim();
  if (!t) return { ok: false, problem: 'empty' };
  const n = (v: string | undefined): number => (v === undefined ? 0 : Number(v));
  const api = API_DATE.exec(t);
  if (api) {
    const [, y, mo, d, h, mi, s, ms, sign, oh, om] = api;
    return build(n(y), n(mo), n(d), n(h), n(mi), n(s), n(ms), sign as '+' | '-', n(oh), n(om));
  }
  const iso = ISO_DATE.exec(t);
  if (!iso) return { ok: false, problem: 'format' };
  const [, y, mo, d, h, mi, s, frac, z, sign, oh, om] = iso;
  if (h === undefined) return build(n(y), n(mo), n(d), 0, 0, 0, 0, '+', 0, 0);
  if (!z && !sign) return { ok: false, problem: 'noZone' };
  // Milliseconds are all the API keeps: "1234567" → 123.
  const ms = frac ? Number(frac.slice(0, 3).padEnd(3, '0')) : 0;
  return build(n(y), n(mo), n(d), n(h), n(mi), n(s), ms, z ? '+' : (sign as '+' | '-'), n(oh), n(om));
}

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
export type ImportField = (typeof IMPORT_COLUMNS)[number];
const REQUIRED: readonly ImportField[] = ['source', 'relationship', 'target', 'createdBy', 'createdAt'];

export type RowProblemCode =
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

function shown(v: unknown): string {
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
  for (const f of REQUIRED) if (isBlank(record[f])) problems.push({ code: 'missing', field: f });
  const has = (f: ImportField) => !isBlank(record[f]);

  const key = (f: 'source' | 'target'): string | undefined => {
    if (!has(f)) return undefined;
    const v = record[f];
    const k = typeof v === 'string' ? normalizeKey(v) : undefined;
    if (!k) problems.push({ code: typeof v === 'string' ? 'badKey' : 'notText', field: f, value: shown(v) });
    return k;
  };
  const source = key('source');
  const target = key('target');
  if (source && target && source === target) problems.push({ code: 'sameIssue', field: 'target', value: target });

  let relationship: IssueRelationship | undefined;
  if (has('relationship')) {
    relationship = parseRelationship(record.relationship);
    if (!relationship) problems.push({ code: 'badRelationship', field: 'relationship', value: shown(record.relationship) });
  }

  const user = (f: 'createdBy' | 'updatedBy'): UserRef | undefined => {
    if (!has(f)) return undefined;
    const u = parseUserRef(record[f]);
    if (u === undefined) problems.push({ code: 'badUser', field: f, value: shown(record[f]) });
    return u;
  };
  const createdBy = user('createdBy');
  const updatedBy = user('updatedBy');

  const date = (f: 'createdAt' | 'updatedAt'): LinkDate | undefined => {
    if (!has(f)) return undefined;
    const v = record[f];
    if (typeof v !== 'string') {
      problems.push({ code: 'notText', field: f, value: shown(v) });
      return undefined;
    }
    const r = parseLinkDate(v);
    if (r.ok) return r.date;
    problems.push({ code: r.problem === 'noZone' ? 'dateNoZone' : 'badDate', field: f, value: shown(v) });
    return undefined;
  };
  const createdAt = date('createdAt');
  const updatedAt = date('updatedAt');

  // The API takes updatedBy and updatedAt together or not at all.
  if (has('updatedBy') !== has('updatedAt')) {
    problems.push({ code: 'pairIncomplete', field: has('updatedBy') ? 'updatedAt' : 'updatedBy' });
  }
  if (createdAt && updatedAt && updatedAt.ms < createdAt.ms) {
    problems.push({ code: 'updatedBeforeCreated', field: 'updatedAt', value: shown(record.updatedAt) });
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

// ---------------------------------------------------------------- files

export type FileProblem =
  | { code: 'empty' }
  | { code: 'notJson'; detail: string }
  | { code: 'notArray' }
  | { code: 'unterminatedQuote'; line: number }
  | { code: 'missingColumns'; columns: string[] }
  | { code: 'unknownColumns'; columns: string[] }
  | { code: 'duplicateColumns'; columns: string[] };

export interface ParsedFile {
  rows: ParsedRow[];
  bad: BadRow[];
  /** The file as a whole could not be read: no rows at all. */
  fatal?: FileProblem;
  /** Rows found (good + bad). */
  total: number;
}

export type ImportFormat = 'csv' | 'json';

/** By extension; otherwise a leading `[` means JSON. */
export function detectFormat(fileName: string, text: string): ImportFormat {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.json') || lower.endsWith('.jsonc')) return 'json';
  if (lower.endsWith('.csv')) return 'csv';
  return stripBom(text).trimStart().startsWith('[') ? 'json' : 'csv';
}

export function parseImportFile(text: string, format: ImportFormat): ParsedFile {
  return format === 'json' ? parseJsonRows(stripBom(text)) : parseCsvRows(stripBom(text));
}

function collect(records: Array<{ place: RowPlace; record: unknown; extra?: RowProblem[] }>): ParsedFile {
  const result: ParsedFile = { rows: [], bad: [], total: records.length };
  for (const { place, record, extra } of records) {
    if (!record || typeof record !== 'object' || Array.isArray(record)) {
      result.bad.push({ place, problems: [{ code: 'notAnObject', value: shown(record) }] });
      continue;
    }
    const { row, problems } = validateRecord(record as Record<string, unknown>);
    const all = [...(extra ?? []), ...problems];
    if (row && !all.length) result.rows.push({ place, row });
    else result.bad.push({ place, problems: all });
  }
  return result;
}

/** A JSON array of objects with the column names as keys; places are array indexes (from 0). */
export function parseJsonRows(text: string): ParsedFile {
  if (!text.trim()) return { rows: [], bad: [], total: 0, fatal: { code: 'empty' } };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { rows: [], bad: [], total: 0, fatal: { code: 'notJson', detail: e instanceof Error ? e.message : String(e) } };
  }
  if (!Array.isArray(data)) return { rows: [], bad: [], total: 0, fatal: { code: 'notArray' } };
  return collect(data.map((record, index) => ({ place: { index }, record })));
}

/**
 * Kept for callers of the import's CSV reading; the reading itself is
 * `readCsv` (papaparse, any of `,` `;` tab).
 */
export function parseCsv(text: string): { records: CsvRecord[]; unterminatedQuoteLine?: number } {
  return readCsv(text);
}

/** CSV with a header naming the columns (any order, any case, `,` `;` or tab between); places are file lines. */
export function parseCsvRows(text: string): ParsedFile {
  const { records, unterminatedQuoteLine } = parseCsv(text);
  const none = { rows: [], bad: [], total: 0 };
  if (unterminatedQuoteLine !== undefined) return { ...none, fatal: { code: 'unterminatedQuote', line: unterminatedQuoteLine } };
  const [header, ...body] = records;
  if (!header) return { ...none, fatal: { code: 'empty' } };
  const byLower = new Map(IMPORT_COLUMNS.map((c) => [c.toLowerCase(), c]));
  const names = header.cells.map((h) => h.trim());
  const columns = names.map((h) => byLower.get(h.toLowerCase()));
  const unknown = names.filter((_, i) => !columns[i]);
  if (unknown.length) return { ...none, fatal: { code: 'unknownColumns', columns: unknown } };
  const dup = columns.filter((c, i) => columns.indexOf(c) !== i) as string[];
  if (dup.length) return { ...none, fatal: { code: 'duplicateColumns', columns: [...new Set(dup)] } };
  const missing = REQUIRED.filter((r) => !columns.includes(r));
  if (missing.length) return { ...none, fatal: { code: 'missingColumns', columns: [...missing] } };
  return collect(
    body.map(({ line, cells }) => {
      const record: Record<string, string> = {};
      columns.forEach((c, i) => {
        if (c && cells[i] !== undefined && cells[i].trim() !== '') record[c] = cells[i].trim();
      });
      const extra: RowProblem[] = cells.length > columns.length && cells.slice(columns.length).some((x) => x.trim())
        ? [{ code: 'extraCells', value: shown(cells.slice(columns.length).join(',')) }]
        : [];
      return { place: { line }, record, extra };
    }),
  );
}

// ---------------------------------------------------------------- re-runs

/** Does `links` (listed on the row's source) already hold this row's link? */
export function linkExists(links: readonly IssueLink[], relationship: IssueRelationship, target: string): boolean {
  const t = target.toUpperCase();
  return links.some((l) => relationshipOfLink(l) === relationship && l.object?.key?.toUpperCase() === t);
}

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
