// The migration plan: every link the file holds, as the row Tracker's
// `_import` would get (source, relationship, target, author, date), with what
// stands in its way. The flow shows it as the dry run, marks the links Tracker
// already has, sends the ready rows and writes the result file. Nothing is
// decided silently: unknown types, missing counterparts, borrowed authors and
// dates outside an issue's life are all on the row. Pure: no VS Code.

import type { IssueLink, IssueRelationship } from '../tracker/types';
import { parseLinkDate, type LinkDate } from '../links/importDates';
import { type ImportRow, type RowPlace, type RowProblem, type UserRef } from '../links/importRows';
import { type ParsedFile } from '../links/importFiles';
import { findIssueLink } from '../links/outcome';
import { inverseRelationship } from '../links/relationships';
import { writeCsv } from '../links/csv';
import { apiDate, dateQuestions, guessDateFormat, parseForeignDate, type DateFormatGuess, type DateReading } from './dates';
import type { ForeignLink, ForeignOrigin, ForeignRead, ReadProblem } from './jira';
import { DEFAULT_LINK_TYPES, lookupLinkType, mapKey, mapUser, userLabel, type KeyMap, type LinkTypeMapping } from './mapping';

type PlanSource = ForeignRead['source'] | 'tracker-csv' | 'tracker-json';

/**
 * - `skip`: the row is not sent, and nothing the user says here changes it
 *   (but a mapping file may, on the next dry run);
 * - `block`: not sent until the user decides (a date format, a clamp, an author);
 * - `note`: sent, and said in the preview and the summary.
 */
type Severity = 'skip' | 'block' | 'note';

export type PlanProblem =
  /** Jira link type with no mapping: reported, never guessed. */
  | { code: 'unknownLinkType'; severity: 'skip'; value: string }
  /** The mapping file leaves this type out. */
  | { code: 'leftOut'; severity: 'skip'; value: string }
  /** A Jira key with no Tracker counterpart. */
  | { code: 'noCounterpart'; severity: 'skip'; field: 'source' | 'target'; value: string }
  | { code: 'sameIssue'; severity: 'skip'; value: string }
  /** The same Tracker link as an earlier row (e.g. an epic by `parent` and by Epic Link). */
  | { code: 'duplicateRow'; severity: 'skip'; row: number }
  /** A Tracker-shaped row that did not validate. */
  | { code: 'invalidRow'; severity: 'skip'; problems: RowProblem[] }
  /** The Jira author has no Tracker user: the fallback login is used. */
  | { code: 'authorFallback'; severity: 'note'; value: string }
  /** The export does not say who made the link: the fallback login is used. */
  | { code: 'authorUnknown'; severity: 'note' }
  /** No author and no fallback chosen. */
  | { code: 'noAuthor'; severity: 'block'; value?: string }
  /** No date of its own: the later creation of its two issues. */
  | { code: 'dateEstimated'; severity: 'note' }
  /** Local times: the user must confirm the format and/or the zone. */
  | { code: 'dateNeedsConfirmation'; severity: 'block'; value: string; format: boolean; zone: boolean }
  | { code: 'badDate'; severity: 'block'; value: string }
  | { code: 'noDate'; severity: 'block' }
  /** The Tracker issue does not exist (the flow read the issues): the row cannot be sent. */
  | { code: 'notInTracker'; severity: 'skip'; field: 'source' | 'target'; value: string }
  /**
   * Outside the window Tracker takes (import-links.md: from the creation to
   * the last update of the issues being linked), or in the future: Tracker
   * refuses it. `clamp` is the nearest moment inside, offered, never applied
   * unasked; `bound` says which edge it is (`issue`'s creation, the later
   * last update of the two — `issue` is the one updated last —, or now).
   */
  | { code: 'outsideLifetime'; severity: 'block'; value: string; issue: string; clamp: string; bound: 'created' | 'updated' | 'now' }
  /** The user accepted the clamp. */
  | { code: 'clamped'; severity: 'note'; value: string; clamp: string };

