// Link dates for `_import`: Tracker's own format (`YYYY-MM-DDThh:mm:ss.sss±hhmm`,
// import-links.md) and the ISO-8601 spellings people write, turned into it.
// Pure; problems are codes, put into words by the adapters.

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
