// Lists spread over pages: page 1, 2, ... (query `page`, `perPage`) while
// `Link: rel="next"` (into the same API only) or `X-Total-Pages` says there
// is more, up to a limit of items or pages.

import { TrackerError } from './errors';
import type { Logger } from './requestLog';
import type { HttpResponse, Prepared, RequestOptions } from './request';

export interface PagedOptions extends RequestOptions {
  /** Items per page (query `perPage`, default 50). */
  perPage?: number;
  /** Stop once this many items are collected (default: no limit besides maxPages). */
  limit?: number;
  /** Safety bound on the pages fetched (default 50). */
  maxPages?: number;
}

export interface PagedResult<T> {
  items: T[];
  /** From X-Total-Count of the first page, when sent. */
  totalCount?: number;
  /** From X-Total-Pages of the first page, when sent. */
  totalPages?: number;
}

/**
 * Asks for the pages of `req` (already carrying page 1 and perPage) through
 * `send`. Every page must be a JSON array; the same body goes with every
 * page (for `_search`).
 */
export async function collectPages<T>(
  req: Prepared,
  send: (req: Prepared) => Promise<HttpResponse<unknown>>,
  baseUrl: string,
  opts: Pick<PagedOptions, 'limit' | 'maxPages'>,
  logger: Logger | undefined,
): Promise<PagedResult<T>> {
  const limit = opts.limit ?? Number.POSITIVE_INFINITY;
  const maxPages = opts.maxPages ?? 50;
  const result: PagedResult<T> = { items: [] };
  for (let page = 1; ; page++) {
    const response = await send(req);
    if (page === 1) {
      result.totalCount = toInt(response.headers.get('X-Total-Count'));
      result.totalPages = toInt(response.headers.get('X-Total-Pages'));
    }
    if (!Array.isArray(response.data)) {
      throw new TrackerError({
        kind: 'badResponse',
        status: response.status,
        method: req.method,
        path: req.path,
        subject: req.subject,
        about: req.about,
        detail: 'expected a list',
      });
    }
    result.items.push(...(response.data as T[]));
    if (result.items.length >= limit || response.data.length === 0 || page >= maxPages) break;
    const next = nextPage(response, page, req, baseUrl, logger);
    if (!next) break;
    req.path = next.path;
    req.query = next.query;
  }
  if (result.items.length > limit) result.items.length = limit;
  return result;
}

/** Where the page after `page` is: Link rel="next" (same API only), else X-Total-Pages. */
function nextPage(
  response: HttpResponse<unknown>,
  page: number,
  req: Prepared,
  baseUrl: string,
  logger: Logger | undefined,
): { path: string; query: URLSearchParams } | undefined {
  const link = parseLinkNext(response.headers.get('Link'));
  if (link) {
    const base = new URL(baseUrl + '/');
    let u: URL | undefined;
    try {
      u = new URL(link, base);
    } catch {
      u = undefined;
    }
    // Follow only links into the same API: the token must not go elsewhere.
    const basePath = base.pathname.replace(/\/$/, '');
    if (u && u.origin === base.origin && u.pathname.startsWith(basePath + '/')) {
      return { path: u.pathname.slice(basePath.length), query: u.searchParams };
    }
    logger?.warn(`Ignoring a Link rel="next" outside the API (${u?.origin ?? 'invalid URL'})`);
  }
  const totalPages = toInt(response.headers.get('X-Total-Pages'));
  if (totalPages !== undefined && page < totalPages) {
    const query = new URLSearchParams(req.query);
    query.set('page', String(page + 1));
    return { path: req.path, query };
  }
  return undefined;
}

/** Finds the URL of `rel="next"` in a Link header. */
function parseLinkNext(link: string | null | undefined): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(/,(?=\s*<)/)) {
    const m = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (m && /;\s*rel\s*=\s*"?([^";]*\s)?next(\s[^";]*)?"?\s*(;|$)/i.test(m[2])) return m[1];
  }
  return undefined;
}

function toInt(v: string | null): number | undefined {
  if (v == null || !/^\s*\d+\s*$/.test(v)) return undefined;
  return Number(v);
}
