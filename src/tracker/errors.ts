// Errors of the Tracker API client. One class, `TrackerError`, with a `kind`
// that callers switch on and a short English `message` fit to show a user.
// Nothing here ever sees the token: the HTTP layer builds these from the
// status, the (already redacted) error body and the request path only.

export type TrackerErrorKind =
  | 'unauthorized' // 401, or no token at all (nothing was sent)
  | 'forbidden' // 403: no rights, or a wrong organisation header / id
  | 'notFound' // 404
  | 'badRequest' // 400, 428 and other 4xx without a kind of their own
  | 'conflict' // 409, 412: edited meanwhile
  | 'validation' // 422: a field was rejected
  | 'rateLimited' // 429
  | 'server' // 5xx
  | 'network' // connection refused / reset / dropped, DNS...
  | 'timeout' // no complete answer within the per-attempt timeout
  | 'cancelled' // the caller's AbortSignal fired
  | 'badResponse'; // a 2xx whose body is not the JSON we expect, or a redirect

/**
 * What a call was about, as data, so an adapter can say it in the user's
 * language ("Issue TREK-12" is only the English default in `subject`).
 */
export type Subject =
  | { kind: 'user' }
  | { kind: 'issue'; key: string; other?: string }
  | { kind: 'issueLink'; key: string; linkId: string }
  | { kind: 'entity'; type: string; id: string; other?: string }
  | { kind: 'entityLink'; type: string; id: string; other: string };

export interface TrackerErrorInit {
  kind: TrackerErrorKind;
  /** HTTP status; 0 when there was no response. */
  status?: number;
  method?: string;
  /** Request path without host and query, e.g. "/v2/issues/TREK-12". */
  path?: string;
  /** What the call was about, e.g. "Issue TREK-12", "Project 5". */
  subject?: string;
  about?: Subject;
  errorMessages?: string[];
  fieldErrors?: Record<string, string>;
  retryAfterMs?: number;
  /** Low-level error code for network failures (ECONNRESET...). */
  code?: string;
  /** The per-attempt timeout that expired (kind 'timeout'). */
  timeoutMs?: number;
  /** How many attempts were made before giving up. */
  attempts?: number;
  /** Overrides the detail part of the message (e.g. why a body was bad). */
  detail?: string;
}


export class TrackerError extends Error {
  override readonly name = 'TrackerError';
  readonly kind: TrackerErrorKind;
  readonly status: number;
  readonly method: string;
  readonly path: string;
  readonly subject?: string;
  readonly about?: Subject;
  readonly errorMessages: string[];
  readonly fieldErrors: Record<string, string>;
  readonly retryAfterMs?: number;
  readonly code?: string;
  readonly timeoutMs?: number;
  readonly attempts?: number;
  /** Extra detail for 'badResponse' (what was wrong with the body). */
  readonly detail?: string;

  constructor(init: TrackerErrorInit) {
    super(buildMessage(init));
    this.kind = init.kind;
    this.status = init.status ?? 0;
    this.method = init.method ?? '';
    this.path = init.path ?? '';
    this.subject = init.subject;
    this.about = init.about;
    this.errorMessages = init.errorMessages ?? [];
    this.fieldErrors = init.fieldErrors ?? {};
    this.retryAfterMs = init.retryAfterMs;
    this.code = init.code;
    this.timeoutMs = init.timeoutMs;
    this.attempts = init.attempts;
    this.detail = init.detail;
  }

  /** A copy with some fields changed (e.g. the attempt count once retries are over). */
  with(patch: Partial<TrackerErrorInit>): TrackerError {
    return new TrackerError({ ...this.toInit(), ...patch });
  }

  toInit(): TrackerErrorInit {
    return {
      kind: this.kind,
      status: this.status,
      method: this.method,
      path: this.path,
      subject: this.subject,
      about: this.about,
      errorMessages: this.errorMessages,
      fieldErrors: this.fieldErrors,
      retryAfterMs: this.retryAfterMs,
      code: this.code,
      timeoutMs: this.timeoutMs,
      attempts: this.attempts,
      detail: this.detail,
    };
  }

