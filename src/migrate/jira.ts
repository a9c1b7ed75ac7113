// Jira exports → the links they hold, before any mapping. Two shapes: the
// REST API's issues (a search result `{issues: [...]}`, an array of issues,
// or one issue) and the CSV export. A link Jira lists on both of its issues
// is read once. Pure: no VS Code.

import type { CsvRecord } from '../links/csv';
import { HIERARCHY_TYPES, normalizeForeignKey, type ForeignUser } from './mapping';

/** What a link is in Jira's terms. */
type ForeignLinkKind = 'link' | 'subtask' | 'epic' | 'parent';

/** Where in the file a link was read: for the preview and the result file. */
export interface ForeignOrigin {
  /** The issue whose field or row held it. */
  issue: string;
  /** `issuelinks`, `parent`, `subtasks`, the Epic Link field, or a CSV column. */
  field: string;
  /** CSV line of the row. */
  line?: number;
}

export interface ForeignLink {
  kind: ForeignLinkKind;
  /** Jira's link type name (`Blocks`), or a HIERARCHY_TYPES name for the hierarchy. */
  typeName: string;
  /** The outward side: the issue that "blocks", "duplicates", "clones" the other; the child in the hierarchy. */
  outwardKey: string;
  inwardKey: string;
  /** Jira's issue link id, when the export gives it. */
  linkId?: string;
  /** Who made the link and when, when the export says it (changelog). */
  author?: ForeignUser;
  /** Date text as the export writes it. */
  date?: string;
  /** `changelog`: the link's own history; `child`: a sub-task is created under its parent. */
  dateFrom?: 'changelog' | 'child';
  origin: ForeignOrigin;
}

interface ForeignIssue {
  key: string;
  id?: string;
  /** `created`, as written. */
  created?: string;
  creator?: ForeignUser;
  /** Issue type name (`Story`, `Epic`, `Sub-task`). */
  type?: string;
  /** Jira's hierarchy level: -1 sub-task, 0 standard, 1 epic. */
  level?: number;
}

export type ReadProblem =
  | { code: 'noIssues' }
  | { code: 'issueWithoutKey'; index: number }
  | { code: 'missingColumn'; column: string }
  | { code: 'linkWithoutIssue'; issue: string; linkId?: string }
  | { code: 'parentNotInFile'; issue: string; value: string }
  | { code: 'badCell'; issue: string; column: string; value: string; line: number };

export interface ForeignRead {
  source: 'jira-json' | 'jira-csv';
  issues: Map<string, ForeignIssue>;
  links: ForeignLink[];
  problems: ReadProblem[];
  /** Field id the old "Epic Link" custom field has in this file, when found. */
  epicLinkField?: string;
}

export interface JiraReadOptions {
  /** The Epic Link custom field (`customfield_10014`) when neither `names` nor the changelog tells. */
  epicLinkField?: string;
}

/** Collects links, one per Jira link: by link id when there is one, else by type and sides. */
class LinkSet {
  readonly links: ForeignLink[] = [];
  private readonly byId = new Map<string, ForeignLink>();
  private readonly bySides = new Map<string, ForeignLink>();

  add(link: ForeignLink): void {
    const sides = `${link.kind}|${link.typeName.toLowerCase()}|${link.outwardKey}|${link.inwardKey}`;
    const known = (link.linkId !== undefined ? this.byId.get(link.linkId) : undefined) ?? this.bySides.get(sides);
    if (known) {
      // The second listing may know more (a changelog on the other issue).
      if (!known.date && link.date) {
        known.date = link.date;
        known.author = link.author;
        known.dateFrom = link.dateFrom;
      }
      known.linkId ??= link.linkId;
      return;
    }
    this.links.push(link);
    if (link.linkId !== undefined) this.byId.set(link.linkId, link);
    this.bySides.set(sides, link);
  }
}

// ---------------------------------------------------------------- JSON

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : undefined);

