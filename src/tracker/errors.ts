// Errors of the Tracker API client. One class, `TrackerError`, with a `kind`
// that callers switch on and the data to say it from; its `message` is
// technical (kind, status, request), and the words for a user are the
// kernel's alone (src/kernel/errors.ts).
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

/**
 * The technical message, for the log and for a developer reading a stack:
 * "notFound HTTP 404: GET /v2/issues/TREK-999 (Issue TREK-999)". Words for
 * the user are the kernel's (describeError), said from the fields.
 */
function buildMessage(init: TrackerErrorInit): string {
  let s = init.kind;
  if (init.status) s += ` HTTP ${init.status}`;
  if (init.code) s += ` ${init.code}`;
  const request = [init.method, init.path].filter(Boolean).join(' ');
  if (request) s += `: ${request}`;
  if (init.subject) s += ` (${init.subject})`;
  const notes: string[] = [];
  if (init.timeoutMs !== undefined) notes.push(`no answer within ${init.timeoutMs} ms`);
  if (init.attempts !== undefined) notes.push(`${init.attempts} attempts`);
  if (init.detail) notes.push(init.detail);
  const texts = [...(init.errorMessages ?? [])];
  for (const [f, t] of Object.entries(init.fieldErrors ?? {})) texts.push(`"${f}": ${t}`);
  if (texts.length) notes.push(`Tracker says: ${texts.join('; ')}`);
  return notes.length ? `${s} — ${notes.join('; ')}` : s;
}
