// Dates as another tracker writes them → Tracker's `YYYY-MM-DDThh:mm:ss.sss±hhmm`.
// Jira's REST API says the zone (`2013-10-26T20:06:23.853+0000`); its CSV
// export writes local time in the exporting user's format (`12/Mar/24 3:04 PM`,
// `12.03.2024 15:04`, `6/21/2025 16:14`) and says no zone, so the format may
// and the zone must be confirmed by the user. Pure: no VS Code.

import { parseLinkDate, type DateResult, type LinkDate } from '../links/importDates';

/** How a date is written. `iso` carries its zone; the others are local times. */
export type DateFormatId =
  /** ISO-8601 / Jira REST, with `Z` or an offset. */
  | 'iso'
  /** Jira's default: `12/Mar/24 3:04 PM`, `12/Mar/2024 15:04`, `12/мар/24` — day first, month by name. */
  | 'd/MMM/y'
  /** Day first, numbers: `12.03.2024 15:04`, `12/03/2024 3:04 PM`. */
  | 'd.M.y'
  /** Month first, numbers: `6/21/2025 16:14` (US). */
  | 'M/d/y'
  /** `2024-03-12 15:04[:05[.678]]` without a zone. */
  | 'y-M-d';

export const DATE_FORMATS: readonly DateFormatId[] = ['iso', 'd/MMM/y', 'd.M.y', 'M/d/y', 'y-M-d'];

/** A fixed offset from UTC in minutes (`+180` = `+0300`), or an IANA zone (`Europe/Moscow`, daylight time honoured). */
export type TimeZone = { offsetMinutes: number } | { iana: string };

export interface DateReading {
  format: DateFormatId;
  /** Needed for every format but `iso`. */
  zone?: TimeZone;
}

const MONTHS: ReadonlyMap<string, number> = new Map([
  ...['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map((m, i) => [m, i + 1] as const),
  // Jira in a Russian locale abbreviates the months in Russian.
  ...['янв', 'фев', 'мар', 'апр', 'май', 'июн', 'июл', 'авг', 'сен', 'окт', 'ноя', 'дек'].map((m, i) => [m, i + 1] as const),
  ['мая', 5],
  ['sept', 9],
]);

interface LocalParts {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  ms: number;
}

const TIME = String.raw`(?:[ T,]+(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:[.,](\d{1,9}))?)?\s*([AaPp]\.?[Mm]\.?)?)?`;
const RE: Record<Exclude<DateFormatId, 'iso'>, RegExp> = {
  'd/MMM/y': new RegExp(String.raw`^(\d{1,2})[/\- .]([A-Za-zА-Яа-яёЁ]{3,4})\.?[/\- .](\d{2}|\d{4})` + TIME + '$'),
  'd.M.y': new RegExp(String.raw`^(\d{1,2})[./](\d{1,2})[./](\d{2}|\d{4})` + TIME + '$'),
  // Only slashes: a dotted date is day-first everywhere.
  'M/d/y': new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})` + TIME + '$'),
  'y-M-d': new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})` + TIME + '$'),
};

const year = (t: string): number => (t.length === 2 ? 2000 + Number(t) : Number(t));

function hour(h: string | undefined, ampm: string | undefined): number | undefined {
  if (h === undefined) return 0;
  const n = Number(h);
  if (!ampm) return n;
  if (n < 1 || n > 12) return undefined;
  const pm = /^p/i.test(ampm);
  return (n % 12) + (pm ? 12 : 0);
}

/** The local date and time a text names in a format; undefined when it does not fit. */
function localParts(text: string, format: Exclude<DateFormatId, 'iso'>): LocalParts | undefined {
  const m = RE[format].exec(text.trim());
  if (!m) return undefined;
  const [, a, b, c, h, mi, s, frac, ampm] = m;
  let y: number, mo: number, d: number;
  if (format === 'd/MMM/y') {
    const month = MONTHS.get(b.toLowerCase());
    if (!month) return undefined;
    [y, mo, d] = [year(c), month, Number(a)];
  } else if (format === 'd.M.y') [y, mo, d] = [year(c), Number(b), Number(a)];
  else if (format === 'M/d/y') [y, mo, d] = [year(c), Number(a), Number(b)];
  else [y, mo, d] = [Number(a), Number(b), Number(c)];
  const hh = hour(h, ampm);
  if (hh === undefined) return undefined;
  const ms = frac ? Number(frac.slice(0, 3).padEnd(3, '0')) : 0;
  return { y, mo, d, h: hh, mi: mi === undefined ? 0 : Number(mi), s: s === undefined ? 0 : Number(s), ms };
}