function user(v: unknown): ForeignUser | undefined {
  const u = obj(v);
  if (!u) return undefined;
  const out: ForeignUser = {};
  for (const f of ['accountId', 'name', 'key', 'displayName', 'emailAddress'] as const) {
    const s = str(u[f]);
    if (s) out[f] = s;
  }
  return Object.keys(out).length ? out : undefined;
}

/** Is this JSON an export of Jira issues? Issues have `key` and `fields`. */
export function jiraIssuesOf(data: unknown): Json[] | undefined {
  const isIssue = (v: unknown): boolean => !!obj(v) && typeof obj(v)?.key === 'string' && !!obj(obj(v)?.fields);
  if (Array.isArray(data)) return data.length && data.every(isIssue) ? (data as Json[]) : undefined;
  const o = obj(data);
  if (!o) return undefined;
  if (Array.isArray(o.issues)) return o.issues.every(isIssue) ? (o.issues as Json[]) : undefined;
  return isIssue(o) ? [o] : undefined;
}

interface HistoryItem {
  field: string;
  fieldId?: string;
  from?: string;
  to?: string;
  fromString?: string;
  toString?: string;
  author?: ForeignUser;
  created?: string;
}

function histories(issue: Json): HistoryItem[] {
  const list = obj(issue.changelog)?.histories;
  if (!Array.isArray(list)) return [];
  const out: HistoryItem[] = [];
  for (const h of list) {
    const ho = obj(h);
    const items = ho?.items;
    if (!ho || !Array.isArray(items)) continue;
    for (const it of items) {
      const io = obj(it);
      const field = str(io?.field);
      if (!io || !field) continue;
      out.push({
        field,
        fieldId: str(io.fieldId),
        from: str(io.from),
        to: str(io.to),
        fromString: str(io.fromString),
        toString: str(io.toString),
        author: user(ho.author),
        created: str(ho.created),
      });
    }
  }
  return out;
}

/** The latest history entry that set a value pointing at `key`: when and by whom the relation was made (last time). */
function madeAt(items: HistoryItem[], fields: readonly string[], key: string, phrase?: string): HistoryItem | undefined {
  const want = fields.map((f) => f.toLowerCase());
  const hits = items.filter((h) => {
    if (!want.includes(h.field.toLowerCase())) return false;
    const to = h.toString ?? '';
    // A "Link" item reads "This issue blocks PROJ-2": the key ends it and the phrase is the type's word.
    const pointsAt = h.to?.toUpperCase() === key || to.toUpperCase() === key || to.toUpperCase().endsWith(' ' + key);
    return pointsAt && (!phrase || !to.includes(' ') || to.toLowerCase().includes(phrase.toLowerCase()));
  });
  return hits.sort((a, b) => Date.parse(b.created ?? '') - Date.parse(a.created ?? ''))[0];
}

/** The field id of the old "Epic Link" custom field: from `names`, else the changelog, else the option. */
function findEpicLinkField(data: unknown, issues: Json[], option?: string): string | undefined {
  const fromNames = (names: unknown): string | undefined => {
    const n = obj(names);
    if (!n) return undefined;
    return Object.keys(n).find((id) => typeof n[id] === 'string' && (n[id] as string).trim().toLowerCase() === 'epic link');
  };
  const top = fromNames(obj(data)?.names);
  if (top) return top;
  for (const i of issues) {
    const id = fromNames(i.names) ?? histories(i).find((h) => h.field.toLowerCase() === 'epic link' && h.fieldId)?.fieldId;
    if (id) return id;
  }
  return option;
}

function issueType(fields: Json): { type?: string; level?: number; subtask?: boolean } {
  const t = obj(fields.issuetype);
  const level = typeof t?.hierarchyLevel === 'number' ? t.hierarchyLevel : undefined;
  return { type: str(t?.name), level, subtask: t?.subtask === true };
}

