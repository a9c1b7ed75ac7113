// Shared helpers for the sandbox server tests: real HTTP through global fetch.

import { startSandbox, type SandboxOptions, type SandboxServer } from '../../sandbox/server';

export interface CallResult {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed body; undefined when empty or not JSON. */
  json: unknown;
}

export interface CallOptions {
  body?: unknown;
  /** Sent as-is instead of JSON.stringify(body). */
  rawBody?: string;
  /** Replace the default auth/org headers entirely when `bare` is set. */
  headers?: Record<string, string>;
  bare?: boolean;
}

/** Default headers that pass auth and org checks for `s`. */
export function goodHeaders(s: SandboxServer): Record<string, string> {
  const org = s.orgKind === 'cloud' ? 'X-Cloud-Org-ID' : 'X-Org-ID';
  return { Authorization: `OAuth ${s.token}`, [org]: s.orgId };
}

export async function call(s: SandboxServer, method: string, path: string, o: CallOptions = {}): Promise<CallResult> {
  const headers: Record<string, string> = { ...(o.bare ? {} : goodHeaders(s)), ...(o.headers ?? {}) };
  let body: string | undefined;
  if (o.rawBody !== undefined) body = o.rawBody;
  else if (o.body !== undefined) body = JSON.stringify(o.body);
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`${s.url}${path}`, { method, headers, body });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** Typed view of a Tracker error body. */
export function errorOf(r: CallResult): { errors: Record<string, string>; errorMessages: string[]; statusCode: number } {
  return r.json as { errors: Record<string, string>; errorMessages: string[]; statusCode: number };
}

/** Starts a sandbox before the suite, resets it before each test, closes it after. */
export function useSandbox(opts?: SandboxOptions): () => SandboxServer {
  let server: SandboxServer | undefined;
  before(async () => {
    server = await startSandbox(opts);
  });
  beforeEach(() => server?.reset());
  after(async () => {
    await server?.close();
  });
  return () => {
    if (!server) throw new Error('sandbox not started');
    return server;
  };
}

// Loose JSON shapes used by assertions.
export type J = Record<string, unknown>;
export type Link = {
  id: number;
  direction: string;
  type: { id: string; inward: string; outward: string; self: string };
  object: { key: string; id: string; display: string; self: string };
  createdBy: { id: string; display: string };
  updatedBy: { id: string; display: string };
  createdAt: string;
  updatedAt: string;
  assignee?: { id: string; display: string };
  status?: { key: string; display: string };
  self: string;
};