export interface PlanRow {
  /** 1-based position in the plan, stable across re-runs of the same file and options. */
  n: number;
  origin: ForeignOrigin | { place: RowPlace };
  /** The link in the other tracker's terms (absent for Tracker-shaped rows). */
  foreign?: Pick<ForeignLink, 'kind' | 'typeName' | 'outwardKey' | 'inwardKey' | 'linkId'>;
  source?: string;
  relationship?: IssueRelationship;
  target?: string;
  createdBy?: UserRef;
  /** API format. */
  createdAt?: string;
  updatedBy?: UserRef;
  updatedAt?: string;
  /** The author as the other tracker names them, for the preview. */
  foreignAuthor?: string;
  /** Where the date comes from. */
  dateFrom?: 'changelog' | 'child' | 'issues' | 'file';
  problems: PlanProblem[];
  /** Tracker already has this link (see markExisting). */
  exists?: boolean;
}

export type RowState = 'ready' | 'exists' | 'skipped' | 'blocked';

export interface DateQuestion {
  guess: DateFormatGuess;
  /** What to ask: the format (several fit), the zone (local times). */
  ask: { format: boolean; zone: boolean };
  /** A few of the file's dates, to show while asking. */
  samples: string[];
}

export interface Plan {
  source: PlanSource;
  rows: PlanRow[];
  /** Set when the file's dates are local times or of an unclear format and no reading was given. */
  dateQuestion?: DateQuestion;
  /** Link types with no mapping, with how many rows each: what a mapping file should add. */
  unknownTypes: Array<{ name: string; rows: number }>;
  readProblems: ReadProblem[];
}

export interface PlanOptions {
  /** Defaults plus the user's file (see linkTypeMapping). */
  linkTypes?: LinkTypeMapping;
  keys: Partial<KeyMap>;
  users?: ReadonlyMap<string, UserRef>;
  /** The login (or uid) chosen once for authors without a Tracker user. */
  fallbackUser?: UserRef;
  /** How the file's local dates are to be read, once confirmed. JSON exports need none. */
  dates?: DateReading;
  /** Creation of Tracker issues (API format) when the flow has read them: a link may not predate either. */
  trackerCreated?: ReadonlyMap<string, string>;
  /**
   * The Tracker issues as the flow read them (creation and last update, API
   * format): a link date must lie between the later creation and the later
   * last update of its two issues. A key this map lacks is not in Tracker.
   */
  trackerIssues?: ReadonlyMap<string, { createdAt?: string; updatedAt?: string }>;
  /** "Now", for links dated in the future. */
  now?: Date;
}

const severityOf = (p: PlanProblem): Severity => p.severity;

export function rowState(row: PlanRow): RowState {
  if (row.problems.some((p) => severityOf(p) === 'skip')) return 'skipped';
  if (row.exists) return 'exists';
  if (row.problems.some((p) => severityOf(p) === 'block')) return 'blocked';
  return 'ready';
}

const offsetOf = (api: string): number => {
  const m = /([+-])(\d{2})(\d{2})$/.exec(api);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
};

/** One Tracker link, whichever side it is written from: relates A→B = relates B→A, depends A→B = is dependent by B→A. */
function identity(source: string, rel: IssueRelationship, target: string): string {
  const a = `${source}|${rel}|${target}`;
  const b = `${target}|${inverseRelationship(rel)}|${source}`;
  return a < b ? a : b;
}

