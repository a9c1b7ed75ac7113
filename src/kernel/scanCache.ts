// Scanner results per document version, so repeated hovers, link requests and
// stale-key checks on an unchanged document never rescan it. The cache itself
// needs no VS Code (only types are imported, so plain Node tests load it); each
// user passes documents in through `scannable` and evicts on close.

import type { TextDocument } from 'vscode';
import type { KeyMatch } from '../keys/keys';
import { type CommentRange, findKeysInRanges, scanComments } from '../keys/scanner';

/**
 * Documents longer than this (UTF-16 code units, about 2 MB of ASCII) are
 * not scanned at all: no comment hovers, document links, stale-key
 * diagnostics or editor keys in them. A simple, predictable cap instead of
 * partial scans of visible ranges.
 */
export const MAX_SCANNED_LENGTH = 2_000_000;

/** What the cache needs of a document. `getText` is only called on a miss. */
export interface ScannableDocument {
  readonly uri: string;
  readonly version: number;
  readonly languageId: string;
  readonly length?: number;
  getText(): string;
}

/** A document's length in UTF-16 units, without copying its text. */
export function documentLength(doc: TextDocument): number {
  return doc.offsetAt(doc.lineAt(doc.lineCount - 1).range.end);
}

/** The scan cache's view of a VS Code document (length without copying the text). */
export function scannable(doc: TextDocument): ScannableDocument {
  return {
    uri: doc.uri.toString(),
    version: doc.version,
    languageId: doc.languageId,
    length: documentLength(doc),
    getText: () => doc.getText(),
  };
}

interface Entry {
  version: number;
  languageId: string;
  ranges: readonly CommentRange[];
  /** Keys in comments for one known-queue set (identified by `queuesId`). */
  keys?: readonly KeyMatch[];
  queuesId?: string;
}

interface ScanCacheOptions {
  maxDocuments?: number;
  maxLength?: number;
}

/** A stable id of a queue set, so a new Set with equal content still hits. */
function queuesId(queues: ReadonlySet<string>): string {
  return [...queues].sort().join(',');
}

export class CommentKeyCache {
  private readonly entries = new Map<string, Entry>();
  private readonly maxDocuments: number;
  private readonly maxLength: number;
  /** How many full comment scans ran (for tests and the log). */
  scans = 0;

  constructor(o: ScanCacheOptions = {}) {
    this.maxDocuments = o.maxDocuments ?? 32;
    this.maxLength = o.maxLength ?? MAX_SCANNED_LENGTH;
  }

  /**
   * Keys of the known queues inside comments (or anywhere in prose documents),
   * in order; undefined when the document is over the size cap.
   */
  keys(doc: ScannableDocument, known: ReadonlySet<string>): readonly KeyMatch[] | undefined {
    if (doc.length !== undefined && doc.length > this.maxLength) return undefined;
    const id = queuesId(known);
    let entry = this.entries.get(doc.uri);
    let text: string | undefined;
    if (!entry || entry.version !== doc.version || entry.languageId !== doc.languageId) {
      text = doc.getText();
      if (text.length > this.maxLength) return undefined;
      this.scans++;
      entry = { version: doc.version, languageId: doc.languageId, ranges: scanComments(text, doc.languageId) };
    }
    // Re-inserting keeps the map in least-recently-used order.
    this.entries.delete(doc.uri);
    this.entries.set(doc.uri, entry);
    while (this.entries.size > this.maxDocuments) this.entries.delete(this.entries.keys().next().value as string);

    if (entry.keys === undefined || entry.queuesId !== id) {
      text ??= doc.getText();
      entry.keys = findKeysInRanges(text, entry.ranges, { knownQueues: known });
      entry.queuesId = id;
    }
    return entry.keys;
  }

  /** The comment key under `offset` (`start <= offset <= end`), by binary search. */
  keyAt(doc: ScannableDocument, offset: number, known: ReadonlySet<string>): KeyMatch | undefined {
    const keys = this.keys(doc, known);
    if (!keys) return undefined;
    let lo = 0;
    let hi = keys.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const k = keys[mid];
      if (offset < k.start) hi = mid - 1;
      else if (offset > k.end) lo = mid + 1;
      else return k;
    }
    return undefined;
  }

  evict(uri: string): void {
    this.entries.delete(uri);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
