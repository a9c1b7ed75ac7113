// One webview panel per issue showing the link graph around it: the walk
// (src/graph) runs here with a cancellable progress notification, the layout
// too, and the webview only draws what it is sent. Every message from the
// webview goes through parseMessage before anything is done.

import * as vscode from 'vscode';
import { layoutGraph, toDot, toMermaid, toMermaidBlock, walkGraph, DEFAULT_DEPTH, type LinkGraph, type RelationshipKinds } from '../graph';
import { shorten } from '../graph/export';
import { formatCycle } from '../links/cycles';
import { inverseRelationship } from '../links/relationships';
import { randomBytes } from 'node:crypto';
import { relationshipSentence } from '../kernel/linkWords';
import { describeError } from '../kernel/errors';
import { copyWithNote } from '../kernel/clipboard';
import { assigneeText } from '../kernel/issueWords';
import { byCount, issueCountText } from '../kernel/counts';
import { edgeSentence, edgeWords } from '../kernel/graphWords';
import type { Services } from '../kernel/services';
import { parseMessage, type FromHost, type ViewEdge, type ViewNode, type ViewWords } from './protocol';

const VIEW_TYPE = 'tracker.linkGraph';
const NODE_W = 200;
const NODE_H = 46;

export interface PaintEvent {
  key: string;
  nodes: number;
}

function words(): ViewWords {
  return {
    depth: vscode.l10n.t('Depth'),
    relationships: vscode.l10n.t('Relationships'),
    kinds: { dependencies: vscode.l10n.t('Dependencies'), hierarchy: vscode.l10n.t('Hierarchy'), all: vscode.l10n.t('All links') },
    refresh: vscode.l10n.t('Refresh'),
    fit: vscode.l10n.t('Fit to View'),
    zoomIn: vscode.l10n.t('Zoom In'),
    zoomOut: vscode.l10n.t('Zoom Out'),
    copyMermaid: vscode.l10n.t('Copy as Mermaid'),
    copyDot: vscode.l10n.t('Copy as DOT'),
    insertMermaid: vscode.l10n.t('Insert as Mermaid'),
    open: vscode.l10n.t('Open in Tracker'),
    showLinks: vscode.l10n.t('Show Links'),
    graphAround: vscode.l10n.t('Show Graph Around It'),
    copyKey: vscode.l10n.t('Copy Key'),
    makeCurrent: vscode.l10n.t('Make Current Issue'),
    more: vscode.l10n.t('More links beyond this depth'),
    current: vscode.l10n.t('current issue'),
    loading: vscode.l10n.t('Reading links…'),
    graph: vscode.l10n.t('Link graph'),
  };
}

export class GraphPanel implements vscode.Disposable {
  readonly panel: vscode.WebviewPanel;
  depth = DEFAULT_DEPTH;
  kinds: RelationshipKinds = 'all';
  graph: LinkGraph | undefined;
  selected: string | undefined;
  private previous = new Map<string, number>();
  private shownRoot: string | undefined;
  private loading: AbortController | undefined;
  private readonly subs: vscode.Disposable[] = [];
  private disposed = false;