/** Builds the plan from links read out of a Jira export. */
export function buildPlan(read: ForeignRead, options: PlanOptions): Plan {
  const mapping = options.linkTypes ?? DEFAULT_LINK_TYPES;
  const now = (options.now ?? new Date()).getTime();

  // Dates: JSON says its zone; CSV's local times need the user's word.
  const samples = [...new Set([...[...read.issues.values()].map((i) => i.created), ...read.links.map((l) => l.date)].filter((d): d is string => !!d))];
  const guess = guessDateFormat(samples);
  const ask = dateQuestions(guess);
  const reading: DateReading | undefined = options.dates ?? (!ask.format && !ask.zone ? { format: guess.formats[0] } : undefined);
  const dateQuestion: DateQuestion | undefined = options.dates || (!ask.format && !ask.zone) ? undefined : { guess, ask, samples: samples.slice(0, 5) };
  const readDate = (text: string | undefined): { date?: LinkDate; problem?: PlanProblem } => {
    if (!text) return {};
    if (!reading) return { problem: { code: 'dateNeedsConfirmation', severity: 'block', value: text, format: ask.format, zone: ask.zone } };
    const r = parseForeignDate(text, reading);
    if (r.ok) return { date: r.date };
    if (r.problem === 'needsZone') return { problem: { code: 'dateNeedsConfirmation', severity: 'block', value: text, format: false, zone: true } };
    return { problem: { code: 'badDate', severity: 'block', value: text } };
  };
  const created = new Map<string, LinkDate | undefined>();
  const createdOf = (jiraKey: string): LinkDate | undefined => {
    if (!created.has(jiraKey)) created.set(jiraKey, readDate(read.issues.get(jiraKey)?.created).date);
    return created.get(jiraKey);
  };

  const rows: PlanRow[] = [];
  const seen = new Map<string, number>();
  const unknown = new Map<string, number>();
  for (const link of read.links) {
    const row: PlanRow = {
      n: rows.length + 1,
      origin: link.origin,
      foreign: { kind: link.kind, typeName: link.typeName, outwardKey: link.outwardKey, inwardKey: link.inwardKey, ...(link.linkId ? { linkId: link.linkId } : {}) },
      problems: [],
    };
    rows.push(row);
    const p = row.problems;

    const type = lookupLinkType(mapping, link.typeName);
    if (type.kind === 'unknown') {
      p.push({ code: 'unknownLinkType', severity: 'skip', value: link.typeName });
      unknown.set(link.typeName, (unknown.get(link.typeName) ?? 0) + 1);
    } else if (type.kind === 'leftOut') p.push({ code: 'leftOut', severity: 'skip', value: link.typeName });
    else row.relationship = type.relationship;

    row.source = mapKey(options.keys, link.outwardKey);
    row.target = mapKey(options.keys, link.inwardKey);
    if (!row.source) p.push({ code: 'noCounterpart', severity: 'skip', field: 'source', value: link.outwardKey });
    if (!row.target) p.push({ code: 'noCounterpart', severity: 'skip', field: 'target', value: link.inwardKey });
    if (options.trackerIssues) {
      if (row.source && !options.trackerIssues.has(row.source)) p.push({ code: 'notInTracker', severity: 'skip', field: 'source', value: row.source });
      if (row.target && !options.trackerIssues.has(row.target)) p.push({ code: 'notInTracker', severity: 'skip', field: 'target', value: row.target });
    }
    if (row.source && row.source === row.target) p.push({ code: 'sameIssue', severity: 'skip', value: row.source });
    if (row.source && row.target && row.relationship && row.source !== row.target) {
      const id = identity(row.source, row.relationship, row.target);
      const first = seen.get(id);
      if (first !== undefined) p.push({ code: 'duplicateRow', severity: 'skip', row: first });
      else seen.set(id, row.n);
    }

    // Author.
    row.foreignAuthor = userLabel(link.author) || undefined;
    const mapped = mapUser(options.users ?? new Map(), link.author);
    if (mapped !== undefined) row.createdBy = mapped;
    else if (options.fallbackUser !== undefined) {
      row.createdBy = options.fallbackUser;
      p.push(link.author ? { code: 'authorFallback', severity: 'note', value: userLabel(link.author) } : { code: 'authorUnknown', severity: 'note' });
    } else p.push({ code: 'noAuthor', severity: 'block', ...(link.author ? { value: userLabel(link.author) } : {}) });

    // Date: the link's own, else the later creation of its issues.
    const sides = [createdOf(link.outwardKey), createdOf(link.inwardKey)];
    let date: LinkDate | undefined;
    if (link.date) {
      const r = readDate(link.date);
      if (r.problem) p.push(r.problem);
      date = r.date;
      row.dateFrom = link.dateFrom ?? 'file';
    } else {
      const known = sides.filter((d): d is LinkDate => !!d);
      const pending = [read.issues.get(link.outwardKey)?.created, read.issues.get(link.inwardKey)?.created].filter((t): t is string => !!t);
      if (known.length) {
        date = known.reduce((a, b) => (b.ms > a.ms ? b : a));
        row.dateFrom = 'issues';
        p.push({ code: 'dateEstimated', severity: 'note' });
      } else if (pending.length) {
        const r = readDate(pending[0]);
        if (r.problem) p.push(r.problem);
      } else p.push({ code: 'noDate', severity: 'block' });
    }
    if (date) {
      row.createdAt = date.api;
      checkLifetime(row, date, [
        { key: link.outwardKey, created: sides[0] },
        { key: link.inwardKey, created: sides[1] },
        { key: row.source, created: trackerCreated(options, row.source) },
        { key: row.target, created: trackerCreated(options, row.target) },
      ], [
        { key: row.source, updated: trackerUpdated(options, row.source) },
        { key: row.target, updated: trackerUpdated(options, row.target) },
      ], now);
    }
  }
  const plan: Plan = {
    source: read.source,
    rows,
    unknownTypes: [...unknown].map(([name, n]) => ({ name, rows: n })),
    readProblems: read.problems,
  };
  if (dateQuestion) plan.dateQuestion = dateQuestion;
  return plan;
}

