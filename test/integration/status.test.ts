import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TrackerTestApi } from '../../src/extension';
import type { GroupNode, LinkedNode } from '../../src/views/linksTree';
import { labelOf, linksTreeReader, setUserSettings, signInToSandbox, signOut, useSandboxSuite, waitFor, type MessageCapture, type SandboxServer } from './helpers';

/** A tooltip's text as a reader sees it (appendText escapes Markdown and spaces). */
const text = (md: string | vscode.MarkdownString | undefined): string =>
  (typeof md === 'string' ? md : (md?.value ?? '')).replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1');

describe('Status awareness (sandbox): status bar, group counts, deadlines', () => {
  let sb: SandboxServer;
  let t: TrackerTestApi;
  let messages: MessageCapture;
  const { tree, children, item, root } = linksTreeReader(() => t);

  useSandboxSuite({ settings: { refreshOnFocusAfterSeconds: undefined, webUrl: 'https://tracker.example.test' }, view: 'explorer', unpinEachTest: true, bind: (s) => ({ t, sb, messages } = s) });

  /** Pins `key` and waits until the status bar has drawn what it learns from the links. */
  async function pinAndWaitForBar(key: string, done: (s: NonNullable<TrackerTestApi['statusBar']['state']>) => boolean) {
    await t.services.current.pin(key);
    return waitFor(() => {
      const s = t.statusBar.state;
      return s && s.key === key && s.blockers !== undefined && done(s) ? s : undefined;
    }, 10000, `the status bar of ${key}`);
  }

  async function group(id: string): Promise<GroupNode> {
    const g = (await children(await root())).find((n) => n.kind === 'group' && n.info.id === id);
    assert.ok(g && g.kind === 'group', `no group ${id}`);
    return g;
  }

  it('the status bar says "TREK-12 · blocked by 1" from its links, lists the blocker with status, assignee and a link, and flags the deadline', async () => {
    await pinAndWaitForBar('TREK-12', (x) => !!x.conflicts);
    // Counted from a clean store: what one drawing of the item costs.
    sb.requests.splice(0);
    t.services.store.invalidate();
    t.statusBar.render();
    const s = await waitFor(() => t.statusBar.state?.conflicts && t.statusBar.state, 10000, 'drawn again');
    const bar = t.statusBar;
    assert.strictEqual(bar.item.text, '$(circle-slash) TREK-12 · blocked by 1', 'TREK-11 is resolved, TREK-14 in progress');
    assert.deepStrictEqual(s.blockers?.map((b) => b.object.key), ['TREK-14']);
    const tip = text(bar.item.tooltip);
    assert.match(tip, /Open blockers \(1\):/);
    assert.match(tip, /\[TREK-14\]\(https:\/\/tracker\.example\.test\/TREK-14\) Client: retry on 429 with Retry-After · In progress · Chen Wei/);
    assert.doesNotMatch(tip, /TREK-11/, 'a done blocker is not listed');
    assert.match(tip, /Deadline conflict: TREK-12 is due 2026-11-20, before its blocker TREK-14 \(due 2026-12-10\)\./);
    // The issue and its links (the view reads the same ones), one search for the blocker's deadline; the
    // status list was read once on this connection already.
    assert.deepStrictEqual(sb.requests.map((r) => `${r.method} ${r.path}`).sort(), ['GET /v2/issues/TREK-12', 'GET /v2/issues/TREK-12/links', 'POST /v2/issues/_search']);
    // Its blockers' and dependents' fields together, so the links view finds every deadline it shows in the store.
    assert.deepStrictEqual((sb.requests.find((r) => r.method === 'POST')?.body as { keys: string[] }).keys.sort(), ['MOB-4', 'TREK-11', 'TREK-14', 'TREK-19', 'TREK-20']);
  });

  it('an issue without open blockers shows its key and summary; drawing it again asks nothing', async () => {
    await pinAndWaitForBar('TREK-10', () => true);
    const bar = t.statusBar;
    assert.strictEqual(bar.item.text, '$(issues) TREK-10 Links panel for the current issue');
    sb.requests.splice(0);
    const drawn = new Promise((resolve) => bar.onDidRender(resolve));
    bar.render();
    await drawn;
    await new Promise((r) => setTimeout(r, 200));
    assert.deepStrictEqual(sb.requests.map((r) => `${r.method} ${r.path}`), [], 'the issue, its links and the status list come from memory');
  });

  it('the blocker becomes done: a refresh clears the mark, with one quiet notification', async function () {
    await pinAndWaitForBar('TREK-12', (x) => x.blockers?.length === 1);
    sb.data.issues.find((i) => i.key === 'TREK-14')!.status = 'closed';
    await t.services.store.reload('TREK-12');
    const bar = t.statusBar;
    await waitFor(() => bar.item.text === '$(issues) TREK-12 Show linked issues in the sidebar tree', 5000, 'the mark to clear');
    if (vscode.window.state.focused) {
      const m = await messages.wait(/TREK-14 is done/);
      assert.strictEqual(m.text, 'TREK-14 is done — TREK-12 has no open blockers left');
      assert.strictEqual(m.kind, 'info');
    } else {
      assert.deepStrictEqual(messages.messages, [], 'nobody is looking: no notification');
    }
    // A second refresh with nothing new says nothing more.
    const shown = messages.messages.length;
    await t.services.store.reload('TREK-12');
    assert.strictEqual(messages.messages.length, shown);
  });

  it('the links view counts what matters: blockers open, sub-issues and epic issues done', async () => {
    await pinAndWaitForBar('TREK-12', (x) => !!x.conflicts);
    sb.requests.splice(0);
    await vscode.commands.executeCommand('tracker.links.focus');
    try {
      await waitFor(async () => (await root()).key === 'TREK-12', 10000, 'TREK-12 at the root');
      const blocked = item(await group('blockedBy'));
      // Counts, marks and deadlines from what the status bar already read: opening the view asked nothing.
      assert.ok(String(item((await children(await group('blocks')))[0] as LinkedNode).description).length > 0);
      assert.deepStrictEqual(sb.requests.map((r) => `${r.method} ${r.path}`), []);
      assert.deepStrictEqual([labelOf(blocked), blocked.description], ['Blocked by', '2 (1 open)']);
      const subs = item(await group('subIssues'));
      assert.deepStrictEqual([labelOf(subs), subs.description], ['Sub-issues', '0/3 done']);
      sb.data.issues.find((i) => i.key === 'TREK-17')!.status = 'accepted'; // done only by the server's status list
      await vscode.commands.executeCommand('tracker.refreshLinks');
      await waitFor(async () => item(await group('subIssues')).description === '1/3 done', 10000, 'one sub-issue done');

      // Open blockers are marked on their rows; done ones step back (summary in the dimmed description).
      const rows = (await children(await group('blockedBy'))) as LinkedNode[];
      const [b14, b11] = rows.map((n) => item(n));
      assert.deepStrictEqual([labelOf(b14!), b14!.description], ['TREK-14 Client: retry on 429 with Retry-After', 'In progress · open blocker · ⚠ deadline conflict']);
      assert.deepStrictEqual([labelOf(b11!), b11!.description], ['TREK-11', 'Fetch link types and cache them per session · Resolved']);
      const tip = text((tree().resolveTreeItem(b14!, rows[0]!) as vscode.TreeItem).tooltip);
      assert.match(tip, /Deadline conflict: TREK-12 is due 2026-11-20, before its blocker TREK-14 \(due 2026-12-10\)\./);

      // The other side: TREK-19 depends on TREK-12 and is due before it.
      const deps = (await children(await group('blocks'))) as LinkedNode[];
      const flagged = deps.filter((n) => String(item(n).description).includes('deadline conflict')).map((n) => n.key);
      assert.deepStrictEqual(flagged, ['TREK-19']);

      // The epic's own view: issues in epic, done of all.
      await t.services.current.pin('TREK-1');
      await waitFor(async () => (await root()).key === 'TREK-1', 10000, 'TREK-1 at the root');
      const epic = item(await group('epicIssues'));
      assert.deepStrictEqual([labelOf(epic), epic.description], ['Issues in epic', '3/11 done']);
    } finally {
      await vscode.commands.executeCommand('workbench.view.explorer');
    }
  });
});