  constructor(
    private readonly s: Services,
    private readonly extensionUri: vscode.Uri,
    public key: string,
    private readonly hooks: {
      onDidDispose: (p: GraphPanel) => void;
      onDidFocus: (p: GraphPanel) => void;
      onDidPaint: (e: PaintEvent) => void;
      exportGraph: (p: GraphPanel, format: 'mermaid' | 'dot' | 'insertMermaid') => Promise<void>;
      showGraph: (key: string) => Promise<void>;
    },
  ) {
    this.panel = vscode.window.createWebviewPanel(VIEW_TYPE, this.title(), vscode.ViewColumn.Active, {
      enableScripts: true,
      retainContextWhenHidden: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist')],
    });
    this.panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'tracker-links.svg');
    this.panel.webview.html = this.html();
    this.subs.push(
      this.panel.onDidDispose(() => this.dispose()),
      this.panel.onDidChangeViewState((e) => {
        if (e.webviewPanel.active) hooks.onDidFocus(this);
      }),
      this.panel.webview.onDidReceiveMessage((m: unknown) => void this.onMessage(m)),
      s.current.onDidChange(() => void this.post({ type: 'current', key: s.current.current?.key.toUpperCase() })),
    );
  }

  private title(): string {
    return vscode.l10n.t('Graph: {0}', this.key);
  }

  reveal(): void {
    this.panel.reveal();
  }

  /** Walks and draws the graph again (a refresh asks the server for every list). */
  async load(o: { fresh?: boolean } = {}): Promise<void> {
    this.loading?.abort();
    const ac = new AbortController();
    this.loading = ac;
    const key = this.key;
    await this.post({ type: 'loading', root: key });
    if (o.fresh) this.s.store.invalidate(...(this.graph?.nodes.map((n) => n.key) ?? [key]));
    try {
      await this.s.statuses.ready().catch(() => undefined);
      const graph = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Link graph of {0}', key), cancellable: true },
        async (progress, token) => {
          token.onCancellationRequested(() => ac.abort());
          return walkGraph(this.s.store, key, {
            depth: this.depth,
            kinds: this.kinds,
            signal: ac.signal,
            classify: this.s.statuses.categoryOf,
            onProgress: (p) => progress.report({ message: vscode.l10n.t('level {0} of {1}, {2}', p.level, this.depth, issueCountText(p.nodes)) }),
          });
        },
      );
      if (ac.signal.aborted || this.disposed || key !== this.key) return;
      this.graph = graph;
      await this.draw();
    } catch (e) {
      if (ac.signal.aborted || this.disposed) return;
      const failed = vscode.l10n.t('Could not read the link graph of {0}.', key);
      this.s.errors.show(e, `Link graph of ${key}`, failed);
      await this.post({ type: 'failed', message: failed });
    } finally {
      if (this.loading === ac) this.loading = undefined;
    }
  }

  private async draw(): Promise<void> {
    const g = this.graph;
    if (!g) return;
    const layout = layoutGraph(g.nodes, g.edges, { nodeWidth: NODE_W, nodeHeight: NODE_H, previous: this.shownRoot === g.root ? this.previous : undefined });
    const keepView = this.shownRoot === g.root;
    this.previous = new Map(layout.nodes.map((n) => [n.key, n.y + n.height / 2]));
    this.shownRoot = g.root;
    const current = this.s.current.current?.key.toUpperCase();
    const sentences = new Map<string, string[]>();
    const say = (k: string, text: string) => sentences.set(k, [...(sentences.get(k) ?? []), text]);
    const edges: ViewEdge[] = g.edges.map((e, i) => {
      const title = edgeSentence(e);
      say(e.from, title);
      if (e.to !== e.from) say(e.to, e.relationship ? relationshipSentence(inverseRelationship(e.relationship), e.to, e.from) : title);
      return { from: e.from, to: e.to, kind: e.kind, directed: e.directed, cycle: !!e.inCycle, points: layout.edges[i].points, title };
    });
    const nodes: ViewNode[] = g.nodes.map((n, i) => {
      const p = layout.nodes[i];
      const status = n.status?.display ?? n.status?.key ?? '';
      const about = (sentences.get(n.key) ?? []).map((t) => (t.startsWith(`${n.key} `) ? t.slice(n.key.length + 1) : t));
      const shown = about.slice(0, 6);
      const more = about.length - shown.length;
      if (more) shown.push(byCount(more, vscode.l10n.t('{0} more link', more), vscode.l10n.t('{0} more links', more)));
      const label = [n.key, status, ...shown].filter(Boolean).join(', ');
      const error = n.error ? describeError(n.error) : undefined;
      const title = [`${n.key}: ${n.summary}`, status, n.assignee ? assigneeText(n.assignee) : '', error ?? ''].filter(Boolean).join('\n');
      return {
        key: n.key,
        summary: shorten(n.summary, 30),
        status: shorten(status, 18),
        category: n.category,
        assignee: n.assignee,
        x: p.x,
        y: p.y,
        w: p.width,
        h: p.height,
        root: n.key === g.root,
        current: n.key === current,
        more: n.more,
        error,
        label,
        title,
      };
    });
    const notes: Array<{ text: string; error: boolean }> = g.cycles.map((c) => ({ text: vscode.l10n.t('Dependency cycle: {0}', formatCycle(c)), error: true }));
    if (g.truncated) notes.push({ text: vscode.l10n.t('Only the first {0} issues are shown.', g.nodes.length), error: false });
    if (g.unreachable.length) notes.push({ text: vscode.l10n.t('Links of {0} could not be read.', g.unreachable.join(', ')), error: false });
    await this.post({ type: 'graph', root: g.root, depth: g.depth, kinds: g.kinds, nodes, edges, width: layout.width, height: layout.height, notes, keepView });
  }

  mermaid(block = false): string {
    if (!this.graph) return '';
    return block ? toMermaidBlock(this.graph, { words: edgeWords() }) : toMermaid(this.graph, { words: edgeWords() });
  }

  dot(): string {
    return this.graph ? toDot(this.graph, { words: edgeWords() }) : '';
  }

  /** Handles one message from the webview; anything that fails the check is ignored (and logged). */
  async onMessage(raw: unknown): Promise<void> {
    const shown = new Set(this.graph?.nodes.map((n) => n.key) ?? []);
    const m = parseMessage(raw, shown);
    if (!m) {
      this.s.log.warn(`Link graph: ignored a message from the webview (${typeof raw === 'object' && raw ? String((raw as { type?: unknown }).type).slice(0, 40) : typeof raw}).`);
      return;
    }
    switch (m.type) {
      case 'ready':
        await this.post({ type: 'words', words: words() });
        if (this.graph) await this.draw();
        return;
      case 'painted':
        this.hooks.onDidPaint({ key: this.key, nodes: m.nodes });
        return;
      case 'select':
        this.selected = m.key;
        return;
      case 'makeCurrent':
        this.selected = m.key;
        await this.s.current.pin(m.key);
        return;
      case 'open':
        await vscode.env.openExternal(vscode.Uri.parse(this.s.settings.issueUrl(m.key)));
        return;
      case 'showLinks':
        await vscode.commands.executeCommand('tracker.showLinks', m.key);
        return;
      case 'graphAround':
        await this.hooks.showGraph(m.key);
        return;
      case 'copyKey':
        await copyWithNote(m.key);
        return;
      case 'depth':
        this.depth = m.depth;
        await this.load();
        return;
      case 'kinds':
        this.kinds = m.kinds;
        await this.load();
        return;
      case 'refresh':
        await this.load({ fresh: true });
        return;
      case 'export':
        await this.hooks.exportGraph(this, m.format);
        return;
    }
  }

  private async post(m: FromHost): Promise<void> {
    if (!this.disposed) await this.panel.webview.postMessage(m);
  }

  private html(): string {
    const w = this.panel.webview;
    const nonce = randomBytes(16).toString('hex');
    const script = w.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'graphView.js'));
    const lang = vscode.env.language.replace(/[^A-Za-z-]/g, '');
    return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style nonce="${nonce}">${CSS}</style>
