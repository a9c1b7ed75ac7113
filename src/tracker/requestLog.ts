// The `Tracker` log's view of requests: one line per exchange (method, path,
// status or failure, time), retries and give-ups. Paths and statuses only:
// never headers, bodies or the token.

import type { TrackerError } from './errors';

export interface Logger {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
  debug(msg: string): void;
  trace(msg: string): void;
}

/** A failure in a few words for a log line: "HTTP 503", "network error ECONNRESET", "timeout". */
export function failureReason(e: TrackerError): string {
  if (e.status) return `HTTP ${e.status}`;
  if (e.kind === 'network') return `network error${e.code ? ' ' + e.code : ''}`;
  return e.kind;
}

/** Log lines about one logical request (`GET /v2/issues/TREK-1`). */
export class RequestLog {
  constructor(
    private readonly logger: Logger | undefined,
    private readonly what: string,
  ) {}

  /** An answer arrived: 5xx and 429 are warnings, the rest information. */
  answered(status: number, ms: number): void {
    const line = `${this.what} ${status} ${ms}ms`;
    if (status >= 500 || status === 429) this.logger?.warn(line);
    else this.logger?.info(line);
  }

  cancelled(ms: number): void {
    this.logger?.info(`${this.what} cancelled ${ms}ms`);
  }

  timedOut(ms: number): void {
    this.logger?.warn(`${this.what} timed out ${ms}ms`);
  }

  failed(code: string | undefined, ms: number): void {
    this.logger?.warn(`${this.what} failed (${code ?? 'network error'}) ${ms}ms`);
  }

  retrying(error: TrackerError, attempt: number, maxRetries: number, delayMs: number): void {
    this.logger?.warn(`${this.what}: ${failureReason(error)}; retry ${attempt + 1}/${maxRetries} in ${Math.round(delayMs)}ms`);
  }

  note(text: string, level: 'info' | 'warn' = 'warn'): void {
    this.logger?.[level](`${this.what}: ${text}`);
  }

  joined(): void {
    this.logger?.trace(`${this.what} joins an identical request in flight`);
  }
}
