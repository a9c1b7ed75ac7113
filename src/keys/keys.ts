// Issue keys in free text: `QUEUE-123`, queue = Latin letters. A hand-written
// scan around each hyphen instead of one big regex: the work per hyphen is
// bounded, so a megabyte of letters or digits can never make it backtrack.

export interface KeyMatch {
  /** Normalised (upper-case) key, e.g. `TREK-12`. */
  key: string;
  /** Offset of the first character of the key in the text. */
  start: number;
  /** Offset just after the last digit. */
  end: number;
}

export interface KeyMatchOptions {
  /**
   * Upper-case queue keys known to exist. When given, only keys of these
   * queues match (single-letter and deny-listed queues too, if listed).
   */
  knownQueues?: ReadonlySet<string>;
  /** Match `trek-12` as well as `TREK-12` (default true). */
  ignoreCase?: boolean;
}

/** Longest queue key accepted (Tracker queue keys are short). */
const MAX_QUEUE_LENGTH = 15;
/** Shortest queue key accepted without a known-queue list. */
const MIN_QUEUE_LENGTH = 2;
/** Longest issue number accepted. */
const MAX_NUMBER_DIGITS = 9;

/**
 * Letter-dash-number tokens that are standards, encodings or licences far
 * more often than issue keys (`utf-8`, `ISO-8859`, `PEP-8`). Never keys unless
 * the queue is in the caller's known set.
 */
const NEVER_QUEUES: ReadonlySet<string> = new Set([
  'UTF', 'UCS', 'ISO', 'LATIN', 'WINDOWS', 'WIN', 'CP', 'IBM', 'KOI', 'ASCII', 'ANSI',
  'SHA', 'MD', 'CRC', 'RFC', 'PEP', 'ECMA', 'ES', 'IEEE', 'IEC', 'HTTP', 'TLS', 'SSL', 'IPV',
  'GPL', 'LGPL', 'AGPL', 'MPL', 'BSD', 'APACHE', 'CVE', 'COVID',
]);

const C_DASH = 0x2d;
const C_DOT = 0x2e;
const C_ZERO = 0x30;
const C_NINE = 0x39;
const C_UNDERSCORE = 0x5f;
const C_DOLLAR = 0x24;

function isDigit(c: number): boolean {
  return c >= C_ZERO && c <= C_NINE;
}
function isUpper(c: number): boolean {
  return c >= 0x41 && c <= 0x5a;
}
function isLower(c: number): boolean {
  return c >= 0x61 && c <= 0x7a;
}
function isLatin(c: number): boolean {
  return isUpper(c) || isLower(c);
}

const NON_ASCII_WORD = /[\p{L}\p{N}\p{M}]/u;

/** A character that would make the key part of a longer identifier or token. */
function isWordChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0x80) return isLatin(c) || isDigit(c) || c === C_UNDERSCORE || c === C_DOLLAR;
  return NON_ASCII_WORD.test(text[i]);
}

/**
 * Remembers the last `indexOf('-')` answer. `indexOf` cannot stop at a
 * range's end, so a dash-less comment searches on into the code after it;
 * with many such comments that would be quadratic. Ranges scanned in order
 * with one cursor reuse the answer instead, keeping the total linear.
 */
interface DashCursor {
  /** Position the last search started from. */
  from: number;
  /** Its answer: the first `-` at or after `from`, or -1. */
  at: number;
}

export function newDashCursor(): DashCursor {
  return { from: -1, at: -1 };
}

function nextDash(text: string, pos: number, cursor: DashCursor | undefined): number {
  if (cursor && cursor.from >= 0 && cursor.from <= pos && (cursor.at === -1 || cursor.at >= pos)) return cursor.at;
  const at = text.indexOf('-', pos);
  if (cursor) {
    cursor.from = pos;
    cursor.at = at;
  }
  return at;
}

/**
 * Appends the keys found in `text[from, to)` to `out`. The range is treated
 * as a text of its own: its ends count as boundaries. Used by the comment
 * scanner to search comment bodies without slicing strings. Pass one
 * `cursor` when scanning many ordered ranges of the same text.
 */