</head>
<body>
<div id="toolbar" role="toolbar"></div>
<div id="notes" role="status" aria-live="polite"></div>
<svg id="canvas" role="group" focusable="false"></svg>
<div id="menu" role="menu" hidden></div>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.loading?.abort();
    for (const d of this.subs) d.dispose();
    this.panel.dispose();
    this.hooks.onDidDispose(this);
  }
}

// Colours only from VS Code's theme variables, so light, dark and high-contrast themes all read.
const CSS = `
html, body { height: 100%; }
body { margin: 0; padding: 0; overflow: hidden; display: flex; flex-direction: column; color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); }
#toolbar { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; padding: 6px 10px; border-bottom: 1px solid var(--vscode-panel-border, transparent); }
#toolbar label { display: flex; gap: 4px; align-items: center; }
#toolbar .sep { width: 1px; align-self: stretch; background: var(--vscode-panel-border, transparent); margin: 0 4px; }
button { font: inherit; background: var(--vscode-button-secondaryBackground); color: var(--vscode-button-secondaryForeground); border: 1px solid var(--vscode-button-border, transparent); border-radius: 2px; padding: 2px 8px; cursor: pointer; }
button:hover { background: var(--vscode-button-secondaryHoverBackground); }
select { font: inherit; background: var(--vscode-dropdown-background); color: var(--vscode-dropdown-foreground); border: 1px solid var(--vscode-dropdown-border, transparent); padding: 1px 4px; }
:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 1px; }
#notes { padding: 0 10px; }
#notes:empty { display: none; }
#notes p { margin: 4px 0; }
#notes p.error { color: var(--vscode-errorForeground); font-weight: 600; }
#canvas { flex: 1; width: 100%; min-height: 0; cursor: grab; user-select: none; }
#canvas.panning { cursor: grabbing; }
.node { cursor: pointer; }
.node:focus { outline: none; }
.node .box { fill: var(--vscode-editorWidget-background); stroke: var(--vscode-editorWidget-border, var(--vscode-contrastBorder, currentColor)); stroke-width: 1; }
.node.root .box { stroke: var(--vscode-focusBorder); stroke-width: 3; }
.node.selected .box { fill: var(--vscode-list-inactiveSelectionBackground, var(--vscode-editorWidget-background)); }
.node:focus .box { stroke: var(--vscode-focusBorder); stroke-width: 2; }
.node.root:focus .box { stroke-width: 3; }
.node.failed .box { stroke: var(--vscode-errorForeground); stroke-dasharray: 4 3; }
.node text { fill: var(--vscode-foreground); font-size: 12px; }
.node text.key { font-weight: 600; }
.node text.status, .node text.summary { fill: var(--vscode-descriptionForeground); font-size: 11px; }
.node .stripe { fill: var(--vscode-disabledForeground, currentColor); }
.cat-new .stripe { fill: var(--vscode-charts-blue); }
.cat-inProgress .stripe { fill: var(--vscode-charts-yellow); }
.cat-paused .stripe { fill: var(--vscode-charts-orange); }
.cat-done .stripe { fill: var(--vscode-charts-green); }
.node .current { fill: var(--vscode-charts-blue); }
.node .more { fill: var(--vscode-editor-background); stroke: var(--vscode-descriptionForeground); }
.node text.moreText { fill: var(--vscode-descriptionForeground); font-size: 12px; font-weight: 600; }
.edge path { fill: none; stroke: var(--vscode-descriptionForeground); stroke-width: 1.4; }
.edge.parent path, .edge.epic path { stroke: var(--vscode-charts-purple); }
.edge.epic path { stroke-width: 2; }
.edge.relates path { stroke-dasharray: 6 4; }
.edge.duplicates path { stroke-width: 2.6; stroke: var(--vscode-charts-orange); }
.edge.clone path { stroke-dasharray: 1 4; stroke-linecap: round; stroke-width: 2; }
.edge.cycle path { stroke: var(--vscode-errorForeground); stroke-width: 2.4; }
marker path { stroke: none; }
#arrow path { fill: var(--vscode-descriptionForeground); }
#arrow-h path { fill: var(--vscode-charts-purple); }
#arrow-d path { fill: var(--vscode-charts-orange); }
#arrow-e path { fill: var(--vscode-errorForeground); }
#menu { position: fixed; z-index: 10; min-width: 180px; padding: 4px 0; background: var(--vscode-menu-background, var(--vscode-editorWidget-background)); color: var(--vscode-menu-foreground, var(--vscode-foreground)); border: 1px solid var(--vscode-menu-border, var(--vscode-widget-border, transparent)); box-shadow: 0 2px 8px var(--vscode-widget-shadow, transparent); }
#menu button { display: block; width: 100%; text-align: left; border: none; background: none; color: inherit; padding: 4px 14px; }
#menu button:hover, #menu button:focus { background: var(--vscode-menu-selectionBackground, var(--vscode-list-activeSelectionBackground)); color: var(--vscode-menu-selectionForeground, var(--vscode-list-activeSelectionForeground)); outline: none; }
`;
