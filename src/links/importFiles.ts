// Reading a whole import file, CSV or JSON, into validated rows with the
// place (line or index) of each. Pure; see importRows.ts for one row.

import { readCsv, stripBom } from './csv';
import { IMPORT_COLUMNS, REQUIRED_COLUMNS, shownValue, validateRecord, type BadRow, type ParsedRow, type RowPlace, type RowProblem } from './importRows';

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

type ImportFormat = 'csv' | 'json';

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
      result.bad.push({ place, problems: [{ code: 'notAnObject', value: shownValue(record) }] });
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

/** CSV with a header naming the columns (any order, any case, `,` `;` or tab between); places are file lines. */
export function parseCsvRows(text: string): ParsedFile {
  const { records, unterminatedQuoteLine } = readCsv(text);
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
  const missing = REQUIRED_COLUMNS.filter((r) => !columns.includes(r));
  if (missing.length) return { ...none, fatal: { code: 'missingColumns', columns: [...missing] } };
  return collect(
    body.map(({ line, cells }) => {
      const record: Record<string, string> = {};
      columns.forEach((c, i) => {
        if (c && cells[i] !== undefined && cells[i].trim() !== '') record[c] = cells[i].trim();
      });
      const extra: RowProblem[] = cells.length > columns.length && cells.slice(columns.length).some((x) => x.trim())
        ? [{ code: 'extraCells', value: shownValue(cells.slice(columns.length).join(',')) }]
        : [];
      return { place: { line }, record, extra };
    }),
  );
}