const readApi = (text: string | undefined): LinkDate | undefined => {
  const r = text ? parseLinkDate(text) : undefined;
  return r?.ok ? r.date : undefined;
};

function trackerCreated(options: PlanOptions, key: string | undefined): LinkDate | undefined {
  return key ? readApi(options.trackerIssues?.get(key)?.createdAt ?? options.trackerCreated?.get(key)) : undefined;
}

function trackerUpdated(options: PlanOptions, key: string | undefined): LinkDate | undefined {
  return key ? readApi(options.trackerIssues?.get(key)?.updatedAt) : undefined;
}

/**
 * A link may not predate either issue, nor postdate the later last update of
 * the two (known only when both were read), nor be in the future: the
 * nearest moment inside is offered, with the edge it comes from.
 */
function checkLifetime(
  row: PlanRow,
  date: LinkDate,
  starts: Array<{ key?: string; created?: LinkDate }>,
  ends: Array<{ key?: string; updated?: LinkDate }>,
  now: number,
): void {
  const offset = offsetOf(date.api);
  let latest: { key: string; created: LinkDate } | undefined;
  for (const b of starts) if (b.key && b.created && (!latest || b.created.ms > latest.created.ms)) latest = { key: b.key, created: b.created };
  let end: { key: string; updated: LinkDate } | undefined;
  if (ends.every((e) => e.key && e.updated)) {
    for (const e of ends) if (!end || (e.updated as LinkDate).ms > end.updated.ms) end = { key: e.key as string, updated: e.updated as LinkDate };
  }
  const out = (clampMs: number, issue: string, bound: 'created' | 'updated' | 'now') =>
    row.problems.push({ code: 'outsideLifetime', severity: 'block', value: date.api, issue, clamp: apiDate(clampMs, offset).api, bound });
  if (latest && date.ms < latest.created.ms) out(latest.created.ms, latest.key, 'created');
  else if (end && date.ms > end.updated.ms && end.updated.ms <= now) out(end.updated.ms, end.key, 'updated');
  else if (date.ms > now) out(now, '', 'now');
}

/**
 * The user accepts the offered clamp on these rows (all rows when not
 * given): the date moves into the window and the row says so.
 */
