// The one link store: issues and their link lists, shared by the tree, the
// hover, the status bar and every flow, and the one way links change. A
// create puts the link object Tracker answered into the source's list and
// its mirror (the other side, opposite direction) into the target's; a
// remove takes it out of both; the lists are never re-read after a change
// made here. Another person's changes arrive when a list is older than its
// time to live, or on a refresh the user asks for. Concurrent misses for one
// key become one request because the HTTP layer shares identical GETs in
// flight. Pure: no VS Code (listeners are plain callbacks).

import { isTrackerError } from '../tracker/errors';
import type { ImportLinkBody, Issue, IssueLink, IssueRelationship, TrackerApi } from '../tracker/types';

interface Entry<T> {
  at: number;
  value?: T;
  error?: unknown;
}

interface StoreOptions {
  /** How long an issue or its links are served without asking again. */
  ttlMs?: number;
  /** How long "not found" is remembered, so a typo'd key is not asked for on every hover. */
  notFoundTtlMs?: number;
  now?: () => number;
}

interface ReadOptions {
  signal?: AbortSignal;
  /** Older data is read again; 0 = always from the server. */
  maxAgeMs?: number;
}

/** Keys (upper case) whose issue or link list changed in the store. */
type StoreListener = (keys: string[]) => void;
/** An old key (an alias of a moved issue, get-issue.md `aliases`) and the issue's key now, both upper case. */
type MoveListener = (from: string, to: string) => void;

const upper = (k: string): string => k.toUpperCase();

export class LinkStore {
  private readonly issues = new Map<string, Entry<Issue>>();
  private readonly links = new Map<string, Entry<IssueLink[]>>();
  private readonly listeners = new Set<StoreListener>();
  private readonly moveListeners = new Set<MoveListener>();
  /** Old key → the key Tracker answered for it (a moved issue). */
  private readonly moved = new Map<string, string>();
  private readonly loadListeners = new Set<(key: string, links: IssueLink[]) => void>();
  /** Keys a search did not find, and when: not asked again for `notFoundTtl` (a typo'd key in a comment). */
  private readonly absent = new Map<string, number>();
  /** Keys being searched for now (getIssues), each with its share of the answer. */
  private readonly searching = new Map<string, Promise<Issue | undefined>>();
  /** Keys changed inside batch(), announced once when it ends. */
  private pending: string[] | undefined;
  private readonly ttl: number;
  private readonly notFoundTtl: number;
  private readonly now: () => number;

  constructor(
    private readonly api: () => TrackerApi,
    o: StoreOptions = {},
  ) {
    this.ttl = o.ttlMs ?? 60_000;
    this.notFoundTtl = o.notFoundTtlMs ?? 15_000;
    this.now = o.now ?? Date.now;
  }

