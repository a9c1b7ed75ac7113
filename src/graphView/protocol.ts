// The messages between the graph panel and its webview, and the check every
// message from the webview passes before anything is done with it. No VS
// Code import: the webview script bundles this file too, and the check is
// unit-tested in plain Node.

import { isRelationshipKinds, type EdgeKind, type RelationshipKinds, type StatusCategory } from '../graph/model';
import { MAX_DEPTH } from '../graph/walk';

/** A node as drawn: position and size from the layout, words already in the UI language. */
export interface ViewNode {
  key: string;
  /** Shortened summary. */
  summary: string;
  status: string;
  category: StatusCategory;
  assignee?: string;
  x: number;
  y: number;
  w: number;
  h: number;
  root: boolean;
  current: boolean;
  more: boolean;
  error?: string;
  /** Screen-reader label: "TREK-14, In progress, blocks TREK-12". */
  label: string;
  /** Hover text: full summary, status, assignee. */
  title: string;
}

export interface ViewEdge {
  from: string;
  to: string;
  kind: EdgeKind;
  directed: boolean;
  cycle: boolean;
  points: Array<{ x: number; y: number }>;
  /** "TREK-14 blocks TREK-12". */
  title: string;
}

/** The words of the panel, in the UI language. */
export interface ViewWords {
  depth: string;
  relationships: string;
  kinds: Record<RelationshipKinds, string>;
  refresh: string;
  fit: string;
  zoomIn: string;
  zoomOut: string;
  copyMermaid: string;
  copyDot: string;
  insertMermaid: string;
  open: string;
  showLinks: string;
  graphAround: string;
  copyKey: string;
  makeCurrent: string;
  more: string;
  current: string;
  loading: string;
  graph: string;
}

export type FromHost =
  | { type: 'words'; words: ViewWords }
  | { type: 'loading'; root: string }
  | {
      type: 'graph';
      root: string;
      depth: number;
      kinds: RelationshipKinds;
      nodes: ViewNode[];
      edges: ViewEdge[];
      width: number;
      height: number;
      /** Cycles and cuts, in words. */
      notes: Array<{ text: string; error: boolean }>;
      /** The same issue as the picture before: keep the view where it is (the root stays put). */
      keepView: boolean;
    }
  | { type: 'current'; key?: string }
  | { type: 'failed'; message: string };

export type NodeAction = 'select' | 'makeCurrent' | 'open' | 'showLinks' | 'graphAround' | 'copyKey';
const NODE_ACTIONS: readonly NodeAction[] = ['select', 'makeCurrent', 'open', 'showLinks', 'graphAround', 'copyKey'];
type ExportFormat = 'mermaid' | 'dot' | 'insertMermaid';
const EXPORT_FORMATS: readonly ExportFormat[] = ['mermaid', 'dot', 'insertMermaid'];

export type FromWebview =
  | { type: 'ready' }
  | { type: 'painted'; nodes: number }
  | { type: NodeAction; key: string }
  | { type: 'depth'; depth: number }
  | { type: 'kinds'; kinds: RelationshipKinds }
  | { type: 'refresh' }
  | { type: 'export'; format: ExportFormat };

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * The message if it is one the panel understands, about a node that is in
 * the picture; anything else (unknown type, extra shapes, a key not shown,
 * a depth out of range) is undefined and ignored.
 */
export function parseMessage(raw: unknown, shown: ReadonlySet<string>): FromWebview | undefined {
  if (!isObject(raw) || typeof raw.type !== 'string') return undefined;
  const t = raw.type;
  switch (t) {
    case 'ready':
    case 'refresh':
      return { type: t };
    case 'painted':
      return typeof raw.nodes === 'number' && Number.isInteger(raw.nodes) && raw.nodes >= 0 ? { type: t, nodes: raw.nodes } : undefined;
    case 'depth':
      return typeof raw.depth === 'number' && Number.isInteger(raw.depth) && raw.depth >= 1 && raw.depth <= MAX_DEPTH ? { type: t, depth: raw.depth } : undefined;
    case 'kinds':
      return isRelationshipKinds(raw.kinds) ? { type: t, kinds: raw.kinds } : undefined;
    case 'export':
      return typeof raw.format === 'string' && (EXPORT_FORMATS as readonly string[]).includes(raw.format) ? { type: t, format: raw.format as ExportFormat } : undefined;
    default:
      if ((NODE_ACTIONS as readonly string[]).includes(t) && typeof raw.key === 'string' && shown.has(raw.key)) return { type: t as NodeAction, key: raw.key };
      return undefined;
  }
}