const isEpic = (t: { type?: string; level?: number }): boolean => t.level === 1 || (t.level === undefined && t.type?.toLowerCase() === 'epic');
const isSubtask = (t: { type?: string; level?: number; subtask?: boolean }): boolean =>
  t.subtask === true || t.level === -1 || (t.level === undefined && !!t.type && /^sub-?task$/i.test(t.type));

/** Reads Jira issues as the REST API returns them (v2 or v3). */
export function readJiraJson(data: unknown, options: JiraReadOptions = {}): ForeignRead {
  const result: ForeignRead = { source: 'jira-json', issues: new Map(), links: [], problems: [] };
  const list = jiraIssuesOf(data);
  if (!list?.length) return { ...result, problems: [{ code: 'noIssues' }] };
  const epicField = findEpicLinkField(data, list, options.epicLinkField);
  if (epicField) result.epicLinkField = epicField;
  const set = new LinkSet();
  const history = new Map<string, HistoryItem[]>();

  // Every issue first: the other side's creation date and changelog may be needed.
  list.forEach((issue, index) => {
    const key = normalizeForeignKey(str(issue.key) ?? '');
    if (!key) {
      result.problems.push({ code: 'issueWithoutKey', index });
      return;
    }
    const fields = obj(issue.fields) ?? {};
    const t = issueType(fields);
    result.issues.set(key, { key, id: str(issue.id), created: str(fields.created), creator: user(fields.creator) ?? user(fields.reporter), type: t.type, level: t.level });
    history.set(key, histories(issue));
  });
  // A link's history is written on both issues; either may be in the file.
  const fromHistory = (link: ForeignLink, fields: readonly string[], listing: string, other: string, phrase?: string): ForeignLink => {
    const own = madeAt(history.get(listing) ?? [], fields, other, phrase);
    const h = own ?? madeAt(history.get(other) ?? [], fields, listing);
    return h?.created ? { ...link, date: h.created, author: h.author, dateFrom: 'changelog' } : link;
  };

  for (const issue of list) {
    const key = normalizeForeignKey(str(issue.key) ?? '');
    if (!key) continue;
    const fields = obj(issue.fields) ?? {};
    const self = issueType(fields);

    const links = Array.isArray(fields.issuelinks) ? fields.issuelinks : [];
    for (const raw of links) {
      const l = obj(raw);
      if (!l) continue;
      const type = obj(l.type);
      const typeName = str(type?.name) ?? '';
      const linkId = str(l.id);
      const out = normalizeForeignKey(str(obj(l.outwardIssue)?.key) ?? '');
      const inw = normalizeForeignKey(str(obj(l.inwardIssue)?.key) ?? '');
      // On A, `outwardIssue: B` reads "A <outward> B" (A blocks B); `inwardIssue: C` reads "A <inward> C" (C blocks A).
      const sides = out ? { outwardKey: key, inwardKey: out, other: out, phrase: str(type?.outward) } : inw ? { outwardKey: inw, inwardKey: key, other: inw, phrase: str(type?.inward) } : undefined;
      if (!sides) {
        result.problems.push({ code: 'linkWithoutIssue', issue: key, ...(linkId ? { linkId } : {}) });
        continue;
      }
      const link: ForeignLink = { kind: 'link', typeName, outwardKey: sides.outwardKey, inwardKey: sides.inwardKey, origin: { issue: key, field: 'issuelinks' } };
      if (linkId) link.linkId = linkId;
      set.add(fromHistory(link, ['Link'], key, sides.other, sides.phrase));
    }

    const parent = obj(fields.parent);
    const parentKey = normalizeForeignKey(str(parent?.key) ?? '');
    if (parentKey) {
      const pt = issueType(obj(parent?.fields) ?? {});
      const known = result.issues.get(parentKey);
      const parentType = pt.type !== undefined || pt.level !== undefined ? pt : { type: known?.type, level: known?.level };
      set.add(hierarchyLink(self, parentType, key, parentKey, 'parent', result.issues.get(key), fromHistory));
    }

    const subtasks = Array.isArray(fields.subtasks) ? fields.subtasks : [];
    for (const raw of subtasks) {
      const childKey = normalizeForeignKey(str(obj(raw)?.key) ?? '');
      if (!childKey) continue;
      const child = result.issues.get(childKey);
      const link: ForeignLink = { kind: 'subtask', typeName: HIERARCHY_TYPES.subtask, outwardKey: childKey, inwardKey: key, origin: { issue: key, field: 'subtasks' } };
      set.add(child?.created ? { ...link, date: child.created, author: child.creator, dateFrom: 'child' } : link);
    }

    if (epicField) {
      const v = fields[epicField];
      const epicKey = normalizeForeignKey(str(v) ?? str(obj(v)?.key) ?? '');
      if (epicKey) {
        const link: ForeignLink = { kind: 'epic', typeName: HIERARCHY_TYPES.epic, outwardKey: key, inwardKey: epicKey, origin: { issue: key, field: epicField } };
        set.add(fromHistory(link, ['Epic Link', 'IssueParentAssociation', 'Parent'], key, epicKey));
      }
    }
  }
  result.links = set.links;
  return result;
}