  /** Called after every change of the store's data, with the keys it touched. */
  onDidChange(listener: StoreListener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Called once for each old key found to belong to a moved issue. */
  onDidMove(listener: MoveListener): { dispose(): void } {
    this.moveListeners.add(listener);
    return { dispose: () => this.moveListeners.delete(listener) };
  }

  /** The issue's key now when `key` is an old key of a moved issue the store has met, else undefined. */
  movedTo(key: string): string | undefined {
    return this.moved.get(upper(key));
  }

  // ---- reading -----------------------------------------------------------

  async getIssue(key: string, o: ReadOptions = {}): Promise<Issue> {
    const issue = await this.load(this.issues, upper(key), o, (signal) => this.api().getIssue(key, { signal }));
    this.noteKey(upper(key), issue);
    return issue;
  }

  /**
   * Tracker answers an old key of a moved issue with the issue under its key
   * now (get-issue.md: `GET /v2/issues/JUNE-3` → `key: TREK-9844`,
   * `aliases: ["JUNE-3"]`): remember the move, and the issue under its own key.
   */
  private noteKey(asked: string, issue: Issue): void {
    const now = typeof issue?.key === 'string' ? upper(issue.key) : undefined;
    if (!now || now === asked || this.moved.get(asked) === now) return;
    this.moved.set(asked, now);
    if (!this.issues.get(now)?.value) this.issues.set(now, { at: this.now(), value: issue });
    for (const l of this.moveListeners) l(asked, now);
  }

  getLinks(key: string, o: ReadOptions = {}): Promise<IssueLink[]> {
    let fetched: IssueLink[] | undefined;
    const read = this.load(this.links, upper(key), o, async (signal) => {
      fetched = await this.api().getIssueLinks(key, { signal, fresh: o.maxAgeMs === 0 });
      return fetched;
    });
    // Told once the list is stored, so a listener that peeks sees it.
    return read.then((links) => {
      if (links === fetched) for (const l of [...this.loadListeners]) l(upper(key), links);
      return links;
    });
  }

  /** The stored issue, if any, without asking the server. */
  peekIssue(key: string): Issue | undefined {
    return this.issues.get(upper(key))?.value;
  }

  /** The stored link list, if any, without asking the server. */
  peekLinks(key: string): IssueLink[] | undefined {
    return this.links.get(upper(key))?.value;
  }

  /**
   * Several issues by key in one search (at most 100 a request); stored ones
   * cost nothing, and keys already being searched for join that search, so
   * the status bar, the tree and the diagnostics asking at once send it once.
   */
  async getIssues(keys: readonly string[], o: ReadOptions = {}): Promise<Map<string, Issue>> {
    const out = new Map<string, Issue>();
    const missing: string[] = [];
    const joined: Array<Promise<void>> = [];
    for (const k of new Set(keys.map(upper))) {
      const hit = this.issues.get(k);
      const flight = this.searching.get(k);
      const gone = this.absent.get(k);
      if (hit?.value && this.now() - hit.at < (o.maxAgeMs ?? this.ttl)) out.set(k, hit.value);
      else if (gone !== undefined && this.now() - gone < Math.min(o.maxAgeMs ?? Infinity, this.notFoundTtl)) continue;
      else if (flight) joined.push(flight.then((i) => void (i && out.set(k, i)), () => undefined));
      else missing.push(k);
    }
    const own: Array<Promise<void>> = [];
    for (let i = 0; i < missing.length; i += 100) {
      const chunk = missing.slice(i, i + 100);
      const search = this.searchChunk(chunk, o.signal);
      for (const k of chunk) {
        const one = search.then((m) => m.get(k));
        // Only a later caller joining this search reads it, and may never come:
        // a failed search must not become an unhandled rejection (the caller here gets it).
        one.catch(() => undefined);
        this.searching.set(k, one);
      }
      own.push(
        search
          .then((m) => {
            for (const [k, issue] of m) out.set(k, issue);
          })
          .finally(() => {
            for (const k of chunk) this.searching.delete(k);
          }),
      );
    }
    await Promise.all(own);
    await Promise.all(joined);
    return out;
  }

  private async searchChunk(chunk: string[], signal?: AbortSignal): Promise<Map<string, Issue>> {
    const found = await this.api().searchIssues({ keys: chunk }, { signal, limit: chunk.length });
    const at = this.now();
    const out = new Map<string, Issue>();
    for (const issue of found) {
      this.issues.set(upper(issue.key), { at, value: issue });
      out.set(upper(issue.key), issue);
      // A moved issue answers with its new key: remember it under the asked one too.
      for (const alias of issue.aliases ?? []) {
        if (!chunk.includes(upper(alias))) continue;
        out.set(upper(alias), issue);
        this.noteKey(upper(alias), issue);
      }
    }
    for (const k of chunk) if (!out.has(k)) this.absent.set(k, at);
    return out;
  }

  /** Called after an issue's link list was read from the server (not after changes made here). */
  onDidLoadLinks(listener: (key: string, links: IssueLink[]) => void): { dispose(): void } {
    this.loadListeners.add(listener);
    return { dispose: () => this.loadListeners.delete(listener) };
  }

  // ---- changing ----------------------------------------------------------

  /** POST /links: one request; the answer goes into both issues' lists. */
  async create(source: string, relationship: IssueRelationship, target: string, o: { signal?: AbortSignal } = {}): Promise<IssueLink> {
    const link = await this.api().createIssueLink(source, relationship, target, o);
    this.add(source, link);
    return link;
  }

  /** POST /links/_import: one request; the answer goes into both issues' lists. */
  async importLink(source: string, body: ImportLinkBody, o: { signal?: AbortSignal } = {}): Promise<IssueLink> {
    const link = await this.api().importIssueLink(source, body, o);
    this.add(source, link);
    return link;
  }

  /** DELETE /links/<id>: one request; the link leaves both issues' lists. */
  async remove(source: string, link: IssueLink, o: { signal?: AbortSignal } = {}): Promise<void> {
    await this.api().deleteIssueLink(source, link.id, o);
    const touched = [upper(source)];
    this.drop(source, link.id);
    const other = link.object?.key;
    if (other) {
      this.drop(other, link.id);
      touched.push(upper(other));
    }
    this.fire(touched);
  }

  /**
   * A link found to exist although its create failed (the answer was lost):
   * stored like a created one.
   */
  adopt(source: string, link: IssueLink): void {
    this.add(source, link);
  }

  /** Reads an issue's links from the server and stores them (after an unknown outcome, a refresh). */
  async reload(key: string, o: { signal?: AbortSignal } = {}): Promise<IssueLink[]> {
    const links = await this.getLinks(key, { ...o, maxAgeMs: 0 });
    this.fire([upper(key)]);
    return links;
  }

  /**
   * Forget these keys (their data can no longer be trusted; one change is
   * announced) or, without keys, everything (another account: no news).
   */
  invalidate(...keys: string[]): void {
    if (!keys.length) {
      this.issues.clear();
      this.links.clear();
      this.absent.clear();
      return;
    }
    for (const k of keys) {
      this.absent.delete(upper(k));
      this.issues.delete(upper(k));
      this.links.delete(upper(k));
    }
    this.fire(keys.map(upper));
  }

  /** Runs `fn` announcing its changes once, at the end (a flow that links several targets). */
  async batch<T>(fn: () => PromiseLike<T>): Promise<T> {
    if (this.pending) return fn();
    this.pending = [];
    try {
      return await fn();
    } finally {
      const keys = this.pending;
      this.pending = undefined;
      if (keys.length) this.fire(keys);
    }
  }

  private add(source: string, link: IssueLink): void {
    const touched = [upper(source)];
    this.put(source, link);
    const other = link.object?.key;
    if (other) {
      this.put(other, this.mirror(source, link));
      touched.push(upper(other));
    }
    this.fire(touched);
  }

  /** The same link as the other issue lists it: the opposite direction, the source as its object. */
  private mirror(source: string, link: IssueLink): IssueLink {
    const issue = this.peekIssue(source);
    const m: IssueLink = {
      ...link,
      self: undefined,
      direction: link.direction === 'outward' ? 'inward' : 'outward',
      object: { id: issue?.id ?? '', key: issue?.key ?? upper(source), display: issue?.summary },
      status: issue?.status,
      assignee: issue?.assignee,
    };
    if (!m.self) delete m.self;
    if (!m.status) delete m.status;
    if (!m.assignee) delete m.assignee;
    return m;
  }

  /** Puts a link into a stored list (replacing one with its id); an unloaded list stays unloaded. */
  private put(key: string, link: IssueLink): void {
    const entry = this.links.get(upper(key));
    if (!entry?.value) return;
    entry.value = [...entry.value.filter((l) => l.id !== link.id), link];
  }

  private drop(key: string, id: number): void {
    const entry = this.links.get(upper(key));
    if (!entry?.value) return;
    entry.value = entry.value.filter((l) => l.id !== id);
  }

  private fire(keys: string[]): void {
    if (this.pending) {
      for (const k of keys) if (!this.pending.includes(k)) this.pending.push(k);
      return;
    }
    for (const l of [...this.listeners]) l(keys);
  }

  private async load<T>(map: Map<string, Entry<T>>, key: string, o: ReadOptions, fetch: (signal?: AbortSignal) => Promise<T>): Promise<T> {
    const hit = map.get(key);
    const age = hit ? this.now() - hit.at : Infinity;
    if (hit && hit.value !== undefined && age < (o.maxAgeMs ?? this.ttl)) return hit.value;
    // A remembered "not found" also yields to maxAgeMs, or Retry could not retry.
    if (hit && hit.error !== undefined && age < Math.min(o.maxAgeMs ?? Infinity, this.notFoundTtl)) throw hit.error;
    try {
      const value = await fetch(o.signal);
      map.set(key, { at: this.now(), value });
      return value;
    } catch (e) {
      if (isTrackerError(e) && e.kind === 'notFound') map.set(key, { at: this.now(), error: e });
      throw e;
    }
  }
}
