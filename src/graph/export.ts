// The graph as text: Mermaid (a `flowchart LR`) and Graphviz DOT, the same
// nodes and the same directions as the picture. Server text (summaries,
// custom link names) is escaped for each language, so a summary with quotes,
// brackets or `<script>` stays a label and Cyrillic stays as written. Pure.

import { formatCycle } from '../links/cycles';
import type { EdgeKind, GraphEdge, GraphNode, LinkGraph } from './model';

/** Words on the edges, in the user's language: the caller says them (kernel/graphWords.ts), this module has none of its own. */
export type EdgeWords = Readonly<Record<Exclude<EdgeKind, 'other'>, string>>;

interface ExportOptions {
  words: EdgeWords;
  /** Longest summary kept in a label (default 60 characters). */
  maxSummary?: number;
}

const CYCLE_COLOUR = '#d32f2f';

export function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return chars.length <= max ? flat : `${chars.slice(0, Math.max(1, max - 1)).join('').trimEnd()}…`;
}

function edgeWord(e: GraphEdge, words: EdgeWords): string {
  return e.kind === 'other' ? (e.label ?? '') : words[e.kind];
}

function nodeLabel(n: GraphNode, max: number): string {
  const summary = shorten(n.summary, max);
  return summary ? `${n.key}: ${summary}` : n.key;
}

// ---------------------------------------------------------------- Mermaid

/**
 * Mermaid text inside `"…"` or `|…|`: entity codes for everything that could
 * end the label or be read as markup (Mermaid renders labels as HTML).
 */
function mermaidText(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ').replace(/[#"'`<>&|[\]{}()\\;]/g, (c) => `#${c.charCodeAt(0)};`);
}

/** Node ids from keys: letters, digits and `_`, unique, never a Mermaid keyword. */
function mermaidIds(nodes: readonly GraphNode[]): Map<string, string> {
  const ids = new Map<string, string>();
  const used = new Set<string>();
  for (const n of nodes) {
    let base = n.key.replace(/[^A-Za-z0-9_]/g, '_');
    if (!/^[A-Za-z]/.test(base) || /^(end|graph|subgraph|flowchart|style|class|classDef|click|linkStyle|default)$/i.test(base)) base = `n_${base}`;
    let id = base;
    for (let i = 2; used.has(id); i++) id = `${base}_${i}`;
    used.add(id);
    ids.set(n.key, id);
  }
  return ids;
}

const MERMAID_ARROW: Readonly<Record<EdgeKind, string>> = {
  blocks: '-->',
  parent: '-->',
  epic: '-->',
  relates: '-.-',
  duplicates: '==>',
  clone: '-.->',
  other: '-->',
};

export function toMermaid(graph: LinkGraph, o: ExportOptions): string {
  const max = o.maxSummary ?? 60;
  const ids = mermaidIds(graph.nodes);
  const lines = ['flowchart LR'];
  for (const n of graph.nodes) lines.push(`  ${ids.get(n.key)}["${mermaidText(nodeLabel(n, max))}"]`);
  const cycleEdges: number[] = [];
  graph.edges.forEach((e, i) => {
    const from = ids.get(e.from);
    const to = ids.get(e.to);
    if (!from || !to) return;
    const word = edgeWord(e, o.words);
    lines.push(`  ${from} ${MERMAID_ARROW[e.kind]}${word ? `|${mermaidText(word)}|` : ''} ${to}`);
    if (e.inCycle) cycleEdges.push(i);
  });
  for (const c of graph.cycles) lines.push(`  %% cycle: ${mermaidText(formatCycle(c))}`);
  if (cycleEdges.length) lines.push(`  linkStyle ${cycleEdges.join(',')} stroke:${CYCLE_COLOUR},stroke-width:2px`);
  lines.push('  classDef root stroke-width:3px');
  lines.push(`  class ${ids.get(graph.root)} root`);
  const more = graph.nodes.filter((n) => n.more).map((n) => ids.get(n.key));
  if (more.length) {
    lines.push('  classDef more stroke-dasharray:4 2');
    lines.push(`  class ${more.join(',')} more`);
  }
  return `${lines.join('\n')}\n`;
}

/** A fenced `mermaid` block for a Markdown file. */
export function toMermaidBlock(graph: LinkGraph, o: ExportOptions): string {
  return `\`\`\`mermaid\n${toMermaid(graph, o)}\`\`\`\n`;
}

// ---------------------------------------------------------------- DOT

/** A DOT double-quoted string (backslashes and quotes escaped; one line). */
function dotString(text: string): string {
  return `"${text.replace(/[\r\n\t]+/g, ' ').replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

const DOT_STYLE: Readonly<Record<EdgeKind, string>> = {
  blocks: '',
  parent: '',
  epic: '',
  relates: ', style=dashed, dir=none',
  duplicates: ', style=bold',
  clone: ', style=dotted',
  other: '',
};

export function toDot(graph: LinkGraph, o: ExportOptions): string {
  const max = o.maxSummary ?? 60;
  const lines = [`digraph ${dotString(graph.root)} {`, '  rankdir=LR;', '  node [shape=box, style=rounded];'];
  for (const n of graph.nodes) {
    const extra = [n.key === graph.root ? 'penwidth=3' : '', n.more ? 'style="rounded,dashed"' : ''].filter(Boolean);
    lines.push(`  ${dotString(n.key)} [label=${dotString(nodeLabel(n, max))}${extra.length ? `, ${extra.join(', ')}` : ''}];`);
  }
  for (const e of graph.edges) {
    const word = edgeWord(e, o.words);
    const colour = e.inCycle ? `, color="${CYCLE_COLOUR}", fontcolor="${CYCLE_COLOUR}"` : '';
    lines.push(`  ${dotString(e.from)} -> ${dotString(e.to)} [label=${dotString(word)}${DOT_STYLE[e.kind]}${colour}];`);
  }
  for (const c of graph.cycles) lines.push(`  // cycle: ${formatCycle(c).replace(/[\r\n]/g, ' ')}`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