type HistoryFn = (link: ForeignLink, fields: readonly string[], listing: string, other: string) => ForeignLink;

/** The `parent` field: an epic above a story, a parent above a sub-task, or something else (left to the user's mapping). */
function hierarchyLink(
  child: { type?: string; level?: number; subtask?: boolean },
  parent: { type?: string; level?: number },
  childKey: string,
  parentKey: string,
  field: string,
  childIssue: ForeignIssue | undefined,
  fromHistory?: HistoryFn,
): ForeignLink {
  const origin = { issue: childKey, field };
  if (isEpic(parent) && !isSubtask(child)) {
    const link: ForeignLink = { kind: 'epic', typeName: HIERARCHY_TYPES.epic, outwardKey: childKey, inwardKey: parentKey, origin };
    return fromHistory ? fromHistory(link, ['Epic Link', 'IssueParentAssociation', 'Parent'], childKey, parentKey) : link;
  }
  const kind: ForeignLinkKind = isSubtask(child) ? 'subtask' : 'parent';
  const link: ForeignLink = { kind, typeName: kind === 'subtask' ? HIERARCHY_TYPES.subtask : HIERARCHY_TYPES.parent, outwardKey: childKey, inwardKey: parentKey, origin };
  // A sub-task is created under its parent: the child's creation is the link's.
  if (kind === 'subtask' && childIssue?.created) return { ...link, date: childIssue.created, author: childIssue.creator, dateFrom: 'child' };
  return fromHistory ? fromHistory(link, ['Parent', 'IssueParentAssociation', 'Parent Link'], childKey, parentKey) : link;
}

// ---------------------------------------------------------------- CSV

const LINK_COLUMN = /^(inward|outward) issue link \((.+)\)$/i;

/** Is this CSV header a Jira export? It names the `Issue key` column. */
export function isJiraCsvHeader(cells: readonly string[]): boolean {
  return cells.some((c) => c.trim().toLowerCase() === 'issue key');
}

/**
 * Reads Jira's CSV export: `Issue key`, `Issue id`, `Issue Type`, `Created`,
 * `Creator`/`Reporter` (+ ` Id` columns in Cloud), the repeated `Inward/Outward
 * issue link (<Type>)` columns, `Parent id`/`Parent`/`Parent key`, and
 * `Custom field (Epic Link)`. Dates stay text: their format is confirmed later.
 */
