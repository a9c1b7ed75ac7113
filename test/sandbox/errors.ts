// Tracker-style API errors and date helpers shared by the sandbox modules.

/** Thrown by handlers; rendered as `{errors, errorMessages, statusCode}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorMessages: string[],
    readonly errors: Record<string, string> = {},
  ) {
    super(errorMessages[0] ?? `HTTP ${status}`);
  }

  toBody(): { errors: Record<string, string>; errorMessages: string[]; statusCode: number } {
    return { errors: this.errors, errorMessages: this.errorMessages, statusCode: this.status };
  }
}

export const badRequest = (message: string, errors: Record<string, string> = {}): ApiError =>
  new ApiError(400, [message], errors);

export const forbidden = (message: string): ApiError => new ApiError(403, [message]);

export const notFound = (message: string): ApiError => new ApiError(404, [message]);

/** 422 with the message both under the field and in errorMessages (clients may show either). */
export const invalidField = (field: string, message: string): ApiError =>
  new ApiError(422, [message], { [field]: message });

export const unprocessable = (message: string, errors: Record<string, string> = {}): ApiError =>
  new ApiError(422, [message], errors);

/** Tracker date format: `2017-08-29T12:34:41.740+0000`. Always rendered in UTC. */
export function formatDate(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.(\d{3})([+-])(\d{2})(\d{2})$/;

/** Parses `YYYY-MM-DDThh:mm:ss.sss±hhmm` strictly (no roll-over of bad days); undefined if invalid. */
export function parseDate(text: string): number | undefined {
  const m = DATE_RE.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s, ms, sign, oh, om] = m.slice(1);
  const n = (v: string | undefined): number => Number(v);
  if (n(mo) < 1 || n(mo) > 12 || n(d) < 1 || n(h) > 23 || n(mi) > 59 || n(s) > 59 || n(oh) > 14 || n(om) > 59) {
    return undefined;
  }
  const local = Date.UTC(n(y), n(mo) - 1, n(d), n(h), n(mi), n(s), n(ms));
  // Reject days that Date.UTC would roll over (e.g. Feb 31).
  if (new Date(local).getUTCDate() !== n(d)) return undefined;
  const offset = (sign === '-' ? -1 : 1) * (n(oh) * 60 + n(om)) * 60_000;
  return local - offset;
}
