// Tracker: Show Link Graph — a webview panel per issue with the dependency
// chain and hierarchy around it — and the exports of the graph shown: Copy as
// Mermaid, Copy as DOT, Insert as Mermaid (into a Markdown editor).

import * as vscode from 'vscode';
import { clampDepth } from '../graph';
import { keyOfArgument } from '../keys/keys';
import { askForIssue } from '../kernel/issuePicker';
import { copyWithNote } from '../kernel/clipboard';
import type { Services } from '../kernel/services';
import { GraphPanel, type PaintEvent } from './panel';

export interface GraphViews {
  /** The open panels by issue key. */
  readonly panels: ReadonlyMap<string, GraphPanel>;
  /** The panel the export commands act on: the one focused last. */
  readonly active: GraphPanel | undefined;
  /** A panel's webview painted a graph (tests and the benchmark wait for it). */
  readonly onDidPaint: vscode.Event<PaintEvent>;
}

export function registerGraphView(context: vscode.ExtensionContext, s: Services): GraphViews {
  const panels = new Map<string, GraphPanel>();
  let active: GraphPanel | undefined;
  const painted = new vscode.EventEmitter<PaintEvent>();
  const setContext = () => void vscode.commands.executeCommand('setContext', 'tracker.hasLinkGraph', panels.size > 0);

  const exportGraph = async (p: GraphPanel | undefined, format: 'mermaid' | 'dot' | 'insertMermaid'): Promise<void> => {
    if (!p?.graph) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a link graph first (Tracker: Show Link Graph).'));
      return;
    }
    if (format === 'insertMermaid') {
      const target = await markdownTarget();
      if (!target) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Open a Markdown file to insert the graph into.'));
        return;
      }
      const { editor, at } = target;
      const line = editor.document.lineAt(at.line);
      // A fenced block needs a line of its own.
      const before = at.character > 0 && line.text.trim() ? '\n\n' : '';
      await editor.edit((e) => e.insert(at, `${before}${p.mermaid(true)}`));
      await vscode.window.showTextDocument(editor.document, editor.viewColumn);
      return;
    }
    await (format === 'dot'
      ? copyWithNote(p.dot(), vscode.l10n.t('Copied the graph of {0} as DOT', p.key))
      : copyWithNote(p.mermaid(), vscode.l10n.t('Copied the graph of {0} as Mermaid', p.key)));
  };

  // The cursor of the Markdown editor used last: the graph panel usually covers it when an insert is asked for.
  let lastMarkdown: { uri: vscode.Uri; at: vscode.Position } | undefined;
  const remember = (e: vscode.TextEditor | undefined) => {
    if (e?.document.languageId === 'markdown') lastMarkdown = { uri: e.document.uri, at: e.selection.active };
  };
  remember(vscode.window.activeTextEditor);
  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor(remember),
    vscode.window.onDidChangeTextEditorSelection((e) => remember(e.textEditor)),
  );
  const markdownTarget = async (): Promise<{ editor: vscode.TextEditor; at: vscode.Position } | undefined> => {
    const active = vscode.window.activeTextEditor;
    if (active?.document.languageId === 'markdown') return { editor: active, at: active.selection.active };
    const last = lastMarkdown;
    if (last) {
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === last.uri.toString() && !d.isClosed);
      if (doc) {
        const editor = vscode.window.visibleTextEditors.find((e) => e.document === doc) ?? (await vscode.window.showTextDocument(doc, { preview: false }));
        return { editor, at: doc.validatePosition(last.at) };
      }
    }
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.languageId === 'markdown');
    return visible ? { editor: visible, at: visible.selection.active } : undefined;
  };

  const show = async (key: string, depth?: number): Promise<void> => {
    const k = key.toUpperCase();
    let p = panels.get(k);
    if (p) {
      p.reveal();
      active = p;
      if (depth !== undefined && depth !== p.depth) {
        p.depth = depth;
        await p.load();
      }
      return;
    }
    p = new GraphPanel(s, context.extensionUri, k, {
      onDidDispose: (gone) => {
        if (panels.get(gone.key) === gone) panels.delete(gone.key);
        if (active === gone) active = [...panels.values()].pop();
        setContext();
      },
      onDidFocus: (focused) => (active = focused),
      onDidPaint: (e) => painted.fire(e),
      exportGraph,
      showGraph: (other) => show(other),
    });
    if (depth !== undefined) p.depth = depth;
    panels.set(k, p);
    active = p;
    setContext();
    await p.load();
  };

  context.subscriptions.push(
    painted,
    { dispose: () => [...panels.values()].forEach((p) => p.dispose()) },
    vscode.commands.registerCommand('tracker.showLinkGraph', async (arg?: unknown) => {
      // A row or hover names its issue; the palette and the view's title take the current issue, or ask.
      const key = (keyOfArgument(arg) ?? s.current.current?.key) || (await askForIssue(s, { id: 'graph.show', title: vscode.l10n.t('Show Link Graph') }));
      if (!key) return;
      const depth = (arg as { depth?: unknown } | undefined)?.depth;
      await show(key, typeof depth === 'number' ? clampDepth(depth) : undefined);
    }),
    vscode.commands.registerCommand('tracker.graph.copyMermaid', () => exportGraph(active, 'mermaid')),
    vscode.commands.registerCommand('tracker.graph.copyDot', () => exportGraph(active, 'dot')),
    vscode.commands.registerCommand('tracker.graph.insertMermaid', () => exportGraph(active, 'insertMermaid')),
  );
  return {
    panels,
    get active() {
      return active;
    },
    onDidPaint: painted.event,
  };
}