function validParts(p: LocalParts): boolean {
  if (p.mo < 1 || p.mo > 12 || p.d < 1 || p.h > 23 || p.mi > 59 || p.s > 59) return false;
  const t = Date.UTC(p.y, p.mo - 1, p.d);
  return new Date(t).getUTCDate() === p.d;
}

// ---------------------------------------------------------------- zones

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

/** Is this an IANA zone the runtime knows? */
export function isKnownTimeZone(iana: string): boolean {
  try {
    zoneFormat(iana);
    return true;
  } catch {
    return false;
  }
}

function zoneFormat(iana: string): Intl.DateTimeFormat {
  let f = zoneFormats.get(iana);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: iana,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    zoneFormats.set(iana, f);
  }
  return f;
}

/** Minutes a zone is ahead of UTC at an instant. */
function zoneOffsetAt(iana: string, utcMs: number): number {
  const parts = Object.fromEntries(zoneFormat(iana).formatToParts(new Date(utcMs)).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour) % 24, Number(parts.minute), Number(parts.second));
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

/** The offset that makes a local time in a zone a real instant (daylight saving included). */
function offsetFor(zone: TimeZone, localMs: number): number {
  if ('offsetMinutes' in zone) return zone.offsetMinutes;
  const first = zoneOffsetAt(zone.iana, localMs);
  return zoneOffsetAt(zone.iana, localMs - first * 60_000);
}

const pad = (n: number, w = 2): string => String(Math.abs(n)).padStart(w, '0');

/** An instant written in the API format with a given offset. */
export function apiDate(ms: number, offsetMinutes: number): LinkDate {
  const local = new Date(ms + offsetMinutes * 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const off = Math.abs(offsetMinutes);
  const api =
    `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}.${pad(local.getUTCMilliseconds(), 3)}` +
    `${sign}${pad(Math.floor(off / 60))}${pad(off % 60)}`;
  return { api, ms };
}

// ---------------------------------------------------------------- reading

export type ForeignDateResult = DateResult | { ok: false; problem: 'needsZone' };

/** Reads one date in a known format; local formats need the zone. */
export function parseForeignDate(text: string, reading: DateReading): ForeignDateResult {
  const t = text.trim();
  if (!t) return { ok: false, problem: 'empty' };
  if (reading.format === 'iso') return parseLinkDate(t.replace(/^(\d{4}-\d{2}-\d{2}) (\d)/, '$1T$2'));
  const p = localParts(t, reading.format);
  if (!p) return { ok: false, problem: 'format' };
  if (!validParts(p)) return { ok: false, problem: 'invalid' };
  if (!reading.zone) return { ok: false, problem: 'needsZone' };
  const localMs = Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s, p.ms);
  const offset = offsetFor(reading.zone, localMs);
  return { ok: true, date: apiDate(localMs - offset * 60_000, offset) };
}

export interface DateFormatGuess {
  /** Formats every sample fits, most likely first; several = the user must choose. */
  formats: DateFormatId[];
  /** The texts say their zone (`iso`): nothing to ask about the zone. */
  zoneKnown: boolean;
  /** Samples no format reads. */
  unreadable: string[];
}

/**
 * Which formats read all of a file's dates. Day-first and month-first
 * numbers are told apart only by a value over 12; while every day is ≤ 12
 * both stay possible and the user is asked.
 */
export function guessDateFormat(samples: readonly string[]): DateFormatGuess {
  const texts = [...new Set(samples.map((s) => s.trim()).filter(Boolean))];
  const fits = (f: DateFormatId, s: string): boolean => {
    if (f === 'iso') {
      const r = parseForeignDate(s, { format: 'iso' });
      return r.ok;
    }
    const p = localParts(s, f);
    return !!p && validParts(p);
  };
  const unreadable = texts.filter((s) => !DATE_FORMATS.some((f) => fits(f, s)));
  const readable = texts.filter((s) => !unreadable.includes(s));
  const formats = readable.length ? DATE_FORMATS.filter((f) => readable.every((s) => fits(f, s))) : [];
  return { formats, zoneKnown: formats.length === 1 && formats[0] === 'iso', unreadable };
}

/** What the user must confirm before these dates can be sent. */
export function dateQuestions(guess: DateFormatGuess): { format: boolean; zone: boolean } {
  return { format: guess.formats.length !== 1, zone: !guess.zoneKnown };
}
