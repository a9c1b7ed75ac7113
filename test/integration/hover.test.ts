// Hover cards and Ctrl-click links on issue keys, in real editors of several
// languages, against the sandbox Tracker: content, the trusted-command
// allowlist, request counts, errors without popups, and every hover action
// run end to end from the command link in the card.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TrackerTestApi } from '../../src/extension';
import { HOVER_COMMANDS } from '../../src/editor/markdown';
import {
  answerPick,
  nextInput,
  pressEscape,
  setUserSettings,
  signOut,
  useSandboxSuite,
  waitFor,
  withTimeout,
  type MessageCapture,
  type SandboxServer,
} from './helpers';

interface Action {
  title: string;
  command: string;
  args: unknown[];
}

/** Our cards among all hovers at the position (other providers may add theirs). */
async function hoverAt(doc: vscode.TextDocument, pos: vscode.Position): Promise<vscode.MarkdownString[]> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos);
  return hovers
    .flatMap((h) => h.contents)
    .filter((c): c is vscode.MarkdownString => typeof c === 'object' && 'value' in c && /^\*\*\[?[A-Z]+\\-\d+/.test(c.value));
}

/** The one card at the position; fails when there is none or more than one. */
async function cardAt(doc: vscode.TextDocument, pos: vscode.Position): Promise<vscode.MarkdownString> {
  const cards = await hoverAt(doc, pos);
  assert.strictEqual(cards.length, 1, `expected one Tracker hover at ${pos.line}:${pos.character}, got ${cards.length}`);
  return cards[0];
}

/** Position inside the n-th occurrence of `needle` (1 character in, so on the key). */
function posOf(doc: vscode.TextDocument, needle: string, nth = 1, delta = 1): vscode.Position {
  const text = doc.getText();
  let at = -1;
  for (let i = 0; i < nth; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `"${needle}" #${nth} is not in the document`);
  }
  return doc.positionAt(at + delta);
}

/** The command links of a card, as a click would run them. */
function actionsOf(md: vscode.MarkdownString): Action[] {
  return [...md.value.matchAll(/\[([^\]]+)\]\(command:([\w.]+)\?([^)\s]*)\)/g)].map((m) => ({
    title: m[1],
    command: m[2],
    args: JSON.parse(decodeURIComponent(m[3])) as unknown[],
  }));
}

function action(md: vscode.MarkdownString, command: string): Action {
  const a = actionsOf(md).find((x) => x.command === command);
  assert.ok(a, `the card offers no ${command}: ${md.value}`);
  return a;
}

const run = (a: Action) => vscode.commands.executeCommand(a.command, ...a.args);