export function readJiraCsv(records: readonly CsvRecord[]): ForeignRead {
  const result: ForeignRead = { source: 'jira-csv', issues: new Map(), links: [], problems: [] };
  const [header, ...rows] = records;
  if (!header) return { ...result, problems: [{ code: 'noIssues' }] };
  const names = header.cells.map((c) => c.trim());
  const lower = names.map((n) => n.toLowerCase());
  const col = (...wanted: string[]): number => {
    for (const w of wanted) {
      const i = lower.indexOf(w.toLowerCase());
      if (i >= 0) return i;
    }
    return -1;
  };
  const keyCol = col('Issue key');
  if (keyCol < 0) return { ...result, problems: [{ code: 'missingColumn', column: 'Issue key' }] };
  const c = {
    id: col('Issue id'),
    type: col('Issue Type'),
    created: col('Created'),
    creator: col('Creator'),
    creatorId: col('Creator Id'),
    reporter: col('Reporter'),
    reporterId: col('Reporter Id'),
    parentKey: col('Parent key'),
    parent: col('Parent id', 'Parent'),
    epic: col('Custom field (Epic Link)', 'Epic Link'),
  };
  const linkCols = names
    .map((n, i) => ({ i, m: LINK_COLUMN.exec(n) }))
    .filter((x): x is { i: number; m: RegExpExecArray } => !!x.m)
    .map(({ i, m }) => ({ i, outward: m[1].toLowerCase() === 'outward', typeName: m[2].trim(), column: names[i] }));

  const cell = (r: CsvRecord, i: number): string => (i >= 0 ? (r.cells[i] ?? '').trim() : '');
  const byId = new Map<string, string>();
  for (const r of rows) {
    const key = normalizeForeignKey(cell(r, keyCol));
    if (!key) continue;
    const creator: ForeignUser = {};
    const [name, id] = cell(r, c.creator) ? [cell(r, c.creator), cell(r, c.creatorId)] : [cell(r, c.reporter), cell(r, c.reporterId)];
    if (name) creator.displayName = name;
    if (id) creator.accountId = id;
    const issue: ForeignIssue = { key };
    if (cell(r, c.id)) {
      issue.id = cell(r, c.id);
      byId.set(issue.id, key);
    }
    if (cell(r, c.created)) issue.created = cell(r, c.created);
    if (Object.keys(creator).length) issue.creator = creator;
    if (cell(r, c.type)) issue.type = cell(r, c.type);
    result.issues.set(key, issue);
  }

  const set = new LinkSet();
  for (const r of rows) {
    const key = normalizeForeignKey(cell(r, keyCol));
    if (!key) continue;
    for (const lc of linkCols) {
      for (const v of cell(r, lc.i).split(/[\s,;]+/).filter(Boolean)) {
        const other = normalizeForeignKey(v);
        if (!other) {
          result.problems.push({ code: 'badCell', issue: key, column: lc.column, value: v, line: r.line });
          continue;
        }
        set.add({
          kind: 'link',
          typeName: lc.typeName,
          outwardKey: lc.outward ? key : other,
          inwardKey: lc.outward ? other : key,
          origin: { issue: key, field: lc.column, line: r.line },
        });
      }
    }
    const self = result.issues.get(key) as ForeignIssue;
    const parentText = cell(r, c.parentKey) || cell(r, c.parent);
    if (parentText) {
      // Cloud writes the parent's issue id in `Parent`, newer exports add `Parent key`; Server writes `Parent id`.
      const parentKey = normalizeForeignKey(parentText) ?? byId.get(parentText);
      if (!parentKey) result.problems.push({ code: 'parentNotInFile', issue: key, value: parentText });
      else {
        const parent = result.issues.get(parentKey);
        const field = names[c.parentKey >= 0 && cell(r, c.parentKey) ? c.parentKey : c.parent];
        const link = hierarchyLink({ type: self.type }, { type: parent?.type }, key, parentKey, field, self);
        link.origin.line = r.line;
        set.add(link);
      }
    }
    const epicText = cell(r, c.epic);
    if (epicText) {
      const epicKey = normalizeForeignKey(epicText) ?? byId.get(epicText);
      if (!epicKey) result.problems.push({ code: 'parentNotInFile', issue: key, value: epicText });
      else set.add({ kind: 'epic', typeName: HIERARCHY_TYPES.epic, outwardKey: key, inwardKey: epicKey, origin: { issue: key, field: names[c.epic], line: r.line } });
    }
  }
  result.links = set.links;
  return result;
}