export function scanKeysInRange(
  text: string,
  from: number,
  to: number,
  options: KeyMatchOptions | undefined,
  out: KeyMatch[],
  cursor?: DashCursor,
): void {
  const known = options?.knownQueues;
  const ignoreCase = options?.ignoreCase ?? true;
  let dash = nextDash(text, from, cursor);
  while (dash !== -1 && dash < to) {
    const here = dash;
    dash = nextDash(text, here + 1, cursor);

    // Digits after the dash: 1..MAX, no leading zero.
    let end = here + 1;
    while (end < to && end - here <= MAX_NUMBER_DIGITS + 1 && isDigit(text.charCodeAt(end))) end++;
    const digits = end - here - 1;
    if (digits === 0 || digits > MAX_NUMBER_DIGITS || text.charCodeAt(here + 1) === C_ZERO) continue;

    // Latin letters before the dash.
    let start = here;
    while (start > from && here - start <= MAX_QUEUE_LENGTH && isLatin(text.charCodeAt(start - 1))) start--;
    const qlen = here - start;
    if (qlen === 0 || qlen > MAX_QUEUE_LENGTH) continue;

    // Left boundary: not glued to an identifier, a number or a hyphenated run (`x-ABC-12`).
    if (start > from && (isWordChar(text, start - 1) || text.charCodeAt(start - 1) === C_DASH)) continue;

    // Right boundary: not `12abc`, `12_x`, `12-34`, `123-DEF`, `12.5`.
    if (end < to) {
      if (isWordChar(text, end)) continue;
      const c = text.charCodeAt(end);
      if ((c === C_DASH || c === C_DOT) && end + 1 < to) {
        const next = end + 1;
        if (c === C_DOT ? isDigit(text.charCodeAt(next)) : isWordChar(text, next)) continue;
      }
    }

    // `myTREK`: a lower→upper step means an identifier, not a queue.
    let camel = false;
    let hasLower = false;
    for (let k = start; k < here; k++) {
      const c = text.charCodeAt(k);
      if (isLower(c)) hasLower = true;
      else if (k > start && isLower(text.charCodeAt(k - 1))) {
        camel = true;
        break;
      }
    }
    if (camel || (hasLower && !ignoreCase)) continue;

    // One slice for the whole key; upper-cased only when needed.
    const raw = text.slice(start, end);
    const key = hasLower ? raw.toUpperCase() : raw;
    const queue = key.slice(0, qlen);
    if (known) {
      if (!known.has(queue)) continue;
    } else if (qlen < MIN_QUEUE_LENGTH || NEVER_QUEUES.has(queue)) {
      continue;
    }
    out.push({ key, start, end });
  }
}

/** All issue keys in `text`, in order. */
export function findKeys(text: string, options?: KeyMatchOptions): KeyMatch[] {
  const out: KeyMatch[] = [];
  scanKeysInRange(text, 0, text.length, options, out);
  return out;
}

// A key is at most 15 + 1 + 9 characters and its boundary checks look two
// characters beyond it, so a window this wide around the offset decides.
const KEY_WINDOW = 64;

/**
 * The key under `offset` (a caret or hover position): `start <= offset <= end`,
 * so a caret just after the key still counts.
 */
export function keyAt(text: string, offset: number, options?: KeyMatchOptions): KeyMatch | undefined {
  if (offset < 0 || offset > text.length) return undefined;
  const from = Math.max(0, offset - KEY_WINDOW);
  const to = Math.min(text.length, offset + KEY_WINDOW);
  const found: KeyMatch[] = [];
  scanKeysInRange(text, from, to, options, found);
  return found.find((m) => m.start <= offset && offset <= m.end);
}

const WHOLE_KEY = new RegExp(`^([A-Za-z]{1,${MAX_QUEUE_LENGTH}})-0*([1-9][0-9]{0,${MAX_NUMBER_DIGITS - 1}})$`);

/**
 * The one rule for a whole key a user gives (typed in a picker, a command
 * argument, a branch name, a file): a queue of Latin letters, a number from 1.
 * Tracker's documentation shows no form with leading zeros and says nothing
 * against them, so they are read away (`MOB-0012` = `MOB-12`); zero is never
 * an issue number. Free text is stricter (see scanKeysInRange): there
 * `TREK-012` is more often something else.
 * `trek-12` → `{ queue: 'TREK', number: 12 }`; undefined if not a key.
 */
export function parseKey(key: string): { queue: string; number: number } | undefined {
  const m = WHOLE_KEY.exec(key.trim());
  return m ? { queue: m[1].toUpperCase(), number: Number(m[2]) } : undefined;
}

/** Upper-cased key, or undefined when the string is not a key. */
export function normalizeKey(text: string): string | undefined {
  const p = parseKey(text);
  return p ? `${p.queue}-${p.number}` : undefined;
}

/** Orders keys by queue, then numerically (`TREK-9` before `TREK-10`); non-keys last, by text. */
export function compareKeys(a: string, b: string): number {
  const pa = parseKey(a);
  const pb = parseKey(b);
  if (pa && pb) {
    if (pa.queue !== pb.queue) return pa.queue < pb.queue ? -1 : 1;
    return pa.number - pb.number;
  }
  if (pa) return -1;
  if (pb) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The issue key a command was given: a key string, or anything with a `key`
 * (a tree item, a picked issue). Command arguments come from menus, hovers
 * and other extensions, so nothing is assumed about their shape.
 */
export function keyOfArgument(arg: unknown): string | undefined {
  if (typeof arg === 'string') return normalizeKey(arg);
  if (arg && typeof arg === 'object' && typeof (arg as { key?: unknown }).key === 'string') {
    return normalizeKey((arg as { key: string }).key);
  }
  return undefined;
}
