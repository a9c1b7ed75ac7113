// The fault suite: the sandbox's fault switches against the real extension
// (commands answered through the real quick pick, the links tree provider,
// the hover provider). For every fault: a clear message for the user, no
// unhandled promise rejection in the extension host, never a duplicate link
// on the server, and the tree never loses what it showed.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TrackerTestApi } from '../../src/extension';
import type { AddLinkResult } from '../../src/linking/addLink';
import type { ImportFileResult } from '../../src/linking/importFile';
import type { RootNode } from '../../src/views/linksTree';
import { choose, shownPick } from './pickHelpers';
import {
  labelOf,
  setUserSettings,
  signInToSandbox,
  sleep,
  useSandboxSuite,
  waitFor,
  withTimeout,
  type MessageCapture,
  type SandboxServer,
  linksTreeReader,
} from './helpers';


describe('Fault suite (sandbox faults through the real extension)', function () {
  this.timeout(40000);
  let sb: SandboxServer;
  let t: TrackerTestApi;
  let messages: MessageCapture;
  let dir: string;
  let doc: vscode.TextDocument;

  const { children, item, root } = linksTreeReader(() => t);
  /** What the tree shows under the root, one line per item: messages by role and label, groups with their keys. */
  const shape = async (r: RootNode): Promise<string[]> => {
    const out: string[] = [];
    for (const n of await children(r)) {
      if (n.kind === 'message') out.push(`${n.role}: ${labelOf(item(n))}`);
      else if (n.kind === 'group') out.push(`${labelOf(item(n))}: ${((await children(n)) as Array<{ key: string }>).map((l) => l.key).join(' ')}`);
    }
    return out;
  };
  const groupsOnly = (lines: string[]) => lines.filter((l) => !/^(stale|retry|signIn|error): /.test(l));
  /**
   * Pins `key` and waits for the status bar's read of the issue, so the
   * requests counted afterwards are the test's own.
   */
  const pin = async (key: string) => {
    await t.services.current.pin(key);
    await waitFor(() => t.services.current.current?.key === key, 5000, `${key} to become current`);
    await t.services.store.getIssue(key);
    sb.requests.splice(0);
  };
  /** Refresh (fresh from Tracker, as the view's button) and read the tree again. */
  const refreshed = async (): Promise<RootNode> => {
    await vscode.commands.executeCommand('tracker.refreshLinks');
    return root();
  };
  const count = (method: string, p: string) => sb.requests.filter((r) => r.method === method && r.path === p).length;
  const statuses = (method: string, p: string) => sb.requests.filter((r) => r.method === method && r.path === p).map((r) => r.status);
  const linksTo = (from: string, to: string) => sb.linksOf(from).filter((l) => l.other === to);

  /** `Link to Current Issue as…` with `target`, choosing `relationship` in the real pick. */
  const linkToCurrent = async (target: string, relationship: string): Promise<AddLinkResult> => {
    const done = Promise.resolve(vscode.commands.executeCommand<AddLinkResult>('tracker.linkToCurrent', target));
    await choose(await shownPick('addLink.relationship'), relationship);
    return withTimeout(done, 20000, 'the add-link flow');
  };
  const importFile = (name: string, text: string, options?: unknown) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return Promise.resolve(vscode.commands.executeCommand<ImportFileResult>('tracker.importLinksFromFile', vscode.Uri.file(file), options));
  };
  const CSV_HEADER = 'source,relationship,target,createdBy,createdAt\n';

  /** The one Tracker card at `needle` in the test document. */
  const card = async (needle: string): Promise<string> => {
    const at = doc.positionAt(doc.getText().indexOf(needle) + 1);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at);
    const cards = hovers.flatMap((h) => h.contents).filter((c): c is vscode.MarkdownString => typeof c === 'object' && 'value' in c && /^\*\*\[?[A-Z]+\\-\d+/.test(c.value));
    assert.strictEqual(cards.length, 1, `one Tracker card at ${needle}`);
    return cards[0].value;
  };

  // The workspace branch names TREK-12: the tests pin the current issue themselves. Hidden, the view loads
  // nothing on its own: every request counted here is the test's.
  useSandboxSuite({ settings: { branchDetection: false, requestTimeoutSeconds: undefined, queues: ['TREK'], 'diagnostics.staleKeys': 'off' }, view: 'explorer', tempDir: 'tracker-faults-', strict: true, bind: (s) => ({ t, sb, messages, dir } = s) });

  before(async () => {
    const file = path.join(dir, 'faults.ts');
    fs.writeFileSync(file, '// TREK-14 is retried; TREK-16 is refused\nexport const x = 1;\n');
    doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(doc, { preview: false });
  });

  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('401 mid-session: the tree keeps its data marked stale, Sign In is asked for once, Add Link offers it too; signing in again restores', async () => {
    await pin('TREK-12');
    const before = await shape(await root());
    assert.ok(before.length > 3 && before.every((l) => !/^(stale|error)/.test(l)), before.join('\n'));

    sb.setFaults({ httpError: { count: 1000, status: 401, message: 'Token revoked' } });
    const r = await refreshed();
    assert.strictEqual(r.key, 'TREK-12');
    assert.ok(r.stale, 'the root is marked stale');
    assert.strictEqual(item(r).description, 'stale: sign-in needed');
    const now = await shape(r);
    assert.match(now[0], /^stale: Showing data from \d\d:\d\d — Not signed in to Tracker, or the token has expired: sign in again\.$/);
    assert.strictEqual(now[1], 'signIn: Sign In…');
    assert.deepStrictEqual(groupsOnly(now), before, 'nothing lost: the same groups and issues');
    const signInAction = (await children(r)).find((n) => n.kind === 'message' && n.role === 'signIn');
    assert.strictEqual(signInAction && item(signInAction).command?.command, 'tracker.signIn');

    const prompt = await messages.wait(/^Not signed in to Tracker, or the token has expired: sign in again\.$/);
    assert.strictEqual(prompt.kind, 'error');
    assert.deepStrictEqual(prompt.actions, ['Sign In', 'Show Log']);
    await refreshed();
    await refreshed();
    assert.strictEqual(messages.messages.filter((m) => m.text === prompt.text).length, 1, 'asked once, not on every refresh');

    // The hover: one line, no popup. (TREK-14's fields are in the store already: the deadline check read them.)
    assert.match(await card('TREK-16'), /^\*\*\[TREK\\-16\]\([^)]+\)\*\* — Not signed in to Tracker/);

    // A create: refused, not repeated, and the summary offers Sign In.
    const result = await linkToCurrent('TREK-23', 'Relates to');
    assert.deepStrictEqual([result.created, result.failed.map((f) => f.key)], [[], ['TREK-23']]);
    const summary = await messages.wait(/^No link was created\. TREK-23: Not signed in to Tracker/);
    assert.deepStrictEqual(summary.actions, ['Sign In', 'Show Log']);
    assert.strictEqual(count('POST', '/v2/issues/TREK-12/links'), 1);
    assert.deepStrictEqual(linksTo('TREK-12', 'TREK-23'), []);

    // The user signs in again: fresh data, nothing stale.
    sb.resetFaults();
    assert.ok(await signInToSandbox(sb));
    const again = await root();
    assert.strictEqual(again.stale, undefined);
    assert.strictEqual(item(again).description, 'In progress');
    assert.deepStrictEqual(await shape(again), before);
  });

  it('403 from a wrong organisation id in user settings: the tree\'s message names X-Org-ID, with Retry', async () => {
    await pin('TREK-12');
    await root();
    try {
      await setUserSettings({ orgId: '424242' });
      await waitFor(() => t.services.settings.orgId === '424242', 5000, 'the new organisation id');
      const kids = await children();
      // Data of another organisation is not shown as this one's: an error, not stale data.
      assert.deepStrictEqual(
        kids.map((k) => (k.kind === 'message' ? k.role : k.kind)),
        ['error', 'retry'],
      );
      const text = labelOf(item(kids[0]));
      assert.match(text, /^Access denied: .*X-Org-ID/);
      assert.match(text, /\(Organization not found or access denied\)$/, 'the server\'s words too');
      const sent = sb.requests.filter((q) => q.path === '/v2/issues/TREK-12');
      assert.ok(sent.length >= 1 && sent.every((q) => q.status === 403 && q.headers['x-org-id'] === '424242'));
    } finally {
      await setUserSettings({ orgId: sb.orgId });
    }
    await waitFor(() => t.services.settings.orgId === sb.orgId, 5000, 'the organisation id back');
    assert.strictEqual((await root()).stale, undefined);
  });

  it('404: an issue deleted meanwhile is named (no stale data of a gone issue); Add Link to a missing issue names it, nothing created', async () => {
    await pin('TREK-12');
    await root();
    const at = sb.data.issues.findIndex((i) => i.key === 'TREK-12');
    sb.data.issues.splice(at, 1);
    await vscode.commands.executeCommand('tracker.refreshLinks');
    const kids = await children();
    assert.deepStrictEqual(
      kids.map((k) => (k.kind === 'message' ? `${k.role}: ${labelOf(item(k))}` : k.kind)),
      ['error: Issue TREK-12 was not found in Tracker.', 'retry: Retry', 'setCurrent: Set Current Issue…'],
    );

    sb.reset();
    t.services.store.invalidate();
    const result = await linkToCurrent('TREK-999', 'Relates to');
    assert.deepStrictEqual(result.created, []);
    const m = await messages.wait(/^No link was created\. TREK-999: /);
    assert.match(m.text, /TREK-999 was not found in Tracker\./);
    assert.strictEqual(count('POST', '/v2/issues/TREK-12/links'), 1);
    assert.deepStrictEqual(linksTo('TREK-12', 'TREK-999'), []);
  });

  it('422: a relationship Tracker refuses names the field; an import with a date outside the issues\' lifetime names createdAt', async () => {
    await pin('TREK-12');
    const before = sb.linksOf('TREK-12');
    const result = await linkToCurrent('TREK-23', 'Sub-issue of');
    assert.deepStrictEqual(result.created, []);
    const m = await messages.wait(/^No link was created\./);
    assert.match(m.text, /TREK-23: Tracker rejected "relationship": TREK-12 already has a parent issue TREK-10\./);
    assert.strictEqual(count('POST', '/v2/issues/TREK-12/links'), 1, 'a 422 is not retried');
    assert.deepStrictEqual(sb.linksOf('TREK-12'), before);

    const imported = await importFile('old.csv', `${CSV_HEADER}TREK-12,relates,TREK-23,alice.morgan,2001-01-01T00:00:00Z\n`);
    assert.deepStrictEqual([imported.created, imported.failed.length], [0, 1]);
    assert.match(imported.failed[0].reason, /^Tracker rejected "createdAt": createdAt is earlier than the creation of /);
    const summary = await messages.wait(/^old\.csv: 0 created/);
    assert.match(summary.text, /line 2: Tracker rejected "createdAt"/);
    assert.strictEqual(count('POST', '/v2/issues/TREK-12/links/_import'), 1);
    assert.deepStrictEqual(sb.linksOf('TREK-12'), before);
  });

  it('429 with Retry-After: 1 on a read: waits, then the tree loads (two requests, no message)', async () => {
    await pin('TREK-12');
    sb.setFaults({ rateLimit: { count: 1, retryAfter: '1' }, match: { method: 'GET', path: '/v2/issues/TREK-12/links' } });
    const started = Date.now();
    const r = await root();
    const waited = Date.now() - started;
    assert.strictEqual(r.stale, undefined);
    assert.ok(r.links.length > 0);
    assert.ok(waited >= 900, `waited ${waited} ms for Retry-After: 1`);
    assert.deepStrictEqual(statuses('GET', '/v2/issues/TREK-12/links'), [429, 200]);
    assert.deepStrictEqual(messages.messages, []);
  });

  it('429 with Retry-After: 1 on a create: the link is created exactly once', async () => {
    await pin('TREK-12');
    sb.setFaults({ rateLimit: { count: 1, retryAfter: '1' }, match: { method: 'POST', path: '/v2/issues/TREK-12/links' } });
    const result = await linkToCurrent('TREK-23', 'Relates to');
    assert.deepStrictEqual(result.created, ['TREK-23']);
    assert.deepStrictEqual(statuses('POST', '/v2/issues/TREK-12/links'), [429, 201], 'repeated once: the 429 was not processed');
    assert.strictEqual(linksTo('TREK-12', 'TREK-23').length, 1);
    await messages.wait(/^Linked: TREK-12 relates to TREK-23\.$/);
  });

  it('500 and 503 bursts: reads are retried and succeed, in the tree and the hover', async () => {
    await pin('TREK-12');
    sb.setFaults({ serverError: { count: 2, status: 503 }, match: { method: 'GET', path: '/v2/issues/TREK-12/links' } });
    const r = await root();
    assert.strictEqual(r.stale, undefined);
    assert.deepStrictEqual(statuses('GET', '/v2/issues/TREK-12/links'), [503, 503, 200]);

    sb.requests.splice(0);
    sb.setFaults({ serverError: { count: 2, status: 500 }, match: { method: 'GET', path: '/v2/issues/TREK-14' } });
    assert.match(await card('TREK-14'), /Client\\: retry on 429 with Retry\\-After/);
    assert.strictEqual(sb.requests.filter((q) => q.status === 500).length, 2);
    assert.deepStrictEqual(messages.messages, []);
  });

  it('a create hit by 503 is not repeated: one POST, the summary says it failed, the tree as before', async () => {
    await pin('TREK-12');
    const before = await shape(await root());
    sb.setFaults({ serverError: { count: 1, status: 503 }, match: { method: 'POST' } });
    const result = await linkToCurrent('TREK-23', 'Relates to');
    assert.deepStrictEqual([result.created, result.failed.map((f) => f.key)], [[], ['TREK-23']]);
    const m = await messages.wait(/^No link was created\./);
    assert.strictEqual(m.kind, 'error');
    assert.match(m.text, /TREK-23: Tracker is unavailable right now \(HTTP 503\)/);
    assert.strictEqual(count('POST', '/v2/issues/TREK-12/links'), 1);
    assert.deepStrictEqual(linksTo('TREK-12', 'TREK-23'), []);
    const after = await shape(await refreshed());
    assert.deepStrictEqual(after, before, 'no half-done state');
  });

  it('malformed JSON: an error item when there is nothing to keep, the last data marked stale when there is', async () => {
    await pin('TREK-15');
    sb.setFaults({ malformedJson: { count: 1000 }, match: { method: 'GET' } });
    const kids = await children();
    assert.deepStrictEqual(
      kids.map((k) => (k.kind === 'message' ? `${k.role}: ${labelOf(item(k))}` : k.kind)),
      ['error: Tracker sent a response that could not be read; try again.', 'retry: Retry'],
    );

    sb.resetFaults();
    await pin('TREK-12');
    const before = await shape(await root());
    sb.setFaults({ malformedJson: { count: 1000 }, match: { method: 'GET' } });
    const r = await refreshed();
    assert.strictEqual(item(r).description, 'stale: unreadable answer');
    const now = await shape(r);
    assert.match(now[0], /^stale: Showing data from \d\d:\d\d — Tracker sent a response that could not be read; try again\.$/);
    assert.strictEqual(now[1], 'retry: Retry');
    assert.deepStrictEqual(groupsOnly(now), before);
    assert.deepStrictEqual(messages.messages, [], 'the tree says it; no popup');
    // Retry once the server is well again: fresh data, the marker gone.
    sb.resetFaults();
    const retry = item((await children(r))[1]).command as vscode.Command;
    await vscode.commands.executeCommand(retry.command, ...(retry.arguments ?? []));
    const fresh = await root();
    assert.strictEqual(fresh.stale, undefined);
    assert.deepStrictEqual(await shape(fresh), before);
  });

  it('a dropped connection: reads are retried and succeed; a create is not repeated and says it failed', async () => {
    await pin('TREK-12');
    sb.setFaults({ drop: { count: 2 }, match: { method: 'GET', path: '/v2/issues/TREK-12/links' } });
    const r = await root();
    assert.strictEqual(r.stale, undefined);
    assert.deepStrictEqual(statuses('GET', '/v2/issues/TREK-12/links'), [0, 0, 200], 'dropped twice (no status), then answered');

    sb.setFaults({ drop: { count: 1 }, match: { method: 'POST' } });
    const result = await linkToCurrent('TREK-23', 'Relates to');
    assert.deepStrictEqual(result.created, []);
    const m = await messages.wait(/^No link was created\./);
    assert.match(m.text, /TREK-23: Could not reach Tracker/);
    assert.strictEqual(count('POST', '/v2/issues/TREK-12/links'), 1);
    assert.deepStrictEqual(linksTo('TREK-12', 'TREK-23'), []);
  });

  it('a stall: times out after tracker.requestTimeoutSeconds with "did not answer in time"; meanwhile other commands work and a progress can be cancelled', async function () {
    this.timeout(60000);
    await setUserSettings({ requestTimeoutSeconds: 1 });
    try {
      await waitFor(() => t.services.settings.timeoutMs === 1000, 5000, 'the 1 s timeout');
      await pin('TREK-12');
      const before = await shape(await root());

      sb.setFaults({ stall: { count: 1000 }, match: { method: 'GET', path: '/links' } });
      await vscode.commands.executeCommand('tracker.refreshLinks');
      const started = Date.now();
      let settledAt = 0;
      const pending = root().finally(() => (settledAt = Date.now()));

      // Another command works while the tree waits: it is not blocked behind it.
      const linked = await linkToCurrent('TREK-23', 'Relates to');
      assert.deepStrictEqual(linked.created, ['TREK-23']);
      assert.strictEqual(settledAt, 0, 'Add Link finished while the tree was still waiting');

      // A cancellable progress stops at once, long before the timeout.
      const cancel = new vscode.CancellationTokenSource();
      const importing = importFile('stalled.csv', `${CSV_HEADER}TREK-15,relates,TREK-23,alice.morgan,2024-05-01T10:00:00Z\n`, { cancellation: cancel.token });
      await sleep(300);
      const cancelledAt = Date.now();
      cancel.cancel();
      const imported = await withTimeout(importing, 5000, 'the cancelled import');
      assert.ok(Date.now() - cancelledAt < 900, `the import stopped ${Date.now() - cancelledAt} ms after Cancel`);
      assert.deepStrictEqual([imported.cancelled, imported.created, imported.notAttempted], [true, 0, 1]);
      assert.strictEqual(count('POST', '/v2/issues/TREK-15/links/_import'), 0);
      cancel.dispose();

      const r = await pending;
      const took = settledAt - started;
      assert.ok(took >= 1000 && took < 20000, `the tree gave up after ${took} ms`);
      assert.strictEqual(item(r).description, 'stale: no answer in time');
      const now = await shape(r);
      assert.match(now[0], /^stale: Showing data from \d\d:\d\d — Tracker did not answer in time; check the connection and try again\.$/);
      assert.deepStrictEqual(groupsOnly(now), before, 'nothing lost');

      // A create that stalls: one POST, and the summary says it did not answer in time.
      sb.setFaults({ stall: { count: 1 }, match: { method: 'POST' } });
      const stalled = await linkToCurrent('TREK-22', 'Relates to');
      assert.deepStrictEqual(stalled.created, []);
      const m = await messages.wait(/^No link was created\. TREK-22: Tracker did not answer in time/);
      assert.strictEqual(m.kind, 'error');
      assert.strictEqual(count('POST', '/v2/issues/TREK-12/links'), 2, 'one for TREK-23, one for TREK-22, none repeated');
      assert.strictEqual(linksTo('TREK-12', 'TREK-23').length, 1);
      assert.deepStrictEqual(linksTo('TREK-12', 'TREK-22'), []);
    } finally {
      sb.resetFaults();
      await setUserSettings({ requestTimeoutSeconds: undefined });
    }
  });
});