describe('Status awareness (sandbox): stale keys in comments', () => {
  let sb: SandboxServer;
  let t: TrackerTestApi;
  let dir: string;
  const searches = () => sb.requests.filter((r) => r.method === 'POST' && r.path === '/v2/issues/_search');
  const staleOf = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Tracker');
  const rangeText = (doc: vscode.TextDocument, d: vscode.Diagnostic) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.character} ${doc.getText(d.range)}`;

  useSandboxSuite({
    settings: { 'diagnostics.staleKeys': 'warning', branchDetection: false, queues: undefined },
    unpinEachTest: true,
    tempDir: 'tracker-status-',
    bind: (s) => ({ t, sb, dir } = s),
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setUserSettings({ 'diagnostics.staleKeys': 'warning' });
  });

  async function open(name: string, content: string): Promise<vscode.TextDocument> {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(doc, { preview: false });
    return doc;
  }

  const SOURCE = [
    '// TREK-11 cached the link types; see also TREK-14.',
    'const note = "TREK-21 in a string is not a comment";',
    '/* Duplicate of TREK-21, UTF-8 and NOPE-1 are no keys of ours */',
    'export {};',
    '',
  ].join('\n');

  it('marks done issues mentioned in comments, with the status in the message, at the key; one search for every key', async () => {
    await t.services.current.pin('TREK-12');
    const doc = await open('stale.ts', SOURCE);
    const diags = await waitFor(() => (staleOf(doc.uri).length === 2 ? staleOf(doc.uri) : undefined), 10000, 'two stale keys');
    assert.deepStrictEqual(diags.map((d) => rangeText(doc, d)), ['0:3-10 TREK-11', '2:16-23 TREK-21']);
    assert.deepStrictEqual(diags.map((d) => d.message), [
      'TREK-11 is Resolved — this comment may be out of date',
      'TREK-21 is Closed — this comment may be out of date',
    ]);
    assert.ok(diags.every((d) => d.severity === vscode.DiagnosticSeverity.Warning && d.code === 'staleKey'));
    // Only keys in comments and of known queues were asked for, each once: TREK-14 may come with the
    // status bar's deadline check of TREK-12's blocker, which the diagnostics join instead of asking again.
    const asked = searches().flatMap((r) => (r.body as { keys: string[] }).keys).sort();
    assert.deepStrictEqual(asked, [...new Set(asked)], 'no key asked twice');
    assert.ok(['TREK-11', 'TREK-14', 'TREK-21'].every((k) => asked.includes(k)), asked.join(' '));
    assert.ok(!asked.some((k) => k === 'NOPE-1' || k.startsWith('UTF')), 'only keys of known queues');
    assert.ok(searches().length <= 2);

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, diags[0]!.range);
    const ours = actions.filter((a) => a.kind?.value === 'quickfix' && a.command?.command.startsWith('tracker.'));
    assert.deepStrictEqual(ours.map((a) => [a.title, a.command?.command, a.command?.arguments]), [
      ['Open TREK-11 in Tracker', 'tracker.openInTracker', ['TREK-11']],
      ['Show Links of TREK-11', 'tracker.showLinks', ['TREK-11']],
      ['Link TREK-11 to the Current Issue TREK-12…', 'tracker.linkToCurrent', ['TREK-11']],
    ]);
    // The hover of a marked key needs only the links: the issue came with the search.
    sb.requests.splice(0);
    await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, diags[0]!.range.start);
    assert.deepStrictEqual(sb.requests.map((r) => `${r.method} ${r.path}`), ['GET /v2/issues/TREK-11/links']);
  });

  it('in Markdown, where a key counts anywhere, the message speaks of the text, not of a comment', async () => {
    const doc = await open('notes.md', '# Notes\n\nThe link types are cached since TREK-11.\n');
    const diags = await waitFor(() => (staleOf(doc.uri).length === 1 ? staleOf(doc.uri) : undefined), 10000, 'one stale key');
    assert.deepStrictEqual(diags.map((d) => [rangeText(doc, d), d.message]), [['2:32-39 TREK-11', 'TREK-11 is Resolved — this text may be out of date']]);
  });

  it('re-checks on save, not on keystrokes', async () => {
    const doc = await open('save.ts', SOURCE);
    await waitFor(() => staleOf(doc.uri).length === 2, 10000, 'two stale keys');
    sb.data.issues.find((i) => i.key === 'TREK-14')!.status = 'closed';
    t.services.store.invalidate();
    sb.requests.splice(0);
    const editor = vscode.window.activeTextEditor!;
    await editor.edit((e) => e.insert(new vscode.Position(3, 0), '// typing…\n'));
    await new Promise((r) => setTimeout(r, 800));
    assert.deepStrictEqual(searches(), [], 'typing asks nothing');
    assert.strictEqual(staleOf(doc.uri).length, 2);
    await doc.save();
    const after = await waitFor(() => (staleOf(doc.uri).length === 3 ? staleOf(doc.uri) : undefined), 10000, 'TREK-14 marked after the save');
    assert.deepStrictEqual(after.map((d) => rangeText(doc, d)), ['0:3-10 TREK-11', '0:43-50 TREK-14', '2:16-23 TREK-21']);
    assert.strictEqual(searches().length, 1);
  });

  it('keys of every document on screen: at most ⌈N/100⌉ searches for N keys', async () => {
    const many = Array.from({ length: 230 }, (_, i) => `// TREK-${1000 + i}`).join('\n');
    await open('many-a.ts', many);
    await vscode.commands.executeCommand('workbench.action.splitEditor');
    const more = Array.from({ length: 40 }, (_, i) => `# TREK-${2000 + i} and TREK-3`).join('\n');
    const b = await open('many-b.py', more);
    await waitFor(() => staleOf(b.uri).length === 40, 15000, 'TREK-3 (resolved) marked on every line');
    // One check of both documents from a clean store: 271 distinct keys, ⌈271/100⌉ = 3 searches.
    sb.requests.splice(0);
    t.services.store.invalidate();
    await t.staleKeys.check();
    const asked = searches().map((r) => (r.body as { keys: string[] }).keys);
    assert.strictEqual(new Set(asked.flat()).size, 271, 'every key of both documents, once');
    assert.strictEqual(asked.flat().length, 271);
    assert.deepStrictEqual(asked.map((k) => k.length).sort((x, y) => y - x), [100, 100, 71]);
    assert.strictEqual(staleOf(b.uri).length, 40);
    // Keys that are no issue are remembered for a while: checking again asks nothing.
    sb.requests.splice(0);
    await t.staleKeys.check();
    assert.deepStrictEqual(searches(), []);
  });

  it('the setting: off removes the marks, hint is faint; signed out: no marks and no request', async () => {
    const doc = await open('levels.ts', SOURCE);
    await waitFor(() => staleOf(doc.uri).length === 2, 10000, 'two stale keys');
    await setUserSettings({ 'diagnostics.staleKeys': 'hint' });
    await waitFor(() => staleOf(doc.uri).every((d) => d.severity === vscode.DiagnosticSeverity.Hint) && staleOf(doc.uri).length === 2, 10000, 'hints');
    await setUserSettings({ 'diagnostics.staleKeys': 'off' });
    await waitFor(() => staleOf(doc.uri).length === 0, 10000, 'no marks');
    await setUserSettings({ 'diagnostics.staleKeys': 'warning' });
    await waitFor(() => staleOf(doc.uri).length === 2, 10000, 'marks again');

    await signOut();
    try {
      sb.requests.splice(0);
      await t.staleKeys.check();
      assert.deepStrictEqual(staleOf(doc.uri), []);
      await vscode.commands.executeCommand('workbench.action.files.save');
      await new Promise((r) => setTimeout(r, 800));
      assert.deepStrictEqual(sb.requests, [], 'nothing is asked while signed out');
    } finally {
      assert.ok(await signInToSandbox(sb));
    }
  });
});
