// What a picked file is, told from its content: today's Tracker-shaped CSV or
// JSON, Jira's REST JSON, or Jira's CSV export — and the plan it makes. The
// entry point of the migration flow. Pure: no VS Code.

import { IMPORT_COLUMNS } from '../links/importRows';
import { parseCsvRows, parseJsonRows, type ParsedFile } from '../links/importFiles';
import { decodeText, readCsv, stripBom, type CsvTable, type DecodedText } from '../links/csv';
import { jiraIssuesOf, isJiraCsvHeader, readJiraCsv, readJiraJson, type ForeignRead, type JiraReadOptions } from './jira';
import { buildPlan, planFromImportFile, type Plan, type PlanOptions } from './plan';

export type SourceFile =
  | { kind: 'tracker-csv' | 'tracker-json'; parsed: ParsedFile }
  | { kind: 'jira-json' | 'jira-csv'; read: ForeignRead }
  | { kind: 'unknown'; reason: UnknownReason };

export type UnknownReason =
  | { code: 'empty' }
  | { code: 'notJson'; detail: string }
  /** JSON that is neither an array of link rows nor Jira issues. */
  | { code: 'jsonShape' }
  | { code: 'unterminatedQuote'; line: number }
  /** A CSV header that is neither Tracker's columns nor Jira's `Issue key`. */
  | { code: 'csvHeader'; columns: string[] };

const TRACKER_COLUMNS = new Set<string>(IMPORT_COLUMNS.map((c) => c.toLowerCase()));

/**
 * What a file is, told before any of its rows are read: the kind, with the
 * parsed JSON or the CSV table it was told from. JSON is told by its first
 * character, whatever the extension; a CSV header with `Issue key` is Jira's,
 * one made of Tracker's columns (or any other, for its error messages) is
 * today's import.
 */
type Shape =
  | { kind: 'jira-json'; data: unknown }
  | { kind: 'tracker-json' }
  | { kind: 'jira-csv'; table: CsvTable }
  | { kind: 'tracker-csv' }
  | { kind: 'unknown'; reason: UnknownReason };

function shapeOf(t: string): Shape {
  if (!t.trim()) return { kind: 'unknown', reason: { code: 'empty' } };
  const first = t.trimStart()[0];
  if (first === '[' || first === '{') {
    let data: unknown;
    try {
      data = JSON.parse(t);
    } catch (e) {
      return { kind: 'unknown', reason: { code: 'notJson', detail: e instanceof Error ? e.message : String(e) } };
    }
    if (jiraIssuesOf(data)) return { kind: 'jira-json', data };
    if (Array.isArray(data)) return { kind: 'tracker-json' };
    return { kind: 'unknown', reason: { code: 'jsonShape' } };
  }
  const table: CsvTable = readCsv(t);
  if (table.unterminatedQuoteLine !== undefined) return { kind: 'unknown', reason: { code: 'unterminatedQuote', line: table.unterminatedQuoteLine } };
  const header = table.records[0]?.cells ?? [];
  if (isJiraCsvHeader(header)) return { kind: 'jira-csv', table };
  const names = header.map((h) => h.trim().toLowerCase()).filter(Boolean);
  if (names.some((n) => TRACKER_COLUMNS.has(n))) return { kind: 'tracker-csv' };
  return { kind: 'unknown', reason: { code: 'csvHeader', columns: header.map((h) => h.trim()).slice(0, 10) } };
}

/** A Jira export (REST JSON or CSV), told as readSource tells it but without reading its links. */
export function isJiraExport(text: string): boolean {
  const kind = shapeOf(stripBom(text)).kind;
  return kind === 'jira-json' || kind === 'jira-csv';
}

/** Reads a file's text and says what it is (see Shape), with its rows read. */
export function readSource(text: string, jira: JiraReadOptions = {}): SourceFile {
  const t = stripBom(text);
  const shape = shapeOf(t);
  switch (shape.kind) {
    case 'jira-json':
      return { kind: 'jira-json', read: readJiraJson(shape.data, jira) };
    case 'tracker-json':
      return { kind: 'tracker-json', parsed: parseJsonRows(t) };
    case 'jira-csv':
      return { kind: 'jira-csv', read: readJiraCsv(shape.table.records) };
    case 'tracker-csv':
      return { kind: 'tracker-csv', parsed: parseCsvRows(t) };
    case 'unknown':
      return shape;
  }
}

/** Bytes → text (UTF-8/UTF-16, BOMs) → what the file is. */
export function readSourceBytes(bytes: Uint8Array, jira: JiraReadOptions = {}): { decoded: DecodedText; file: SourceFile } {
  const decoded = decodeText(bytes);
  return { decoded, file: readSource(decoded.text, jira) };
}

/** The dry-run plan of a recognised file. */
export function planOf(file: Exclude<SourceFile, { kind: 'unknown' }>, options: PlanOptions): Plan {
  return 'read' in file ? buildPlan(file.read, options) : planFromImportFile(file.parsed, file.kind);
}