  /** Plain data for logs and telemetry (there is nothing secret in it). */
  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, ...this.toInit() };
  }
}

export function isTrackerError(e: unknown): e is TrackerError {
  return e instanceof TrackerError;
}

/**
 * The one rule for "the server may have acted on the request although the
 * caller got no usable answer": a 5xx, a dropped connection, no answer in
 * time, or a 2xx whose body could not be read (cut off, not JSON, the wrong
 * shape). A 4xx (refused before anything changed), a 429 (not processed) and
 * a cancel are not. A create that failed this way must be settled by reading,
 * never resent; a DELETE retried after it may find its target already gone.
 */
export function mayHaveActed(e: unknown): boolean {
  if (!isTrackerError(e)) return false;
  if (e.kind === 'server' || e.kind === 'network' || e.kind === 'timeout') return true;
  return e.kind === 'badResponse' && e.status >= 200 && e.status < 300;
}

/**
 * The one cancel check: the caller cancelled, so there is nothing to report
 * to the user. The client rejects with kind 'cancelled'; an AbortError is
 * what any other abortable API (a fetch, a timer) rejects with.
 */
export function isCancelled(e: unknown): boolean {
  return (isTrackerError(e) && e.kind === 'cancelled') || (e instanceof Error && e.name === 'AbortError');
}

function capitalize(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

/** Server texts appended to a message, e.g. " Tracker says: No such queue." */
function serverSays(init: TrackerErrorInit): string {
  const texts = [...(init.errorMessages ?? [])];
  for (const [f, t] of Object.entries(init.fieldErrors ?? {})) texts.push(`${f}: ${t}`);
  return texts.length ? ` Tracker says: ${texts.join('; ')}` : '';
}

function fieldList(fields: Record<string, string>): string {
  const entries = Object.entries(fields);
  if (entries.length === 1) return `field "${entries[0][0]}": ${entries[0][1]}`;
  return 'fields ' + entries.map(([f, t]) => `"${f}": ${t}`).join('; ');
}

function buildMessage(init: TrackerErrorInit): string {
  const status = init.status ?? 0;
  const fields = init.fieldErrors ?? {};
  const msgs = init.errorMessages ?? [];
  switch (init.kind) {
    case 'unauthorized':
      return 'Not signed in or the token has expired: sign in again.';
    case 'forbidden':
      return (
        'Access denied: no rights for this, or the organisation id / header (X-Org-ID or X-Cloud-Org-ID) is wrong.' +
        serverSays(init)
      );
    case 'notFound':
      return `${capitalize(init.subject ?? 'the requested item')} was not found.`;
    case 'validation':
      if (Object.keys(fields).length) return `The server rejected ${fieldList(fields)}`;
      return `The server rejected the request${msgs.length ? ': ' + msgs.join('; ') : ' as invalid.'}`;
    case 'badRequest': {
      const what = status === 400 ? 'Tracker rejected the request as invalid' : `Tracker refused the request (HTTP ${status})`;
      if (Object.keys(fields).length) return `${what}: ${fieldList(fields)}`;
      return msgs.length ? `${what}: ${msgs.join('; ')}` : `${what}.`;
    }
    case 'conflict':
      return `${capitalize(init.subject ?? 'the item')} was changed meanwhile (HTTP ${status}); refresh and try again.`;
    case 'rateLimited':
      return 'Tracker is rate-limiting requests; try again shortly.';
    case 'server':
      return `Tracker is unavailable (HTTP ${status}); try again later.`;
    case 'network':
      return `Could not reach Tracker${init.code ? ` (${init.code})` : ''}: check the network connection and the API address.`;
    case 'timeout': {
      const secs = init.timeoutMs !== undefined ? ` within ${formatSeconds(init.timeoutMs)}` : ' in time';
      return `Tracker did not answer${secs}; try again later.`;
    }
    case 'cancelled':
      return 'The request was cancelled.';
    case 'badResponse':
      return `Tracker sent a response that could not be read${status ? ` (HTTP ${status})` : ''}${
        init.detail ? `: ${init.detail}` : '.'
      }`;
  }
}

function formatSeconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}
