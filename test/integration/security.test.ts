// Security checks through the real extension: where the token may and may
// not end up (log, messages, tree, settings files), settings a workspace
// must not be able to set, the plain-http refusal, and server text that must
// stay text. The hover's side of "server text stays text" is in
// hover.test.ts ("Markdown and HTML injected into summaries stay inert text").
import * as assert from 'node:assert';
import { randomBytes } from 'node:crypto';
// Default imports: the module objects themselves, so a patch is seen by every user of them.
import dns from 'node:dns';
import * as fs from 'node:fs';
import http from 'node:http';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TrackerTestApi } from '../../src/extension';
import type { AddLinkResult } from '../../src/linking/addLink';
import type { LinkEntitiesResult } from '../../src/linking/linkEntities';
import type { LinkedNode, LinksNode } from '../../src/views/linksTree';
import { choose, shownPick } from './pickHelpers';
import {
  answerInput,
  answerPick,
  dismissNotifications,
  labelOf,
  nextInput,
  setUserSettings,
  signInToSandbox,
  sleep,
  startSandbox,
  useSandboxSuite,
  waitFor,
  withTimeout,
  type MessageCapture,
  type SandboxServer,
  linksTreeReader,
} from './helpers';

/** A Markdown or notification link into a command: `[text](command:…)`. */
const COMMAND_LINK = /\]\(command:/;
const EVIL = '[Open terminal](command:workbench.action.terminal.new) <img src=x onerror=alert(1)>';

describe('Security checks (token, settings, base URL, server text)', function () {
  this.timeout(40000);
  let sb: SandboxServer;
  let t: TrackerTestApi;
  let messages: MessageCapture;
  const token = `tl-secret-${randomBytes(8).toString('hex')}`;
  const wrongToken = `tl-wrong-${randomBytes(8).toString('hex')}`;

  const { tree, children, item, root } = linksTreeReader(() => t);
  /** Every text of every item down to the linked issues of the root (labels, descriptions, tooltips). */
  const treeTexts = async (): Promise<string[]> => {
    const out: string[] = [];
    const visit = async (nodes: LinksNode[], depth: number): Promise<void> => {
      for (const n of nodes) {
        const it = tree().resolveTreeItem(item(n), n);
        const tip = it.tooltip instanceof vscode.MarkdownString ? it.tooltip.value : (it.tooltip ?? '');
        out.push(labelOf(it), String(it.description ?? ''), tip);
        if (depth < 2 && n.kind !== 'linked') await visit(await children(n), depth + 1);
      }
    };
    await visit(await children(), 0);
    return out;
  };
  const workspaceDir = () => vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';

  /** The log channel's file, once it holds a fresh marker line (the channel writes asynchronously). */
  const logText = async (): Promise<string> => {
    const marker = `security-marker-${randomBytes(4).toString('hex')}`;
    t.services.log.info(marker);
    return waitFor(
      () => {
        const text = fs.existsSync(t.logFile) ? fs.readFileSync(t.logFile, 'utf8') : '';
        return text.includes(marker) ? text : undefined;
      },
      10000,
      `the marker in ${t.logFile}`,
    );
  };

  /** The user settings.json as VS Code itself opens it (desktop or code-server alike). */
  const userSettingsText = async (): Promise<string> => {
    await vscode.commands.executeCommand('workbench.action.openSettingsJson');
    const doc = await waitFor(() => vscode.window.activeTextEditor?.document, 5000, 'the user settings.json editor');
    assert.match(doc.uri.path, /\/User\/settings\.json$/, `opened ${doc.uri.toString()}`);
    const text = doc.getText();
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    return text;
  };

  useSandboxSuite({ sandbox: { token }, settings: { branchDetection: false, queues: ['TREK'] }, signIn: false, view: 'explorer', bind: (s) => ({ t, sb, messages } = s) });

  it('the token is never in the Tracker log, a message, the tree or a settings.json, even when the server echoes it', async function () {
    this.timeout(60000);
    // A mistyped token first: refused, and not written anywhere either.
    const done = vscode.commands.executeCommand<boolean>('tracker.signIn');
    await answerPick('signIn.orgKind', 'Yandex 360 for Business');
    await answerInput('signIn.orgId', sb.orgId);
    await answerInput('signIn.token', wrongToken);
    await messages.wait(/did not accept the OAuth token \(401\)/);
    await dismissNotifications();
    assert.strictEqual(await withTimeout(done, 10000, 'the refused sign-in'), false);
    assert.ok(await signInToSandbox(sb));

    await t.services.current.pin('TREK-12');
    await waitFor(() => t.services.current.current?.key === 'TREK-12', 5000, 'TREK-12 pinned');
    await root();
    // A round of faults, some of them echoing the token in their error text.
    const faults = [
      { httpError: { count: 100, status: 401, message: `Token ${token} was revoked` } },
      { httpError: { count: 100, status: 403, message: `No access for ${token}` } },
      { httpError: { count: 100, status: 422, message: 'Invalid', errors: { issue: `bad ${token}` } } },
      { serverError: { count: 100, status: 503 as const } },
      { malformedJson: { count: 100 } },
      { drop: { count: 100 } },
    ];
    const texts: string[] = [];
    for (const f of faults) {
      // A create whose answer was lost and could not be checked drops the cached
      // issue (its outcome is unknown): read it again before the next fault, so
      // the relationship step has the issue's type under every fault.
      sb.resetFaults();
      await t.services.store.getIssue('TREK-12');
      sb.setFaults(f);
      await vscode.commands.executeCommand('tracker.refreshLinks');
      texts.push(...(await treeTexts()));
      const done = Promise.resolve(vscode.commands.executeCommand<AddLinkResult>('tracker.linkToCurrent', 'TREK-23'));
      await choose(await shownPick('addLink.relationship'), 'Relates to');
      const r = await withTimeout(done, 20000, 'the add-link flow');
      assert.deepStrictEqual(r.created, []);
    }
    sb.resetFaults();
    // Remove Link refused with the token echoed: the ErrorReporter's own notification.
    const n = (await children((await children(await root()))[0]))[0] as LinkedNode;
    sb.setFaults({ httpError: { count: 1, status: 403, message: `Refused for ${token}` }, match: { method: 'DELETE' } });
    t.services.prompts.answerNext('Remove');
    await vscode.commands.executeCommand('tracker.removeLink', n);
    await messages.wait(/^Could not remove the link\. No rights to edit /);

    assert.ok(messages.messages.length >= faults.length, 'the faults were reported');
    const shown = messages.messages.map((m) => m.text).concat(texts);
    assert.ok(shown.some((s) => s.includes('***')), 'an echoed token is shown as ***');
    assert.deepStrictEqual(shown.filter((s) => s.includes(token) || s.includes(wrongToken)), [], 'a message or tree item showed a token');

    const log = await logText();
    assert.match(log, /GET \/v2\/issues\/TREK-12\/links \d{3}/, 'the log has the requests');
    assert.ok(!log.includes(token), 'the token is in the log');
    assert.ok(!log.includes(wrongToken), 'the refused token is in the log');

    const user = await userSettingsText();
    assert.match(user, /"tracker\.orgId"/, 'this is the file the extension writes');
    assert.ok(!user.includes(token), 'the token is in the user settings.json');
    const wsSettings = path.join(workspaceDir(), '.vscode', 'settings.json');
    if (fs.existsSync(wsSettings)) assert.ok(!fs.readFileSync(wsSettings, 'utf8').includes(token), 'the token is in the workspace settings.json');
    const cfg = vscode.workspace.getConfiguration('tracker');
    const keys = Object.keys(cfg).filter((k) => typeof (cfg as unknown as Record<string, unknown>)[k] !== 'function');
    for (const k of keys) {
      const i = cfg.inspect(k);
      assert.ok(!JSON.stringify([i?.globalValue, i?.workspaceValue, i?.workspaceFolderValue]).includes(token), `tracker.${k} holds the token`);
    }
  });

  it('a workspace .vscode/settings.json cannot redirect the token: its tracker.baseUrl, orgKind and orgId are ignored', async () => {
    assert.ok(await signInToSandbox(sb));
    // Where a hostile workspace would send the token: nothing must arrive.
    const evil = await startSandbox({ token });
    const dir = path.join(workspaceDir(), '.vscode');
    const file = path.join(dir, 'settings.json');
    const hadDir = fs.existsSync(dir);
    const previous = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    try {
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(
        file,
        JSON.stringify(
          {
            'tracker.baseUrl': evil.url,
            'tracker.orgKind': 'cloud',
            'tracker.orgId': '666',
            'tracker.requestTimeoutSeconds': 1,
            // A workspace may set this one: it shows when VS Code has read the file.
            'tracker.hover.scope': 'everywhere',
          },
          null,
          2,
        ),
      );
      await waitFor(() => vscode.workspace.getConfiguration('tracker').get('hover.scope') === 'everywhere', 10000, 'VS Code to read the workspace settings');
      const i = vscode.workspace.getConfiguration('tracker').inspect<string>('baseUrl');
      assert.strictEqual(i?.workspaceValue, undefined, 'VS Code itself drops an application setting from a workspace');
      assert.deepStrictEqual(
        [t.services.settings.baseUrl, t.services.settings.orgKind, t.services.settings.orgId, t.services.settings.timeoutMs],
        [sb.url, 'yandex360', sb.orgId, 15000],
      );
      t.services.store.invalidate();
      await t.services.current.pin('TREK-12');
      await waitFor(() => t.services.current.current?.key === 'TREK-12', 5000, 'TREK-12 pinned');
      const r = await root();
      assert.strictEqual(r.stale, undefined);
      const sent = sb.requests.filter((q) => q.path.startsWith('/v2/issues/TREK-12'));
      assert.ok(sent.length > 0 && sent.every((q) => q.headers['x-org-id'] === sb.orgId && q.headers['x-cloud-org-id'] === undefined));
      assert.strictEqual(evil.requests.length, 0, 'a request went to the workspace\'s server');
    } finally {
      if (previous === undefined) fs.rmSync(file, { force: true });
      else fs.writeFileSync(file, previous);
      if (!hadDir) fs.rmSync(dir, { recursive: true, force: true });
      await evil.close();
    }
    await waitFor(() => vscode.workspace.getConfiguration('tracker').get('hover.scope') === 'comments', 10000, 'the workspace setting gone');
  });

  it('an http:// base URL that is not loopback is refused: sign-in says why, asks nothing and sends nothing, not even a DNS lookup', async () => {
    assert.ok(await signInToSandbox(sb));
    const looked: string[] = [];
    const requested: string[] = [];
    const d = dns as unknown as { lookup: (...a: unknown[]) => unknown };
    const h = http as unknown as { request: (...a: unknown[]) => unknown };
    const [lookup, request] = [d.lookup, h.request];
    d.lookup = function (this: unknown, host: unknown, ...rest: unknown[]) {
      looked.push(String(host));
      return lookup.call(this, host, ...rest);
    };
    h.request = function (this: unknown, ...args: unknown[]) {
      const a = args[0];
      requested.push(a instanceof URL ? a.host : typeof a === 'string' ? a : String((a as { host?: string; hostname?: string }).hostname ?? (a as { host?: string }).host));
      return request.apply(this, args);
    };
    try {
      await setUserSettings({ baseUrl: 'http://tracker.example.com' });
      await waitFor(() => t.services.settings.baseUrl === 'http://tracker.example.com', 5000, 'the http base URL');
      const refusal = /^The "tracker\.baseUrl" setting is refused: The Tracker API address must use https:\/\/ \(plain http:\/\/ is allowed only for 127\.0\.0\.1, localhost or \[::1\]\): http:\/\/tracker\.example\.com$/;

      const signedIn = await withTimeout(Promise.resolve(vscode.commands.executeCommand<boolean>('tracker.signIn')), 10000, 'the refused sign-in');
      assert.strictEqual(signedIn, false);
      const m = await messages.wait(refusal);
      assert.deepStrictEqual([m.kind, m.actions], ['error', ['Open Settings']]);
      await assert.rejects(nextInput('signIn.orgKind', 500), /Timed out/, 'no step of the sign-in was shown');

      // The tree and a command say the same, and send nothing either.
      await t.services.current.pin('TREK-12');
      const kids = await children();
      assert.ok(kids[0]?.kind === 'message' && refusal.test(labelOf(item(kids[0]))), kids.map((k) => labelOf(item(k))).join(' | '));
      await vscode.commands.executeCommand('tracker.addLink', 'TREK-12');
      assert.strictEqual(messages.messages.filter((x) => refusal.test(x.text)).length, 2);
      // Other look-alikes of loopback are refused as well.
      for (const url of ['http://localhost.example.com', 'http://127.0.0.1.nip.io', 'http://[::ffff:7f00:1]', 'ftp://127.0.0.1']) {
        await setUserSettings({ baseUrl: url });
        await waitFor(() => t.services.settings.baseUrl === url, 5000, url);
        assert.ok(t.services.connection.baseUrlProblem(), `${url} is accepted`);
      }
      await sleep(200);
      assert.deepStrictEqual(looked.filter((x) => !/^(127\.0\.0\.1|localhost)$/.test(x)), [], 'a DNS lookup was made');
      assert.deepStrictEqual(requested.filter((x) => !x.startsWith('127.0.0.1')), [], 'a request was made');
    } finally {
      d.lookup = lookup;
      h.request = request;
      await setUserSettings({ baseUrl: sb.url });
    }
  });

  it('server text with Markdown or command links stays text: plain tree labels, untrusted tooltips, no links in notifications', async () => {
    // The server's text changes before sign-in: a view that loads on sign-in
    // (the issue may still be current from an earlier test) must see it too.
    const issue = (key: string) => {
      const i = sb.data.issues.find((x) => x.key === key);
      assert.ok(i, key);
      return i;
    };
    issue('TREK-12').summary = EVIL;
    issue('TREK-14').summary = `linked ${EVIL}`;
    assert.ok(await signInToSandbox(sb));
    await t.services.current.pin('TREK-12');
    await waitFor(() => t.services.current.current?.key === 'TREK-12', 5000, 'TREK-12 pinned');
    await vscode.commands.executeCommand('tracker.refreshLinks');
    const r = await root();
    const ri = item(r);
    assert.strictEqual(ri.label, `TREK-12 ${EVIL}`, 'a plain string label, shown as it is');
    const groups = await children(r);
    const blockedBy = groups.find((g) => g.kind === 'group' && g.info.id === 'blockedBy') as LinksNode;
    const n = ((await children(blockedBy)) as LinkedNode[]).find((x) => x.key === 'TREK-14') as LinkedNode;
    assert.strictEqual(item(n).label, `TREK-14 linked ${EVIL}`);
    for (const [node, it] of [[r, ri], [n, item(n)]] as Array<[LinksNode, vscode.TreeItem]>) {
      const tip = tree().resolveTreeItem(it, node);
      assert.ok(tip.tooltip instanceof vscode.MarkdownString);
      assert.ok(!tip.tooltip.isTrusted, 'the tooltip trusts no command');
      assert.ok(!tip.tooltip.supportHtml, 'no HTML in the tooltip');
      assert.ok(!COMMAND_LINK.test(tip.tooltip.value), tip.tooltip.value);
    }

    // Notifications render [text](command:…) as a link that runs the command when clicked.
    for (const status of [422, 403]) {
      sb.setFaults({ httpError: { count: 1, status, message: EVIL, errors: status === 422 ? { relationship: EVIL } : {} }, match: { method: 'POST' } });
      const done = Promise.resolve(vscode.commands.executeCommand<AddLinkResult>('tracker.linkToCurrent', 'TREK-23'));
      await choose(await shownPick('addLink.relationship'), 'Relates to');
      await withTimeout(done, 20000, 'the add-link flow');
      const refused = await messages.wait(status === 422 ? /^No link was created\. TREK-23: Tracker rejected/ : /^No link was created\. TREK-23: No rights/);
      assert.ok(refused.text.includes('[Open terminal] (command:workbench.action.terminal.new)'), `the server's words are kept as text: ${refused.text}`);
    }

    sb.setFaults({ httpError: { count: 1, status: 403, message: EVIL }, match: { method: 'DELETE' } });
    t.services.prompts.answerNext('Remove');
    await vscode.commands.executeCommand('tracker.removeLink', n);
    await messages.wait(/^Could not remove the link\. No rights to edit /);

    // An entity named by any member of the organisation, in the summary of Link Entities.
    const project = sb.data.entities.find((e) => e.entityType === 'project' && e.summary === 'Issue key detection');
    assert.ok(project);
    project.summary = `Key detection ${EVIL}`;
    const linking = Promise.resolve(vscode.commands.executeCommand<LinkEntitiesResult>('tracker.linkEntities'));
    await choose(await shownPick('linkEntities.type'), 'Project');
    await choose(await shownPick('linkEntities.source'), 'Marketplace launch');
    await choose(await shownPick('linkEntities.relationship'), 'Relates to');
    await choose(await shownPick('linkEntities.targetType'), 'Project');
    await choose(await shownPick('linkEntities.targets'), project.summary);
    const linked = await withTimeout(linking, 20000, 'the link-entities flow');
    assert.deepStrictEqual(linked.created, [project.id]);
    await messages.wait(/^Linked: Marketplace launch relates to Key detection /);

    const withLinks = messages.messages.filter((m) => COMMAND_LINK.test(m.text));
    assert.deepStrictEqual(withLinks, [], 'a notification carries a command link');
  });
});