export function acceptClamps(plan: Plan, rows?: readonly number[]): number {
  let n = 0;
  for (const row of plan.rows) {
    if (rows && !rows.includes(row.n)) continue;
    const i = row.problems.findIndex((p) => p.code === 'outsideLifetime');
    if (i < 0) continue;
    const p = row.problems[i] as Extract<PlanProblem, { code: 'outsideLifetime' }>;
    row.createdAt = p.clamp;
    row.problems[i] = { code: 'clamped', severity: 'note', value: p.value, clamp: p.clamp };
    n++;
  }
  return n;
}

/** Rows from a Tracker-shaped file (today's import): valid ones as they are, bad ones skipped with their problems. */
export function planFromImportFile(parsed: ParsedFile, source: 'tracker-csv' | 'tracker-json'): Plan {
  const all = [
    ...parsed.rows.map((r) => ({ place: r.place, row: r.row as ImportRow | undefined, problems: [] as RowProblem[] })),
    ...parsed.bad.map((b) => ({ place: b.place, row: undefined, problems: b.problems })),
  ].sort((a, b) => placeOrder(a.place) - placeOrder(b.place));
  const rows: PlanRow[] = [];
  const seen = new Map<string, number>();
  for (const r of all) {
    const row: PlanRow = { n: rows.length + 1, origin: { place: r.place }, problems: [], dateFrom: 'file' };
    rows.push(row);
    if (!r.row) {
      row.problems.push({ code: 'invalidRow', severity: 'skip', problems: r.problems });
      continue;
    }
    Object.assign(row, {
      source: r.row.source,
      relationship: r.row.relationship,
      target: r.row.target,
      createdBy: r.row.createdBy,
      createdAt: r.row.createdAt,
      ...(r.row.updatedAt !== undefined ? { updatedAt: r.row.updatedAt, updatedBy: r.row.updatedBy } : {}),
    });
    const id = identity(r.row.source, r.row.relationship, r.row.target);
    const first = seen.get(id);
    if (first !== undefined) row.problems.push({ code: 'duplicateRow', severity: 'skip', row: first });
    else seen.set(id, row.n);
  }
  return { source, rows, unknownTypes: [], readProblems: [] };
}

const placeOrder = (p: RowPlace): number => ('line' in p ? p.line : p.index);

/**
 * Marks the rows Tracker already has, given the links listed on one issue
 * (`GET /v2/issues/{key}/links`): a row from that issue with the same
 * relationship and target, or a row towards it whose inverse is listed.
 * Returns how many rows were newly marked.
 */
export function markExisting(plan: Plan, listedKey: string, links: readonly IssueLink[]): number {
  const key = listedKey.toUpperCase();
  let n = 0;
  for (const row of plan.rows) {
    if (row.exists || !row.relationship || !row.source || !row.target) continue;
    const has =
      (row.source === key && findIssueLink(links, row.relationship, row.target) !== undefined) ||
      (row.target === key && findIssueLink(links, inverseRelationship(row.relationship), row.source) !== undefined);
    if (has) {
      row.exists = true;
      n++;
    }
  }
  return n;
}

/** The issues whose links the flow should list to mark existing rows: each source once. */
export function issuesToCheck(plan: Plan): string[] {
  return [...new Set(plan.rows.filter((r) => r.source && r.target && rowState(r) !== 'skipped').map((r) => r.source as string))];
}

/** Every Tracker issue the rows that could go name, sources and targets, once: what the flow reads for lifetimes. */
export function trackerKeys(plan: Plan): string[] {
  return [...new Set(plan.rows.filter((r) => r.source && r.target && rowState(r) !== 'skipped').flatMap((r) => [r.source as string, r.target as string]))];
}

/** The `_import` row of a ready plan row. */
export function importRowOf(row: PlanRow): ImportRow | undefined {
  if (rowState(row) !== 'ready' || !row.source || !row.target || !row.relationship || row.createdBy === undefined || !row.createdAt) return undefined;
  const r: ImportRow = { source: row.source, relationship: row.relationship, target: row.target, createdBy: row.createdBy, createdAt: row.createdAt };
  if (row.updatedAt !== undefined && row.updatedBy !== undefined) {
    r.updatedAt = row.updatedAt;
    r.updatedBy = row.updatedBy;
  }
  return r;
}

