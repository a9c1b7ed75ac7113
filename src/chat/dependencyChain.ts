// tracker_getDependencyChain: the link graph around an issue to a depth —
// by default its dependencies — as a list of issues, a list of edges in
// sentences ("TREK-14 blocks TREK-12") and Mermaid text. The walk and the
// exporter are the graph core's (src/graph), read through the link store.

import * as vscode from 'vscode';
import { clampDepth, DEFAULT_DEPTH, isRelationshipKinds, MAX_DEPTH, RELATIONSHIP_KINDS, toMermaid, walkGraph, type GraphEdge, type LinkGraph, type RelationshipKinds } from '../graph';
import { formatCycle } from '../links/cycles';
import { edgeSentence, edgeWords } from '../kernel/graphWords';
import { issueCountText, linkCountText } from '../kernel/counts';
import type { Services } from '../kernel/services';
import { asInput, BadInput, keyForMessage, dataNote, issueDetails, oneOf, plain, quoted, readIssueKeyOrCurrent, readString, signalOf, textResult, gateAndRead, linksNotReadResult } from './common';

interface DependencyChainInput {
  issueKey?: string;
  depth?: number;
  kinds?: string;
}

interface Request {
  key: string;
  depth: number;
  kinds: RelationshipKinds;
}

function readDependencyChain(raw: unknown, current: string | undefined): Request {
  const input = asInput(raw ?? {});
  const key = readIssueKeyOrCurrent(input, current);
  const d = input.depth;
  if (d !== undefined && (typeof d !== 'number' || !Number.isInteger(d) || d < 1 || d > MAX_DEPTH)) {
    throw new BadInput(vscode.l10n.t('"depth" must be a whole number from 1 to {0}.', MAX_DEPTH));
  }
  const kinds = readString(input, 'kinds') ?? 'dependencies';
  if (!isRelationshipKinds(kinds)) throw new BadInput(vscode.l10n.t('"{0}" is not a kind of links to follow. Use one of: {1}.', plain(kinds, 40), oneOf(RELATIONSHIP_KINDS)));
  return { key, depth: clampDepth(d ?? DEFAULT_DEPTH), kinds };
}

/** An edge as a sentence; a custom type's name from the server made one inert line. */
function edgeLine(e: GraphEdge): string {
  return edgeSentence({ ...e, label: plain(e.label, 60) });
}

function headline(g: LinkGraph): string {
  const issues = issueCountText(g.nodes.length);
  const links = linkCountText(g.edges.length);
  switch (g.kinds) {
    case 'dependencies':
      return vscode.l10n.t('Dependencies around {0} to depth {1}: {2}, {3}.', g.root, g.depth, issues, links);
    case 'hierarchy':
      return vscode.l10n.t('Parents, sub-issues and epics around {0} to depth {1}: {2}, {3}.', g.root, g.depth, issues, links);
    case 'all':
      return vscode.l10n.t('All links around {0} to depth {1}: {2}, {3}.', g.root, g.depth, issues, links);
  }
}

function describeGraph(g: LinkGraph): string[] {
  const lines = [
    headline(g),
    vscode.l10n.t('Edges read blocker → dependent, parent → child, epic → member.'),
    '',
    vscode.l10n.t('Issues:'),
  ];
  for (const n of g.nodes) {
    const bits = [issueDetails(n.status, n.category, n.assignee)];
    if (n.more) bits.push(vscode.l10n.t('links beyond this depth not read'));
    if (n.error) bits.push(vscode.l10n.t('its links could not be read'));
    lines.push(`- ${n.key} ${quoted(n.summary)} (${bits.join('; ')})`);
  }
  lines.push('', vscode.l10n.t('Links:'));
  if (!g.edges.length) lines.push(vscode.l10n.t('(none)'));
  for (const e of g.edges) lines.push(`- ${edgeLine(e)}`);
  if (g.cycles.length) {
    lines.push('', `⚠ ${vscode.l10n.t('Dependency cycles: each issue waits for the next one, and the last waits for the first.')}`);
    for (const c of g.cycles) lines.push(`- ${formatCycle(c)}`);
  }
  if (g.truncated) lines.push('', vscode.l10n.t('The graph was cut off at {0} issues.', g.nodes.length));
  return lines;
}

export function dependencyChainTool(s: Services): vscode.LanguageModelTool<DependencyChainInput> {
  return {
    prepareInvocation(options) {
      const key = keyForMessage(options.input?.issueKey, s);
      return { invocationMessage: key ? vscode.l10n.t('Reading the link graph around {0}…', key) : vscode.l10n.t('Reading the link graph around the current issue…') };
    },

    async invoke(options, token) {
      const read = await gateAndRead(s, () => readDependencyChain(options.input, s.current.current?.key));
      if (read.result) return read.result;
      const r = read.request;
      let graph: LinkGraph;
      try {
        await s.statuses.ready();
        graph = await walkGraph(s.store, r.key, { depth: r.depth, kinds: r.kinds, signal: signalOf(token), classify: s.statuses.categoryOf });
      } catch (e) {
        s.errors.logDetails(e, `Chat tool: the graph around ${r.key}`);
        return linksNotReadResult(r.key, e);
      }
      return textResult(...describeGraph(graph), '', vscode.l10n.t('Mermaid:'), '```mermaid', toMermaid(graph, { words: edgeWords() }).trimEnd(), '```', '', dataNote());
    },
  };
}
