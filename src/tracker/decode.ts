// Reading an answer: a 2xx body as JSON, anything else as a `TrackerError`
// of the kind its status means, with the server's texts (the token echoed in
// them replaced by "***"). Tolerant of bodies that are not Tracker's shape.

import { TrackerError, type TrackerErrorInit, type TrackerErrorKind } from './errors';
import { parseRetryAfter } from './retry';

/** What the error is about, fixed before the exchange (method, path, subject). */
type ErrorBase = Pick<TrackerErrorInit, 'method' | 'path' | 'subject' | 'about'>;

/**
 * The data of an answer (undefined for 204 or an empty body), or the
 * TrackerError it stands for. `redact` removes secrets from server text.
 */
export function decodeAnswer(
  status: number,
  text: string,
  headers: { get(name: string): string | null },
  base: ErrorBase,
  redact: (s: string) => string,
): unknown {
  if (status >= 200 && status < 300) {
    if (status === 204 || text.trim() === '') return undefined;
    try {
      return JSON.parse(text);
    } catch {
      throw new TrackerError({ ...base, kind: 'badResponse', status, detail: 'the body is not valid JSON' });
    }
  }
  const kind = kindForStatus(status);
  const parsed = parseErrorBody(text);
  throw new TrackerError({
    ...base,
    kind,
    status,
    errorMessages: parsed.errorMessages.map(redact),
    fieldErrors: Object.fromEntries(Object.entries(parsed.fieldErrors).map(([f, t]) => [redact(f), redact(t)])),
    retryAfterMs: kind === 'rateLimited' || kind === 'server' ? parseRetryAfter(headers.get('Retry-After')) : undefined,
    detail: kind === 'badResponse' ? `unexpected HTTP ${status}` : undefined,
  });
}

/** The kind for an HTTP error status (anything outside 2xx). */
function kindForStatus(status: number): TrackerErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'notFound';
  if (status === 409 || status === 412) return 'conflict';
  if (status === 422) return 'validation';
  if (status === 429) return 'rateLimited';
  if (status >= 500) return 'server';
  if (status >= 400) return 'badRequest';
  // 1xx/3xx are not something this API answers: treat as an unreadable reply.
  return 'badResponse';
}

const MAX_TEXT = 300;

/**
 * Reads a Tracker error body `{errors, errorMessages, statusCode}` and is
 * tolerant of anything else (HTML proxy pages, empty bodies, odd shapes).
 */
function parseErrorBody(text: string): { errorMessages: string[]; fieldErrors: Record<string, string> } {
  const result = { errorMessages: [] as string[], fieldErrors: {} as Record<string, string> };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return result;
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) return result;
  const o = body as Record<string, unknown>;
  if (Array.isArray(o.errorMessages)) {
    for (const m of o.errorMessages) {
      const s = asText(m);
      if (s) result.errorMessages.push(s);
    }
  } else if (typeof o.message === 'string' && o.message.trim()) {
    result.errorMessages.push(clip(o.message.trim()));
  }
  if (o.errors && typeof o.errors === 'object' && !Array.isArray(o.errors)) {
    for (const [field, value] of Object.entries(o.errors as Record<string, unknown>)) {
      const s = Array.isArray(value) ? value.map(asText).filter(Boolean).join('; ') : asText(value);
      result.fieldErrors[field] = s || 'invalid value';
    }
  }
  return result;
}

function asText(v: unknown): string {
  if (typeof v === 'string') return clip(v.trim());
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v && typeof v === 'object') {
    try {
      return clip(JSON.stringify(v));
    } catch {
      return '';
    }
  }
  return '';
}

function clip(s: string): string {
  return s.length > MAX_TEXT ? s.slice(0, MAX_TEXT - 1) + '…' : s;
}