async function openUntitled(language: string, content: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument({ language, content });
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

describe('Hover and Ctrl-click on issue keys', function () {
  this.timeout(60000);
  let sb: SandboxServer;
  let t: TrackerTestApi;
  let dir: string;
  let ts: vscode.TextDocument;
  let messages: MessageCapture;

  const TS = [
    '// TREK-12: show linked issues (see WEB-7)',
    'const s = "TREK-12 in a string";',
    '/* block comment: TREK-14 */',
    'const x = TREK - 15; // ABC-1 has an unknown queue; TREK-999 does not exist',
    '// TREK-16 fails on the server; TREK-15 gets linked',
    '',
  ].join('\n');

  const issueGets = (key: string) => sb.requests.filter((r) => r.method === 'GET' && r.path.endsWith(`/issues/${key}`)).length;
  const linkGets = (key: string) => sb.requests.filter((r) => r.method === 'GET' && r.path.endsWith(`/issues/${key}/links`)).length;
  const errorPopups = () => messages.messages.filter((m) => m.kind === 'error');

  // The workspace branch names TREK-12: keep the current issue under the tests' control.
  useSandboxSuite({ settings: { branchDetection: false, 'hover.scope': undefined, 'documentLinks.target': undefined, queues: undefined, 'diagnostics.staleKeys': 'off' }, tempDir: 'tracker-hover-', bind: (s) => ({ t, sb, messages, dir } = s) });

  before(async () => {
    await t.services.current.unpin();
    const known = await t.services.queues.get();
    assert.ok(known?.has('TREK'), 'the known queues were learned from the sandbox');
    const file = path.join(dir, 'graph.ts');
    fs.writeFileSync(file, TS);
    ts = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(ts, { preview: false });
  });

  afterEach(() => setUserSettings({ 'hover.scope': undefined, 'documentLinks.target': undefined }));

  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('a key in a TypeScript comment shows the card: summary, status, type, assignee, grouped links, actions', async () => {
    const md = await cardAt(ts, posOf(ts, 'TREK-12'));
    assert.match(md.value, /^\*\*\[TREK\\-12\]\(https?:\/\/[^)]+\/TREK-12\)\*\* — Show linked issues in the sidebar tree/);
    assert.ok(md.value.includes(`(${t.services.settings.issueUrl('TREK-12')})`), 'the key links to the issue in Tracker');
    assert.match(md.value, /Status: \*In progress\* · Type: Task · Assignee: Sandbox User/);
    // Groups in tree order, with counts; at most three per group, then "+N more".
    const groups = [...md.value.matchAll(/^- \*\*([^*]+)\*\* \((\d+)\)/gm)].map((m) => `${m[1]} ${m[2]}`);
    assert.deepStrictEqual(groups, ['Parent 1', 'Sub\\-issues 3', 'Epic 1', 'Blocked by 2', 'Blocks 3', 'Duplicated by 1', 'Clones 1', 'Relates 2']);
    assert.match(md.value, /^- \*\*Epic\*\* \(1\): \[TREK\\-1\]\([^)]+\) Tracker Links/m);
    // Every action; no current issue, so no "Link to Current Issue as…".
    assert.deepStrictEqual(
      actionsOf(md).map((a) => [a.title, a.command, a.args]),
      [
        ['Show Links', 'tracker.showLinks', ['TREK-12']],
        ['Show Link Graph', 'tracker.showLinkGraph', ['TREK-12']],
        ['Add Link…', 'tracker.addLink', ['TREK-12']],
        ['Open in Tracker', 'tracker.openInTracker', ['TREK-12']],
        ['Set as Current Issue', 'tracker.setCurrentIssue', ['TREK-12']],
        ['Copy Key', 'tracker.copyKey', ['TREK-12']],
      ],
    );
    assert.deepStrictEqual(md.isTrusted, { enabledCommands: [...HOVER_COMMANDS] });
    assert.ok(!md.supportHtml, 'HTML is off');
  });

  it('the card covers the key range; block comments count; strings, code and unknown queues do not', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', ts.uri, posOf(ts, 'TREK-12', 1, 4));
    const ours = hovers.find((h) => h.contents.some((c) => typeof c === 'object' && 'value' in c && c.value.startsWith('**[TREK\\-12]')));
    assert.ok(ours?.range, 'the hover has a range');
    assert.deepStrictEqual([ours.range.start.line, ours.range.start.character, ours.range.end.character], [0, 3, 10]);
    assert.match((await cardAt(ts, posOf(ts, 'TREK-14'))).value, /Client\\: retry on 429/);
    assert.match((await cardAt(ts, posOf(ts, 'WEB-7'))).value, /Share link rendering/);
    const before = sb.requests.length;
    assert.deepStrictEqual(await hoverAt(ts, posOf(ts, 'TREK-12', 2)), [], 'no card for a key in a string literal');
    assert.deepStrictEqual(await hoverAt(ts, posOf(ts, 'TREK - 15')), [], 'no card in code');
    assert.deepStrictEqual(await hoverAt(ts, posOf(ts, 'ABC-1')), [], 'no card for an unknown queue');
    assert.deepStrictEqual(await hoverAt(ts, posOf(ts, 'show linked')), [], 'no card off the key');
    assert.strictEqual(sb.requests.length, before, 'none of those asked Tracker anything');
  });

  const LANGUAGES: Array<{ language: string; content: string; yes: string[]; no: string[] }> = [
    {
      language: 'python',
      content: '# TREK-12 in a comment\ndef f():\n    """Docstring about TREK-14."""\n    return "TREK-15"\n',
      yes: ['TREK-12', 'TREK-14'],
      no: ['TREK-15'],
    },
    { language: 'go', content: 'package main\n\n// TREK-12 in a comment\nvar s = `TREK-14 in a raw string`\nvar q = "TREK-15"\n', yes: ['TREK-12'], no: ['TREK-14', 'TREK-15'] },
    { language: 'yaml', content: '# TREK-12 in a comment\nkey: "TREK-14"\nplain: TREK-15\n', yes: ['TREK-12'], no: ['TREK-14', 'TREK-15'] },
    { language: 'markdown', content: '# Notes\n\nWork on TREK-12 today, then `TREK-14`.\n', yes: ['TREK-12', 'TREK-14'], no: [] },
    { language: 'plaintext', content: 'TREK-12 and WEB-7\n', yes: ['TREK-12', 'WEB-7'], no: [] },
  ];
  for (const l of LANGUAGES) {
    it(`${l.language}: cards on keys in comments/prose (${l.yes.join(', ')}), none on ${l.no.join(', ') || 'non-keys'}`, async () => {
      const doc = await openUntitled(l.language, l.content);
      for (const key of l.yes) assert.match((await cardAt(doc, posOf(doc, key))).value, new RegExp(`^\\*\\*\\[${key.replace('-', '\\\\\\-')}\\]`), key);
      for (const key of l.no) assert.deepStrictEqual(await hoverAt(doc, posOf(doc, key)), [], key);
      assert.deepStrictEqual(await hoverAt(doc, new vscode.Position(0, 0)).then((c) => c.filter((m) => !m.value.includes('[TREK\\-12]'))), []);
    });
  }

  it('a big group lists three issues and "+N more"', async () => {
    const doc = await openUntitled('plaintext', 'Epic TREK-1\n');
    const md = await cardAt(doc, posOf(doc, 'TREK-1'));
    const line = md.value.split('\n').find((l) => l.startsWith('- **Issues in epic** ('));
    assert.ok(line, md.value);
    const count = Number(/\((\d+)\)/.exec(line)?.[1]);
    assert.ok(count > 3, line);
    assert.strictEqual([...line.matchAll(/\[[A-Z]+\\-\d+\]/g)].length, 3);
    assert.ok(line.endsWith(` · \\+${count - 3} more`), line);
  });

  it('hovering the same key again makes no request', async () => {
    await cardAt(ts, posOf(ts, 'TREK-12'));
    assert.deepStrictEqual([issueGets('TREK-12'), linkGets('TREK-12')], [1, 1]);
    const n = sb.requests.length;
    await cardAt(ts, posOf(ts, 'TREK-12', 1, 5));
    await cardAt(ts, posOf(ts, 'TREK-12'));
    assert.strictEqual(sb.requests.length, n, 'the second and third hovers asked nothing');
  });

  it('20 concurrent hovers of one key make one GET of the issue and one of its links', async () => {
    sb.setFaults({ latencyMs: 400 });
    const pos = posOf(ts, 'TREK-12');
    const cards = await Promise.all(Array.from({ length: 20 }, () => cardAt(ts, pos)));
    assert.ok(cards.every((c) => c.value.includes('Show linked issues in the sidebar tree')));
    assert.deepStrictEqual([issueGets('TREK-12'), linkGets('TREK-12')], [1, 1]);
  });

  it('closing a card while it loads aborts its wait (the CancellationToken reaches the request)', async () => {
    const cache = t.services.store;
    const signals: AbortSignal[] = [];
    const original = cache.getIssue;
    cache.getIssue = function (this: typeof cache, key, o) {
      if (o?.signal) signals.push(o.signal);
      return original.call(this, key, o);
    };
    try {
      sb.setFaults({ latencyMs: 5000 });
      const editor = await vscode.window.showTextDocument(ts, { preview: false });
      const pos = posOf(ts, 'WEB-7');
      editor.selection = new vscode.Selection(pos, pos);
      await vscode.commands.executeCommand('editor.action.showHover');
      await waitFor(() => signals.length > 0, 5000, 'the hover to ask for WEB-7');
      assert.ok(signals.every((x) => !x.aborted));
      await vscode.commands.executeCommand('editor.action.hideHover');
      await waitFor(() => signals.every((x) => x.aborted), 3000, 'the hover\'s wait to be aborted');
    } finally {
      cache.getIssue = original;
      sb.resetFaults();
    }
  });

  it('a missing key says "not found" in the card, is remembered briefly, and never pops up', async () => {
    const md = await cardAt(ts, posOf(ts, 'TREK-999'));
    assert.strictEqual(md.value, '**TREK\\-999** — not found');
    const n = sb.requests.length;
    await cardAt(ts, posOf(ts, 'TREK-999'));
    assert.strictEqual(sb.requests.length, n);
    assert.deepStrictEqual(errorPopups(), []);
  });

  it('a server error is one line in the card, not a popup', async () => {
    sb.setFaults({ serverError: { count: 50, status: 503 }, match: { path: '/issues/TREK-16' } });
    const md = await cardAt(ts, posOf(ts, 'TREK-16'));
    assert.match(md.value, /^\*\*\[TREK\\-16\]\([^)]+\)\*\* — Tracker is unavailable right now \\\(HTTP 503\\\)/);
    assert.ok(!md.value.includes('\n'), 'one line');
    assert.deepStrictEqual(errorPopups(), []);
  });

  it('Markdown and HTML injected into summaries stay inert text', async () => {
    const evil = '[x](command:workbench.action.terminal.new) <a href="command:workbench.action.terminal.new">y</a> ![i](https://evil.example/i.png)';
    const issue = (key: string) => {
      const i = sb.data.issues.find((x) => x.key === key);
      assert.ok(i, key);
      return i;
    };
    issue('TREK-12').summary = evil;
    issue('TREK-14').summary = `linked ${evil}`;
    const md = await cardAt(ts, posOf(ts, 'TREK-12'));
    assert.deepStrictEqual(md.isTrusted, { enabledCommands: [...HOVER_COMMANDS] });
    assert.ok(!md.supportHtml);
    // The text is there, every special character escaped.
    assert.ok(md.value.includes('\\[x\\]\\(command\\:workbench\\.action\\.terminal\\.new\\)'), md.value);
    assert.ok(!/[^\\]\[x\]\(command:/.test(md.value));
    assert.ok(!/(^|[^\\])[<!]/.test(md.value.replace(/ · /g, '')), 'no unescaped < or !');
    // The only link targets are Tracker URLs and our own commands.
    const targets = [...md.value.matchAll(/(?<!\\)\]\(([^)\s]+)\)/g)].map((m) => m[1]);
    const issueUrlPrefix = t.services.settings.issueUrl('X').slice(0, -1);
    const bad = targets.filter((u) => !u.startsWith(issueUrlPrefix) && !HOVER_COMMANDS.some((c) => u.startsWith(`command:${c}?`)));
    assert.deepStrictEqual(bad, []);
  });

  it('scope "everywhere" also hovers keys in strings; "off" hovers nothing', async () => {
    await setUserSettings({ 'hover.scope': 'everywhere' });
    assert.match((await cardAt(ts, posOf(ts, 'TREK-12', 2))).value, /Show linked issues/);
    await setUserSettings({ 'hover.scope': 'off' });
    const n = sb.requests.length;
    assert.deepStrictEqual(await hoverAt(ts, posOf(ts, 'TREK-12')), []);
    assert.strictEqual(sb.requests.length, n);
  });

  it('Ctrl-click links: comment keys of known queues open the issue in Tracker, without requests', async () => {
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', ts.uri);
    const ours = links.filter((l) => l.tooltip?.includes('in Tracker'));
    const at = (l: vscode.DocumentLink) => ts.getText(l.range);
    assert.deepStrictEqual(ours.map(at), ['TREK-12', 'WEB-7', 'TREK-14', 'TREK-999', 'TREK-16', 'TREK-15']);
    assert.strictEqual(ours[0].target?.toString(true), t.services.settings.issueUrl('TREK-12'));
    assert.strictEqual(ours[0].tooltip, 'Open TREK-12 in Tracker');
    assert.deepStrictEqual(sb.requests.filter((r) => r.path.includes('/issues')), [], 'document links asked nothing about issues');
  });

  it('Ctrl-click links with target "tree" run Show Links, which pins the issue', async () => {
    await setUserSettings({ 'documentLinks.target': 'tree' });
    const doc = await openUntitled('python', '# see TREK-14\nx = "TREK-12"\n');
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', doc.uri);
    assert.strictEqual(links.length, 1);
    const target = links[0].target;
    assert.ok(target);
    assert.strictEqual(target.scheme, 'command');
    assert.strictEqual(target.path, 'tracker.showLinks');
    assert.strictEqual(links[0].tooltip, 'Show the links of TREK-14');
    await vscode.commands.executeCommand(target.path, ...(JSON.parse(target.query) as unknown[]));
    assert.deepStrictEqual(t.services.current.current, { key: 'TREK-14', source: 'pinned' });
    await t.services.current.unpin();
  });

  it('documents over the size cap get no links and no hover', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'typescript', content: `// OPS-4\n${'x'.repeat(2_100_000)}\n` });
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', doc.uri);
    assert.deepStrictEqual(links.filter((l) => l.tooltip?.includes('OPS')), []);
    assert.deepStrictEqual(await hoverAt(doc, new vscode.Position(0, 4)), []);
    assert.strictEqual(issueGets('OPS-4'), 0);
  });

  describe('actions from the card, end to end', () => {
    afterEach(() => t.services.current.unpin());

    it('Show Links pins the issue as current and reveals the links view', async () => {
      await run(action(await cardAt(ts, posOf(ts, 'TREK-12')), 'tracker.showLinks'));
      assert.deepStrictEqual(t.services.current.current, { key: 'TREK-12', source: 'pinned' });
    });

    it('Show Links from the palette (no key) asks for the issue, then pins it', async () => {
      const done = vscode.commands.executeCommand('tracker.showLinks');
      await answerPick('hover.showLinks', 'TREK-15', { value: 'TREK-15' });
      await withTimeout(done, 10000, 'tracker.showLinks');
      assert.deepStrictEqual(t.services.current.current, { key: 'TREK-15', source: 'pinned' });
    });

    it('Set as Current Issue pins it; the card of the current issue then offers neither that nor linking to itself', async () => {
      await run(action(await cardAt(ts, posOf(ts, 'TREK-14')), 'tracker.setCurrentIssue'));
      assert.deepStrictEqual(t.services.current.current, { key: 'TREK-14', source: 'pinned' });
      const commands = actionsOf(await cardAt(ts, posOf(ts, 'TREK-14'))).map((a) => a.command);
      assert.deepStrictEqual(commands, ['tracker.showLinks', 'tracker.showLinkGraph', 'tracker.addLink', 'tracker.openInTracker', 'tracker.copyKey']);
    });

    it('Copy Key puts the key on the clipboard', async () => {
      await vscode.env.clipboard.writeText('nothing');
      await run(action(await cardAt(ts, posOf(ts, 'WEB-7')), 'tracker.copyKey'));
      assert.strictEqual(await vscode.env.clipboard.readText(), 'WEB-7');
    });

    it('Open in Tracker opens the issue URL', async () => {
      const env = vscode.env as unknown as { openExternal: (uri: vscode.Uri) => Thenable<boolean> };
      const original = env.openExternal;
      const opened: string[] = [];
      try {
        env.openExternal = async (uri: vscode.Uri) => {
          opened.push(uri.toString(true));
          return true;
        };
      } catch {
        // A frozen API object: the command still has to run without failing.
      }
      try {
        await run(action(await cardAt(ts, posOf(ts, 'TREK-12')), 'tracker.openInTracker'));
        if (env.openExternal !== original) assert.deepStrictEqual(opened, [t.services.settings.issueUrl('TREK-12')]);
      } finally {
        if (env.openExternal !== original) env.openExternal = original;
      }
    });

    it('Add Link… starts the add-link flow with the hovered issue as the source', async () => {
      const done = run(action(await cardAt(ts, posOf(ts, 'TREK-12')), 'tracker.addLink'));
      const shown = await nextInput('addLink.relationship');
      assert.match(String(shown.input.placeholder), /TREK-12/);
      await pressEscape();
      const r = (await withTimeout(done, 10000, 'tracker.addLink')) as { cancelled: boolean };
      assert.strictEqual(r.cancelled, true);
    });

    it('Link to Current Issue as… links the hovered key to the current issue; the next card shows the new link', async () => {
      await t.services.current.pin('TREK-12');
      const card = await cardAt(ts, posOf(ts, 'TREK-15'));
      const link = action(card, 'tracker.linkToCurrent');
      assert.strictEqual(link.title, 'Link to Current Issue as…');
      const done = run(link);
      await answerPick('addLink.relationship', (i) => (i as vscode.QuickPickItem & { rel?: { value: string } }).rel?.value === 'relates');
      const r = (await withTimeout(done, 15000, 'tracker.linkToCurrent')) as { created: string[] };
      assert.deepStrictEqual(r.created, ['TREK-15']);
      assert.ok(sb.linksOf('TREK-12').some((l) => l.relationship === 'relates' && l.other === 'TREK-15'));
      // "Links changed" invalidated the hover cache: the card asks again and lists it.
      const after = await waitFor(async () => {
        const md = await cardAt(ts, posOf(ts, 'TREK-12'));
        return md.value.includes('Relates** (3)') ? md : undefined;
      }, 5000, 'the new link in the card');
      assert.match(after.value, /TREK\\-15/);
    });
  });

  describe('signed out', () => {
    it('signed out: no card and no request', async () => {
      await signOut();
      const n = sb.requests.length;
      assert.deepStrictEqual(await hoverAt(ts, posOf(ts, 'TREK-12')), []);
      assert.strictEqual(sb.requests.length, n);
    });
  });
});