export interface PlanSummary {
  rows: number;
  ready: number;
  exists: number;
  skipped: number;
  blocked: number;
  /** Of the ready rows: authors that fell back to the chosen login (unmapped + unknown). */
  authorFallback: number;
  authorUnknown: number;
  /** Rows whose date was estimated from the issues' creation. */
  dateEstimated: number;
  /** Rows waiting for a clamp to be accepted. */
  outsideLifetime: number;
}

export function summarizePlan(plan: Plan): PlanSummary {
  const s: PlanSummary = { rows: plan.rows.length, ready: 0, exists: 0, skipped: 0, blocked: 0, authorFallback: 0, authorUnknown: 0, dateEstimated: 0, outsideLifetime: 0 };
  for (const row of plan.rows) {
    const state = rowState(row);
    s[state]++;
    if (state !== 'ready') {
      if (row.problems.some((p) => p.code === 'outsideLifetime') && state === 'blocked') s.outsideLifetime++;
      continue;
    }
    for (const p of row.problems) {
      if (p.code === 'authorFallback') s.authorFallback++;
      else if (p.code === 'authorUnknown') s.authorUnknown++;
      else if (p.code === 'dateEstimated') s.dateEstimated++;
    }
  }
  return s;
}

// ---------------------------------------------------------------- result file

export type RowOutcome =
  | { outcome: 'sent'; linkId?: number; note?: string }
  | { outcome: 'failed'; reason: string }
  | { outcome: 'skipped'; reason: string };

/** Why a row was not sent, when the flow recorded no outcome for it. */
export type ResultReason = PlanProblem | { code: 'exists' } | { code: 'notAttempted' };

const RESULT_COLUMNS = ['row', 'from', 'jiraLink', 'source', 'relationship', 'target', 'createdBy', 'createdAt', 'outcome', 'reason', 'linkId'] as const;

function originText(row: PlanRow): string {
  const o = row.origin;
  if ('place' in o) return 'line' in o.place ? `line ${o.place.line}` : `#${o.place.index}`;
  return `${o.issue} ${o.field}${o.line !== undefined ? ` (line ${o.line})` : ''}`;
}

/**
 * The result file (CSV, beside the input): one line per plan row — sent,
 * skipped or failed, and why. `reasonText` puts a reason into the user's
 * language (the adapter's words); rows the flow gave no outcome are
 * explained from the plan: already in Tracker, their problems, or not
 * attempted (a cancel).
 */
export function resultFile(plan: Plan, outcomes: ReadonlyMap<number, RowOutcome>, reasonText: (r: ResultReason) => string): string {
  const lines = plan.rows.map((row) => {
    const o = outcomes.get(row.n);
    let outcome: string;
    let reason = '';
    let linkId: number | undefined;
    if (o) {
      outcome = o.outcome;
      if (o.outcome === 'sent') {
        linkId = o.linkId;
        reason = o.note ?? row.problems.filter((p) => p.severity === 'note').map(reasonText).join('; ');
      } else reason = o.reason;
    } else {
      outcome = 'skipped';
      const state = rowState(row);
      const why: ResultReason[] =
        state === 'exists' ? [{ code: 'exists' }] : state === 'ready' ? [{ code: 'notAttempted' }] : row.problems.filter((p) => p.severity !== 'note');
      reason = why.map(reasonText).join('; ');
    }
    const f = row.foreign;
    return [
      row.n,
      originText(row),
      f ? `${f.outwardKey} ${f.typeName} ${f.inwardKey}${f.linkId ? ` #${f.linkId}` : ''}` : '',
      row.source,
      row.relationship,
      row.target,
      row.createdBy === undefined ? '' : String(row.createdBy),
      row.createdAt,
      outcome,
      reason,
      linkId,
    ];
  });
  return writeCsv(RESULT_COLUMNS, lines);
}
