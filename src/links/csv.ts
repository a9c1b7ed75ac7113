// Reading files that went through a spreadsheet: the bytes (UTF-8 with or
// without a BOM, UTF-16 as Excel's "Unicode text" writes it) and the CSV
// itself (`,` `;` or tab, quoted cells that span lines) through papaparse.
// Pure: no VS Code.

import Papa from 'papaparse';

// ---------------------------------------------------------------- bytes

type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  /** A byte-order mark was there (and is not in `text`). */
  bom: boolean;
  /** Bytes that are not UTF-8 were replaced by U+FFFD: likely a legacy code page (Excel's "CSV" in Windows-1251). */
  invalid: boolean;
}

/** Swaps byte pairs so a UTF-16BE buffer reads as UTF-16LE (which every runtime decodes). */
function swapPairs(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length - (bytes.length % 2));
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    out[i] = bytes[i + 1];
    out[i + 1] = bytes[i];
  }
  return out;
}

/**
 * UTF-16 without a BOM, told by its zero bytes: ASCII text in UTF-16 has a 0
 * in every other byte, which UTF-8 text never has.
 */
function bomlessUtf16(bytes: Uint8Array): TextEncodingName | undefined {
  const n = Math.min(bytes.length - (bytes.length % 2), 512);
  if (n < 4) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.6 && evenZeros === 0) return 'utf-16le';
  if (evenZeros > pairs * 0.6 && oddZeros === 0) return 'utf-16be';
  return undefined;
}

/** Decodes a file's bytes: the BOM decides, else UTF-16 by its zero bytes, else UTF-8. */
export function decodeText(bytes: Uint8Array): DecodedText {
  const [a, b, c] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return utf8(bytes.subarray(3), true);
  if (a === 0xff && b === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le', bom: true, invalid: false };
  if (a === 0xfe && b === 0xff) return { text: new TextDecoder('utf-16le').decode(swapPairs(bytes.subarray(2))), encoding: 'utf-16be', bom: true, invalid: false };
  const u16 = bomlessUtf16(bytes);
  if (u16 === 'utf-16le') return { text: new TextDecoder('utf-16le').decode(bytes), encoding: u16, bom: false, invalid: false };
  if (u16 === 'utf-16be') return { text: new TextDecoder('utf-16le').decode(swapPairs(bytes)), encoding: u16, bom: false, invalid: false };
  return utf8(bytes, false);
}

function utf8(bytes: Uint8Array, bom: boolean): DecodedText {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8', bom, invalid: false };
  } catch {
    return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8', bom, invalid: true };
  }
}

/** Drops a leading U+FEFF (a BOM decoded as text). */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

// ---------------------------------------------------------------- CSV

type CsvDelimiter = ',' | ';' | '\t';
const DELIMITERS: readonly CsvDelimiter[] = [',', ';', '\t'];

export interface CsvRecord {
  /** 1-based line of the file where the record starts. */
  line: number;
  cells: string[];
}

export interface CsvTable {
  records: CsvRecord[];
  delimiter: CsvDelimiter;
  /** A quote left open: the line it opened on. Records before it are still given. */
  unterminatedQuoteLine?: number;
}

/**
 * The delimiter of the header line: the candidate seen most often outside
 * quotes. Counting on the header alone is exact for column names (they hold
 * no delimiters), where guessing from the data would be fooled by commas in
 * summaries; a tie or none at all means `,`.
 */
function detectDelimiter(text: string): CsvDelimiter {
  const counts = new Map<CsvDelimiter, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch as CsvDelimiter)) counts.set(ch as CsvDelimiter, (counts.get(ch as CsvDelimiter) ?? 0) + 1);
  }
  let best: CsvDelimiter = ',';
  for (const d of DELIMITERS) if ((counts.get(d) ?? 0) > (counts.get(best) ?? 0)) best = d;
  return best;
}

/**
 * Reads CSV: a BOM is dropped, line ends may be CRLF, LF or CR (mixed too),
 * a quoted cell may span lines and hold the delimiter, `""` is a quote.
 * Blank lines and lines of empty cells (`,,,`, spreadsheet noise) are
 * dropped. Never throws.
 */
export function readCsv(input: string, delimiter?: CsvDelimiter): CsvTable {
  // One line-end form first: a file edited on two systems mixes them, and a
  // quoted cell's CRLF is as good as its LF for keys, dates and names.
  const text = stripBom(input).replace(/\r\n?/g, '\n');
  const delim = delimiter ?? detectDelimiter(text);
  const records: CsvRecord[] = [];
  let unterminatedQuoteLine: number | undefined;
  // Line numbers from the parser's offsets: count the newlines passed so far.
  let offset = 0;
  let line = 1;
  const lineAt = (pos: number): number => {
    for (; offset < pos && offset < text.length; offset++) if (text.charCodeAt(offset) === 10) line++;
    return line;
  };
  let start = 0;
  Papa.parse<string[]>(text, {
    delimiter: delim,
    newline: '\n',
    quoteChar: '"',
    escapeChar: '"',
    skipEmptyLines: false,
    step: (result) => {
      const startLine = lineAt(start);
      const missingQuote = result.errors.find((e) => e.code === 'MissingQuotes');
      // The error's index is where the open quote stands in the whole text.
      if (missingQuote) unterminatedQuoteLine ??= 1 + countNewlines(text, 0, missingQuote.index ?? start);
      const cells = result.data;
      if (!missingQuote && cells.some((c) => c.trim() !== '')) records.push({ line: startLine, cells });
      start = result.meta.cursor;
    },
  });
  return unterminatedQuoteLine === undefined ? { records, delimiter: delim } : { records, delimiter: delim, unterminatedQuoteLine };
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to && i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/**
 * CSV text for a result file: every cell quoted where needed, and cells that
 * a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) escaped,
 * because reasons may quote server text.
 */
export function writeCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | undefined>>): string {
  return Papa.unparse(
    { fields: [...header], data: rows.map((r) => r.map((c) => (c === undefined ? '' : String(c)))) },
    { escapeFormulae: true, newline: '\r\n' },
  ) + '\r\n';
}
