// The link graph panel in the real extension host against the sandbox: the
// panel opens for an issue and its webview paints (the script ran under the
// panel's Content-Security-Policy), the message protocol (a node made
// current; messages that fail the check change nothing), request counts
// from the sandbox's log, and the exports (clipboard, Markdown insertion).
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { TrackerTestApi } from '../../src/extension';
import type { PaintEvent } from '../../src/graphView/panel';
import { useSandboxSuite, waitFor, withTimeout, type SandboxServer } from './helpers';

describe('Link graph panel (sandbox Tracker)', () => {
  let sb: SandboxServer;
  let t: TrackerTestApi;

  useSandboxSuite({ settings: { branchDetection: false }, unpinEachTest: true, view: 'explorer', bind: (s) => ({ t, sb } = s) });

  afterEach(async () => {
    for (const p of [...t.graph.panels.values()]) p.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  /** Resolves when a panel's webview has painted a graph of `key`. */
  const painted = (key: string): Promise<PaintEvent> =>
    withTimeout(
      new Promise<PaintEvent>((resolve) => {
        const d = t.graph.onDidPaint((e) => {
          if (e.key !== key) return;
          d.dispose();
          resolve(e);
        });
      }),
      30000,
      `the graph of ${key} to be painted`,
    );
  const lists = () => sb.requests.filter((r) => r.method === 'GET' && /\/issues\/[^/]+\/links$/.test(r.path)).map((r) => r.path.replace(/^\/v\d\/issues\//, '').replace('/links', ''));
  const apiRequests = () => sb.requests.filter((r) => !r.path.startsWith('/_sandbox'));

  it('opens a panel for an issue and paints its graph; each link list is read once; the same issue reuses the panel', async () => {
    const paint = painted('TREK-12');
    await vscode.commands.executeCommand('tracker.showLinkGraph', 'TREK-12');
    const e = await paint;
    const p = t.graph.panels.get('TREK-12');
    assert.ok(p, 'a panel for TREK-12');
    assert.strictEqual(p.panel.title, 'Graph: TREK-12');
    assert.strictEqual(p.panel.viewType, 'tracker.linkGraph');
    // Depth 2 over all links by default: the issue, its 14 neighbours and theirs.
    assert.strictEqual(p.depth, 2);
    assert.strictEqual(e.nodes, p.graph?.nodes.length);
    assert.ok(e.nodes > 20, `${e.nodes} nodes`);
    // The links and each neighbour's, once each: 15 lists.
    const read = lists();
    assert.strictEqual(read.length, 15, read.join(' '));
    assert.strictEqual(new Set(read).size, read.length, 'no list read twice');
    assert.ok(p.panel.webview.html.includes("script-src 'nonce-"), 'a strict CSP with a nonce');
    // Nothing but the bundled script is loaded, and the policy allows no other source.
    const csp = /content="(default-src 'none';[^"]*)"/.exec(p.panel.webview.html)?.[1] ?? '';
    assert.ok(csp && !/https?:|\*|unsafe/.test(csp), csp);
    const sources = [...p.panel.webview.html.matchAll(/(?:src|href)="([^"]*)"/g)].map((m) => m[1]);
    assert.strictEqual(sources.length, 1, sources.join(' '));
    assert.ok(sources[0].endsWith('/dist/graphView.js'), sources[0]);

    const before = apiRequests().length;
    await vscode.commands.executeCommand('tracker.showLinkGraph', 'trek-12');
    assert.strictEqual(t.graph.panels.size, 1, 'the panel is reused');
    assert.strictEqual(apiRequests().length, before, 'showing it again asks for nothing');
  });

  it('a node message makes the issue current; messages that fail the check are ignored', async () => {
    const paint = painted('TREK-12');
    await vscode.commands.executeCommand('tracker.showLinkGraph', 'TREK-12');
    await paint;
    const p = t.graph.panels.get('TREK-12');
    assert.ok(p);
    const before = apiRequests().length;
    for (const bad of [
      { type: 'makeCurrent', key: 'OPS-4' }, // not in the picture
      { type: 'makeCurrent', key: 'TREK-14; rm -rf /' },
      { type: 'open', key: 'javascript:alert(1)' },
      { type: 'depth', depth: 9 },
      { type: 'depth', depth: '3' },
      { type: 'kinds', kinds: 'everything' },
      { type: 'export', format: 'svg' },
      { type: 'runCommand', command: 'workbench.action.terminal.new' },
      'makeCurrent',
      null,
    ]) {
      await p.onMessage(bad);
    }
    assert.strictEqual(t.services.current.current, undefined, 'no issue became current');
    assert.strictEqual(p.depth, 2);
    assert.strictEqual(p.kinds, 'all');
    assert.strictEqual(apiRequests().length, before, 'nothing was asked');

    await p.onMessage({ type: 'makeCurrent', key: 'TREK-14' });
    await waitFor(() => t.services.current.current?.key === 'TREK-14', 5000, 'TREK-14 to become current');
  });

  it('one level deeper reads only the new level; dependencies only follow dependencies', async () => {
    let paint = painted('TREK-12');
    await vscode.commands.executeCommand('tracker.showLinkGraph', 'TREK-12');
    await paint;
    const p = t.graph.panels.get('TREK-12');
    assert.ok(p);
    const first = new Set(lists());
    const known = new Set(p.graph?.nodes.filter((n) => n.depth === 2).map((n) => n.key));
    sb.requests.splice(0);
    paint = painted('TREK-12');
    await p.onMessage({ type: 'depth', depth: 3 });
    await paint;
    const read = lists();
    assert.ok(read.length > 0);
    assert.ok(read.every((k) => known.has(k) && !first.has(k)), `only the new level: ${read.join(' ')}`);

    sb.requests.splice(0);
    paint = painted('TREK-12');
    await p.onMessage({ type: 'kinds', kinds: 'dependencies' });
    await paint;
    assert.deepStrictEqual(lists(), [], 'every list is in the store already');
    assert.deepStrictEqual(p.graph?.nodes.map((n) => n.key), ['TREK-12', 'MOB-4', 'TREK-11', 'TREK-14', 'TREK-19', 'TREK-20', 'TREK-15']);
  });

  it('Copy as Mermaid, Copy as DOT, Insert as Mermaid at the cursor of a Markdown editor', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: '# Plan\n\nThe chain:\n' });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(3, 0, 3, 0);
    const paint = painted('TREK-12');
    await vscode.commands.executeCommand('tracker.showLinkGraph', 'TREK-12');
    await paint;
    const p = t.graph.panels.get('TREK-12');
    assert.ok(p);
    const deps = painted('TREK-12');
    await p.onMessage({ type: 'kinds', kinds: 'dependencies' });
    await deps;

    await vscode.env.clipboard.writeText('nothing');
    await vscode.commands.executeCommand('tracker.graph.copyMermaid');
    const mermaid = await vscode.env.clipboard.readText();
    assert.match(mermaid, /^flowchart LR\n/);
    assert.ok(mermaid.includes('  TREK_14 -->|blocks| TREK_12\n'), mermaid);
    assert.ok(mermaid.includes('  TREK_12["TREK-12: Show linked issues in the sidebar tree"]\n'), mermaid);

    await vscode.commands.executeCommand('tracker.graph.copyDot');
    const dot = await vscode.env.clipboard.readText();
    assert.match(dot, /^digraph "TREK-12" \{\n  rankdir=LR;/);
    assert.ok(dot.includes('  "TREK-14" -> "TREK-12" [label="blocks"];\n'), dot);

    await vscode.commands.executeCommand('tracker.graph.insertMermaid');
    await waitFor(() => doc.getText().includes('```mermaid'), 5000, 'the block to be inserted');
    assert.strictEqual(doc.getText(), `# Plan\n\nThe chain:\n\`\`\`mermaid\n${mermaid}\`\`\`\n`);
  });

  it('from the palette it takes the current issue; a refresh reads every list again', async () => {
    await t.services.current.pin('TREK-15');
    let paint = painted('TREK-15');
    await vscode.commands.executeCommand('tracker.showLinkGraph');
    await paint;
    const p = t.graph.panels.get('TREK-15');
    assert.ok(p, 'a panel for the current issue');
    const explored = p.graph?.nodes.filter((n) => n.explored).length ?? 0;
    sb.requests.splice(0);
    paint = painted('TREK-15');
    await p.onMessage({ type: 'refresh' });
    await paint;
    assert.strictEqual(lists().length, explored, 'a refresh asks for each explored list once');
  });
});
